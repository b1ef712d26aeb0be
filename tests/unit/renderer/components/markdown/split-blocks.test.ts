import { describe, expect, it } from 'vitest';
import { splitBlocks } from '../../../../../renderer/components/markdown/split-blocks';

describe('splitBlocks', () => {
  it('splits paragraphs and headings on blank lines', () => {
    expect(splitBlocks('# Title\n\nFirst para\nstill first\n\n\nSecond')).toEqual([
      '# Title',
      'First para\nstill first',
      'Second',
    ]);
  });

  it('returns nothing for empty or blank text', () => {
    expect(splitBlocks('')).toEqual([]);
    expect(splitBlocks('\n\n  \n')).toEqual([]);
  });

  it('keeps blank lines inside a fenced code block', () => {
    const text = 'Intro\n\n```python\ndef f():\n\n    return 1\n```\n\nAfter';
    expect(splitBlocks(text)).toEqual(['Intro', '```python\ndef f():\n\n    return 1\n```', 'After']);
  });

  it('needs a closing fence of the same character and at least the same length', () => {
    const text = '````\n```\n\n~~~\n````\n\nnext';
    expect(splitBlocks(text)).toEqual(['````\n```\n\n~~~\n````', 'next']);
  });

  it('treats ~~~ fences like backtick fences', () => {
    expect(splitBlocks('~~~\na\n\nb\n~~~\n\nc')).toEqual(['~~~\na\n\nb\n~~~', 'c']);
  });

  it('runs an unclosed fence to the end (the streaming tail)', () => {
    const text = 'Here:\n\n```ts\nconst a = 1;\n\nconst b';
    expect(splitBlocks(text)).toEqual(['Here:', '```ts\nconst a = 1;\n\nconst b']);
  });

  it('does not take inline triple backticks with more backticks for a fence', () => {
    expect(splitBlocks('```a``` inline\n\nnext')).toEqual(['```a``` inline', 'next']);
  });

  it('keeps a loose list together, including indented continuations', () => {
    const text = '- one\n\n- two\n\n  more about two\n\n- three\n\nAfter the list';
    expect(splitBlocks(text)).toEqual(['- one\n\n- two\n\n  more about two\n\n- three', 'After the list']);
  });

  it('keeps ordered lists together and separates a different list type', () => {
    expect(splitBlocks('1. a\n\n2. b\n\n- c')).toEqual(['1. a\n\n2. b', '- c']);
  });

  it('keeps a GFM table in one block', () => {
    const table = '| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |';
    expect(splitBlocks(`Table:\n\n${table}\n\nDone`)).toEqual(['Table:', table, 'Done']);
  });

  it('handles CRLF line endings', () => {
    expect(splitBlocks('a\r\n\r\nb')).toEqual(['a', 'b']);
  });

  it('settled blocks stay identical while the tail grows', () => {
    const full = 'Para one.\n\n```js\nlet x = 1;\n```\n\n| h |\n|---|\n| v |\n\nLast words here';
    const final = splitBlocks(full);
    for (let cut = 1; cut <= full.length; cut++) {
      const blocks = splitBlocks(full.slice(0, cut));
      // Every block but the last is already final.
      for (let i = 0; i < blocks.length - 1; i++) expect(blocks[i]).toBe(final[i]);
    }
  });

  it('keeps a $$ display-math block with blank lines in one block', () => {
    const text = 'Before\n\n$$\na = b\n\nc = d\n$$\n\nAfter';
    expect(splitBlocks(text)).toEqual(['Before', '$$\na = b\n\nc = d\n$$', 'After']);
  });

  it('keeps a \\[ … \\] display-math block with blank lines in one block', () => {
    const text = 'Before\n\n\\[\n\\begin{aligned}\na &= b\n\nc &= d\n\\end{aligned}\n\\]\n\nAfter';
    expect(splitBlocks(text)).toEqual([
      'Before',
      '\\[\n\\begin{aligned}\na &= b\n\nc &= d\n\\end{aligned}\n\\]',
      'After',
    ]);
  });

  it('runs an unclosed $$ block to the end (the streaming tail)', () => {
    expect(splitBlocks('Intro\n\n$$\nx^2\n\ny')).toEqual(['Intro', '$$\nx^2\n\ny']);
  });

  it('does not open a block for one-line math or prices', () => {
    expect(splitBlocks('$$x^2$$\n\nit costs $5 or $10\n\n\\[ y \\]\n\nend')).toEqual([
      '$$x^2$$',
      'it costs $5 or $10',
      '\\[ y \\]',
      'end',
    ]);
  });

  it('closes a $$ block only with a fence at least as long', () => {
    expect(splitBlocks('$$$\na\n$$\n\nb\n$$$\n\nc')).toEqual(['$$$\na\n$$\n\nb\n$$$', 'c']);
  });

  it('settled blocks stay identical while a math-heavy tail grows', () => {
    const full = 'Intro \\(x\\).\n\n$$\na\n\nb\n$$\n\n\\[\nc\n\nd\n\\]\n\nit costs $5 or $10';
    const final = splitBlocks(full);
    expect(final).toHaveLength(4);
    for (let cut = 1; cut <= full.length; cut++) {
      const blocks = splitBlocks(full.slice(0, cut));
      for (let i = 0; i < blocks.length - 1; i++) expect(blocks[i]).toBe(final[i]);
    }
  });
});
