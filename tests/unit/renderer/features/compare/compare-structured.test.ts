import { describe, expect, it } from 'vitest';
import type { CompareAnswer } from '../../../../../renderer/core/db/records';
import { jsonlLines, toMarkdown } from '../../../../../renderer/features/compare/compare-export';
import {
  emptyAnswer,
  newPane,
  type PaneState,
  paneHistory,
} from '../../../../../renderer/features/compare/compare-model';
import {
  formatNotSent,
  summaryText,
  validationSummary,
} from '../../../../../renderer/features/compare/compare-structured';
import type { GenerationParams } from '../../../../../shared/domain';
import { metrics, setup } from './harness';

/* Compare with a response format: each pane's verdict, the turn's summary, the export. */

const LLAMA = 'databricks-meta-llama-3-3-70b-instruct';
const CLAUDE = 'databricks-claude-sonnet-4-6';
const DBRX = 'databricks-dbrx-instruct';
const SENTIMENT: GenerationParams = {
  response_format: {
    type: 'json_schema',
    json_schema: {
      name: 'sentiment',
      schema: {
        type: 'object',
        properties: { label: { type: 'string', enum: ['positive', 'negative'] }, score: { type: 'number' } },
        required: ['label', 'score'],
      },
      strict: true,
    },
  },
};

const done = (content: string, params: GenerationParams = SENTIMENT): CompareAnswer => ({
  ...emptyAnswer(0),
  content,
  status: 'done',
  params,
});
const pane = (id: string, answer?: CompareAnswer): PaneState => ({
  ...newPane(id, LLAMA),
  answers: answer ? [answer] : [],
});

describe('validationSummary', () => {
  it('counts the finished panes asked for JSON, and those that passed', () => {
    const panes = [
      pane('a', done('{"label": "positive", "score": 0.9}')),
      pane('b', done('```json\n{"label": "negative", "score": 0.2}\n```')),
      pane('c', done('{"label": "meh"}')),
      pane('d', { ...done('{"label": "pos'), status: 'streaming' }),
      pane('e', done('plain', {})),
      pane('f'),
    ];
    const summary = validationSummary(panes, 0);
    expect(summary).toEqual({ judged: 3, valid: 2, schema: true });
    expect(summary && summaryText(summary)).toBe('2 of 3 panes match the schema');
    expect(summary && summaryText(summary, 1)).toBe(
      '2 of 3 panes match the schema · 1 not asked (no response format on its model)',
    );
  });

  it('is null when no pane was asked for JSON; speaks of objects for json_object', () => {
    expect(validationSummary([pane('a', done('x', {}))], 0)).toBeNull();
    const objects = validationSummary(
      [pane('a', done('{}', { response_format: { type: 'json_object' } }))],
      0,
    );
    expect(objects && summaryText(objects)).toBe('1 of 1 pane answered a valid JSON object');
  });
});

describe('formatNotSent', () => {
  it('says why a pane on a model without structured outputs was not asked', () => {
    const dbrx = { ...newPane('d', DBRX), answers: [] };
    expect(formatNotSent(dbrx, SENTIMENT, undefined)).toBe(
      'DBRX models take no response format (JSON object or schema).',
    );
    expect(formatNotSent({ ...newPane('l', LLAMA), answers: [] }, SENTIMENT, undefined)).toBeNull();
    expect(formatNotSent(dbrx, {}, undefined)).toBeNull();
  });
});

describe('compare store with a response format', () => {
  it('keeps on each answer the parameters it was sent with: the format only where it can go', async () => {
    const s = setup();
    s.setPanes([LLAMA, CLAUDE, DBRX]);
    s.state().setSharedParams(SENTIMENT);
    await s.send('I love it');
    expect(s.chats.map((c) => c.params)).toEqual([SENTIMENT, SENTIMENT, {}]);
    const answers = s.state().panes.map((p) => p.answers[0]?.params);
    expect(answers).toEqual([SENTIMENT, SENTIMENT, {}]);
    s.emit(s.id(1), 0, { type: 'delta', index: 0, text: '{"label": "positive", "score": 1}' });
    s.emit(s.id(1), 1, { type: 'done', finishReasons: ['stop'], metrics: metrics() });
    s.emit(s.id(2), 0, { type: 'delta', index: 0, text: '{"label": "great"}' });
    s.emit(s.id(2), 1, { type: 'done', finishReasons: ['stop'], metrics: metrics() });
    s.emit(s.id(3), 0, { type: 'delta', index: 0, text: 'Positive!' });
    s.emit(s.id(3), 1, { type: 'done', finishReasons: ['stop'], metrics: metrics() });
    s.frame();
    await s.flush();
    // The setup changing afterwards does not change how the turn is judged.
    s.state().setSharedParams({});
    expect(summaryText(validationSummary(s.state().panes, 0) ?? { judged: 0, valid: 0, schema: false })).toBe(
      '1 of 2 panes match the schema',
    );
    const lines = jsonlLines({ ...s.state(), synthetic: true });
    expect(lines.map((l) => l.validation?.result ?? null)).toEqual(['valid', 'mismatch', null]);
    expect(lines[0]?.validation?.message).toBe('Valid JSON · matches sentiment');
    expect(lines[0]?.parameters).toEqual(SENTIMENT);
    const md = toMarkdown({ ...s.state(), synthetic: true });
    expect(md).toContain('**Structured output:** ✓ Valid JSON · matches sentiment');
    expect(md).toContain("**Structured output:** ✗ Doesn't match sentiment: ");
    // Saved with the comparison, so a reopened one is judged the same.
    const saved = [...s.comparisons.rows.values()][0];
    expect(saved?.panes[0]?.answers[0]?.params).toEqual(SENTIMENT);
  });
});

describe('paneHistory with tool calls', () => {
  it('sends an earlier answer without the calls that never got a result', () => {
    const answered = { type: 'function_call' as const, callId: 'a', name: 'f', arguments: '{}' };
    const output = { type: 'function_call_output' as const, callId: 'a', output: '1' };
    const waiting = { type: 'function_call' as const, callId: 'b', name: 'f', arguments: '{}' };
    const earlier = { ...done('Partly done.', {}), items: [answered, output, waiting] };
    const messages = paneHistory(pane('p', earlier), '', ['First', 'Second']);
    expect(messages[1]).toEqual({ role: 'assistant', content: 'Partly done.', items: [answered, output] });
  });
});
