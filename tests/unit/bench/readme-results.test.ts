import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type BenchResults, README_END, README_START, resultsMarkdown } from '../../bench/lib/report';

/** Whitespace and table padding aside (Biome re-pads Markdown tables), the text must match. */
const normalise = (markdown: string) => markdown.replace(/-{3,}/g, '---').replace(/\s+/g, ' ').trim();

describe("the README's performance results", () => {
  it('are the tables of bench-results/latest.json', () => {
    const root = resolve(import.meta.dirname, '../../..');
    const readme = readFileSync(resolve(root, 'README.md'), 'utf8');
    const block = readme.slice(
      readme.indexOf(README_START) + README_START.length,
      readme.indexOf(README_END),
    );
    const json = JSON.parse(readFileSync(resolve(root, 'bench-results/latest.json'), 'utf8')) as BenchResults;
    expect(normalise(block)).toBe(normalise(resultsMarkdown(json)));
  });
});
