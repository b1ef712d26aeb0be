import { describe, expect, it } from 'vitest';
import {
  hasEncryptedReasoning,
  hasReasoning,
  prettyJson,
  reasoningText,
  reasoningWords,
  thinkingMarkdown,
  toolExchanges,
  toolItemsMarkdown,
  withOutputItem,
  withReasoningPiece,
} from '../../../../renderer/core/reasoning';
import type { OutputItem, ReasoningItem } from '../../../../shared/domain';

const piece = (
  item: number,
  part: number,
  text: string,
  extra: { signature?: string; encrypted?: string; itemId?: string } = {},
) => ({
  item,
  part,
  text,
  ...extra,
});

describe('withReasoningPiece', () => {
  it('extends a part, starts new parts and items on higher numbers, and attaches signatures', () => {
    let items: ReasoningItem[] = [];
    items = withReasoningPiece(items, piece(0, 0, 'First '));
    items = withReasoningPiece(items, piece(0, 0, 'thought.', { signature: 'sig-0' }));
    items = withReasoningPiece(items, piece(0, 1, 'Second part.', { signature: 'sig-1' }));
    items = withReasoningPiece(items, piece(1, 0, 'New item', { itemId: 'rs_1' }));
    expect(items).toEqual([
      {
        summary: [
          { type: 'summary_text', text: 'First thought.', signature: 'sig-0' },
          { type: 'summary_text', text: 'Second part.', signature: 'sig-1' },
        ],
      },
      { id: 'rs_1', summary: [{ type: 'summary_text', text: 'New item' }] },
    ]);
  });

  it('keeps an encrypted part as data, with nothing to show', () => {
    const items = withReasoningPiece(undefined, piece(0, 0, '', { encrypted: 'opaque==' }));
    expect(items).toEqual([{ summary: [{ type: 'summary_encrypted_text', data: 'opaque==' }] }]);
    expect(hasEncryptedReasoning(items)).toBe(true);
    expect(hasReasoning(items)).toBe(true);
    expect(reasoningText(items)).toBe('');
  });

  it('never mutates its input, and a base shifts the items of a continued answer', () => {
    const before: ReasoningItem[] = [{ summary: [{ type: 'summary_text', text: 'Old', signature: 's' }] }];
    const frozen = structuredClone(before);
    const after = withReasoningPiece(before, piece(0, 0, 'New'), 1);
    expect(before).toEqual(frozen);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).toEqual({ summary: [{ type: 'summary_text', text: 'New' }] });
  });

  it('fills a gap rather than misplacing text', () => {
    const items = withReasoningPiece(undefined, piece(1, 1, 'x'));
    expect(items).toHaveLength(2);
    expect(items[1]?.summary).toEqual([
      { type: 'summary_text', text: '' },
      { type: 'summary_text', text: 'x' },
    ]);
  });
});

describe('reasoning text', () => {
  const items: ReasoningItem[] = [
    { summary: [{ type: 'summary_text', text: '**Plan** the answer' }] },
    {
      summary: [
        { type: 'summary_encrypted_text', data: 'zz' },
        { type: 'summary_text', text: 'then write it.' },
      ],
    },
  ];
  it('joins the readable parts and counts their words', () => {
    expect(reasoningText(items)).toBe('**Plan** the answer\n\nthen write it.');
    expect(reasoningWords(items)).toBe(6);
    expect(reasoningWords([])).toBe(0);
  });
  it('exports as a quoted Thinking block, the encrypted part noted', () => {
    expect(thinkingMarkdown(items)).toBe(
      [
        '> **Thinking**',
        '>',
        '> **Plan** the answer',
        '>',
        '> *(encrypted reasoning — kept, not shown)*',
        '>',
        '> then write it.',
      ].join('\n'),
    );
    expect(thinkingMarkdown(undefined)).toBe('');
  });
});

describe('output items', () => {
  const call: OutputItem = {
    type: 'function_call',
    callId: 'c1',
    name: 'lookup_order',
    arguments: '{"order_id":"A-1"}',
  };
  const output: OutputItem = { type: 'function_call_output', callId: 'c1', output: '{"status":"shipped"}' };

  it('appends items in order and pairs each call with its output', () => {
    const items = withOutputItem(withOutputItem(undefined, call), output);
    expect(items).toEqual([call, output]);
    expect(toolExchanges(items)).toEqual([{ call, output }]);
    expect(toolExchanges([call])).toEqual([{ call, output: null }]);
    expect(toolExchanges([output])).toEqual([{ call: null, output }]);
  });

  it('pretty-prints JSON and leaves anything else as written', () => {
    expect(prettyJson('{"a":1}')).toEqual({ text: '{\n  "a": 1\n}', json: true });
    expect(prettyJson('{not json')).toEqual({ text: '{not json', json: false });
    expect(prettyJson('42')).toEqual({ text: '42', json: false });
  });

  it('exports tool calls as fenced code', () => {
    const md = toolItemsMarkdown([call, output]);
    expect(md).toContain('**Tool call** `lookup_order`');
    expect(md).toContain('```json\n{\n  "order_id": "A-1"\n}\n```');
    expect(md).toContain('**Tool output**');
    // A backtick run inside the text cannot close the fence early.
    expect(toolItemsMarkdown([{ ...call, arguments: 'a ``` b' }])).toContain('````\na ``` b\n````');
  });
});
