import { renderToStaticMarkup } from 'react-dom/server';
import ReactMarkdown from 'react-markdown';
import { describe, expect, it } from 'vitest';
import { GROUP_SIZE } from '../../../../../renderer/components/markdown/block-groups';
import { openCode } from '../../../../../renderer/components/markdown/fences';
import { Markdown } from '../../../../../renderer/components/markdown/Markdown';

const DOC = [
  '## Title',
  'Some `code` and a [link](https://example.com).',
  '- one\n- two\n   - nested',
  '| a | b |\n| --- | --- |\n| 1 | 2 |',
  '```ts\nconst a = 1;\n\n\tconst b = `x`;\n```',
  '~~~python title\ndef f():\n    return 1\n~~~',
  '````\n```\nnot closed by three\n````',
  'End.',
].join('\n\n');

/** What react-markdown renders for a lone code block. */
const viaRemark = (source: string) => renderToStaticMarkup(<ReactMarkdown>{source}</ReactMarkdown>);

describe('openCode', () => {
  it('reads an open fence exactly as remark does, at every prefix', () => {
    for (const block of [
      '```ts\nconst a = 1;\n\n\tb\n\n',
      '~~~ python  x=1\ndef f():\n    pass\n``',
      '````\n```\nx',
    ]) {
      for (let cut = 1; cut <= block.length; cut++) {
        const source = block.slice(0, cut);
        const open = openCode(source);
        if (!open) continue;
        const className = open.language ? ` class="language-${open.language}"` : '';
        const text = open.code ? `${open.code}\n` : '';
        const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
        expect(`<pre><code${className}>${escaped}</code></pre>`).toBe(viaRemark(source));
      }
    }
  });

  it('answers only for open, plain code fences', () => {
    expect(openCode('```ts\na')).toEqual({ language: 'ts', code: 'a' });
    expect(openCode('```\n')).toEqual({ language: null, code: '' });
    expect(openCode('```ts\na\n```')).toBeNull();
    expect(openCode('  ```ts\na')).toBeNull();
    expect(openCode('```c\\+\\+\na')).toBeNull();
    expect(openCode('$$\nx')).toBeNull();
    expect(openCode('```ts\r\na')).toBeNull();
    expect(openCode('para')).toBeNull();
  });
});

describe('Markdown', () => {
  it('renders every prefix of a streaming answer like the same text once finished', () => {
    // Every third prefix keeps the test quick; openCode is checked at every character above.
    for (let cut = 1; cut <= DOC.length; cut += 3) {
      const text = DOC.slice(0, cut);
      expect(renderToStaticMarkup(<Markdown text={text} streaming />)).toBe(
        renderToStaticMarkup(<Markdown text={text} />),
      );
    }
  });

  it('puts blocks in group wrappers that hold nothing else', () => {
    const html = renderToStaticMarkup(<Markdown text={'a\n\nb'} />);
    expect(html).toBe(
      '<div class="markdown" data-testid="markdown"><div class="markdown__group"><p>a</p><p>b</p></div></div>',
    );
  });

  it('lets groups but the first be skipped off screen; the last only while streaming', () => {
    const text = Array.from({ length: GROUP_SIZE * 2 + 5 }, (_, i) => `Paragraph ${i}.`).join('\n\n');
    const groups = (html: string) =>
      [...html.matchAll(/<div class="(markdown__group[^"]*)"( style="[^"]*")?>/g)].map((m) => [
        m[1],
        Boolean(m[2]),
      ]);
    expect(groups(renderToStaticMarkup(<Markdown text={text} streaming />))).toEqual([
      ['markdown__group', false],
      ['markdown__group markdown__group--skippable', true],
      // The growing group gets no size estimate: it would change on every update.
      ['markdown__group markdown__group--skippable', false],
    ]);
    expect(groups(renderToStaticMarkup(<Markdown text={text} />))).toEqual([
      ['markdown__group', false],
      ['markdown__group markdown__group--skippable', true],
      ['markdown__group', false],
    ]);
  });
});
