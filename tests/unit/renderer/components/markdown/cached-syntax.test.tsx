import { renderToStaticMarkup } from 'react-dom/server';
import ReactMarkdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import { describe, expect, it } from 'vitest';
import { cachedSyntax, type SyntaxPlugin } from '../../../../../renderer/components/markdown/cached-syntax';

const DOC = [
  '# Title ~~struck~~',
  'Visit https://example.com or www.example.org, inline $$x^2$$ math, and a footnote[^1].',
  '- [ ] task\n- [x] done\n   - nested',
  '| a | b |\n| :-- | --: |\n| 1 | 2 |',
  '$$\na = b\n$$',
  '[^1]: The note.',
].join('\n\n');

const MATH = { singleDollarTextMath: false };
const plain: NonNullable<Parameters<typeof ReactMarkdown>[0]['remarkPlugins']> = [
  remarkGfm,
  [remarkMath, MATH],
];
const cached = [
  cachedSyntax(remarkGfm as SyntaxPlugin<undefined>),
  cachedSyntax(remarkMath as SyntaxPlugin<typeof MATH>, MATH),
];

describe('cachedSyntax', () => {
  it('renders exactly like the plugins themselves, every time it is reused', () => {
    const expected = renderToStaticMarkup(<ReactMarkdown remarkPlugins={plain}>{DOC}</ReactMarkdown>);
    expect(expected).toContain('<table>');
    expect(expected).toContain('math-display');
    for (let i = 0; i < 3; i++) {
      expect(renderToStaticMarkup(<ReactMarkdown remarkPlugins={cached}>{DOC}</ReactMarkdown>)).toBe(
        expected,
      );
    }
  });

  it('runs the plugin once', () => {
    let runs = 0;
    const plugin = cachedSyntax(function (this: { data(): Record<string, unknown> }) {
      runs += 1;
      this.data().micromarkExtensions = [{}];
    });
    const data: Record<string, unknown> = {};
    for (let i = 0; i < 3; i++) plugin.call({ data: () => data });
    expect(runs).toBe(1);
    expect(data.micromarkExtensions).toHaveLength(3);
  });

  it('refuses a plugin that returns a transformer', () => {
    const plugin = cachedSyntax(() => () => undefined);
    expect(() => plugin.call({ data: () => ({}) })).toThrow(/transformer/);
  });
});
