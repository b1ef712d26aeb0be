import type { Root, RootContent } from 'mdast';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { convertMathDelimiters } from '../../../../../renderer/components/markdown/math-delimiters';

/** The same parse the app runs: the pre-pass, then remark with `singleDollarTextMath: false`. */
function parse(markdown: string): Root {
  const processor = unified().use(remarkParse).use(remarkMath, { singleDollarTextMath: false });
  return processor.runSync(processor.parse(convertMathDelimiters(markdown))) as Root;
}

/** Every math node as `inline:tex` or `display:tex`. */
function mathOf(markdown: string): string[] {
  const found: string[] = [];
  const visit = (node: Root | RootContent) => {
    if (node.type === 'inlineMath') found.push(`inline:${node.value}`);
    if (node.type === 'math') found.push(`display:${node.value}`);
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(parse(markdown));
  return found;
}

describe('convertMathDelimiters', () => {
  it.each([
    ['plain text', 'plain text'],
    ['it costs $5 or $10', 'it costs $5 or $10'],
    ['area \\(\\pi r^2\\) here', 'area $$ \\pi r^2 $$ here'],
    ['\\[x^2\\]', '$$\nx^2\n$$'],
    ['\\[\n  a + b\n\\]', '$$\na + b\n$$'],
    ['  \\[ a \\]', '  $$\n  a\n  $$'],
    ['see \\[a\\] inline', 'see $$ a $$ inline'],
    ['$$E = mc^2$$', '$$\nE = mc^2\n$$'],
    ['money \\$5 and \\(x\\)', 'money \\$5 and $$ x $$'],
    ['escaped \\\\(not math\\\\)', 'escaped \\\\(not math\\\\)'],
    ['code `\\(x\\)` span', 'code `\\(x\\)` span'],
    ['code ``a ` \\(x\\)`` span', 'code ``a ` \\(x\\)`` span'],
    ['unclosed \\(x + y', 'unclosed \\(x + y'],
    ['empty \\(\\) parens', 'empty \\(\\) parens'],
    ['\\(a $$ b\\)', '$$$ a $$ b $$$'],
    ['\\(\\left( x \\right)\\)', '$$ \\left( x \\right) $$'],
    ['\\(a \\\\ b\\)', '$$ a \\\\ b $$'],
  ])('%j → %j', (input, expected) => {
    expect(convertMathDelimiters(input)).toBe(expected);
  });

  it('leaves fenced code and $$ blocks verbatim', () => {
    const text = '```latex\n\\(x\\) and \\[y\\]\n```\n\n$$\n\\(z\\)\n$$';
    expect(convertMathDelimiters(text)).toBe(text);
  });

  it('converts after a closed code fence, not inside an unclosed one', () => {
    expect(convertMathDelimiters('```\n\\(a\\)\n```\n\\(b\\)')).toBe('```\n\\(a\\)\n```\n$$ b $$');
    expect(convertMathDelimiters('```\n\\(a\\)')).toBe('```\n\\(a\\)');
  });

  it('turns a multi-line \\[ … \\] into one display block, keeping the list indentation', () => {
    const text = '- item\n\n  \\[\n  a = 1\n\n  b = 2\n  \\]\n- next';
    expect(convertMathDelimiters(text)).toBe('- item\n\n  $$\n  a = 1\n  \n  b = 2\n  $$\n- next');
  });
});

describe('the math pipeline (pre-pass + remark-math)', () => {
  it.each([
    ['it costs $5 or $10', []],
    ['between $1 and $2, or $3', []],
    ['escaped \\$x\\$ and \\$\\$y\\$\\$', []],
    ['code `\\(x\\)` and `$$y$$`', []],
    ['inline \\(a^2\\) math', ['inline:a^2']],
    ['inline $$b^2$$ math', ['inline:b^2']],
    ['\\[c^2\\]', ['display:c^2']],
    ['$$d^2$$', ['display:d^2']],
    ['$$\ne^2\n$$', ['display:e^2']],
    ['\\[\n\\frac{a}{b}\n\\]', ['display:\\frac{a}{b}']],
    ['costs $5; area \\(r^2\\)', ['inline:r^2']],
    ['```\n\\(x\\)\n```', []],
  ])('%j has math %j', (input, expected) => {
    expect(mathOf(input)).toEqual(expected);
  });
});
