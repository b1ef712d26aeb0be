import { describe, expect, it } from 'vitest';
import { applyCompareEvents, type PaneLink } from '../../../../../renderer/features/compare/compare-events';
import { jsonlLines, toMarkdown } from '../../../../../renderer/features/compare/compare-export';
import { emptyAnswer, newPane, paneHistory } from '../../../../../renderer/features/compare/compare-model';
import type { StreamEvent, StreamEventBody } from '../../../../../shared/stream-events';
import { metrics, setup } from './harness';

/* Compare with reasoning models: reasoning and items per pane, sent back on the next turn. */

const CLAUDE = 'databricks-claude-sonnet-4-6';
const LLAMA = 'databricks-meta-llama-3-3-70b-instruct';

function apply(bodies: StreamEventBody[]) {
  const pane = { ...newPane('p', CLAUDE), answers: [emptyAnswer(0)] };
  const links = new Map<string, PaneLink>([['s', { paneId: 'p', turn: 0, lastSeq: -1, ended: false }]]);
  const events = bodies.map((b, seq) => ({ ...b, streamId: 's', seq }) as StreamEvent);
  return applyCompareEvents([pane], links, events).panes[0]?.answers[0];
}

describe('applyCompareEvents: reasoning and items', () => {
  it('builds the answer reasoning with its signature, and its tool items in order', () => {
    const call = { type: 'function_call' as const, callId: 'c', name: 'f', arguments: '{}' };
    const answer = apply([
      { type: 'reasoning', index: 0, item: 0, part: 0, text: 'Hmm.' },
      { type: 'reasoning', index: 0, item: 0, part: 0, text: '', signature: 'sig' },
      { type: 'item', index: 0, item: call },
      { type: 'delta', index: 0, text: 'Done.' },
      // Only choice 0 is shown in a comparison.
      { type: 'reasoning', index: 1, item: 0, part: 0, text: 'ignored' },
    ]);
    expect(answer).toMatchObject({
      content: 'Done.',
      reasoning: [{ summary: [{ type: 'summary_text', text: 'Hmm.', signature: 'sig' }] }],
      items: [call],
    });
  });
});

describe('compare store: reasoning', () => {
  it("sends each pane's own reasoning back on the next turn, and only the settings it takes", async () => {
    const s = setup();
    s.setPanes([CLAUDE, LLAMA]);
    s.state().setSharedParams({ max_tokens: 4000, thinking_budget: 2000 });
    await s.send('First');
    // The shared budget reaches the pane that takes one only.
    expect(s.chats.map((c) => c.params)).toEqual([
      { max_tokens: 4000, thinking_budget: 2000 },
      { max_tokens: 4000 },
    ]);
    s.emit(s.id(1), 0, { type: 'reasoning', index: 0, item: 0, part: 0, text: 'Think', signature: 'sig' });
    s.emit(s.id(1), 1, { type: 'delta', index: 0, text: 'Claude says' });
    s.emit(s.id(1), 2, { type: 'done', finishReasons: ['stop'], metrics: metrics({ reasoningTokens: 2 }) });
    s.emit(s.id(2), 0, { type: 'delta', index: 0, text: 'Llama says' });
    s.emit(s.id(2), 1, { type: 'done', finishReasons: ['stop'], metrics: metrics() });
    s.frame();
    await s.flush();
    await s.send('Second');
    const reasoning = [{ summary: [{ type: 'summary_text', text: 'Think', signature: 'sig' }] }];
    expect(s.chats[2]?.messages[1]).toEqual({ role: 'assistant', content: 'Claude says', reasoning });
    expect(s.chats[3]?.messages[1]).toEqual({ role: 'assistant', content: 'Llama says' });
  });

  it('paneHistory leaves the reasoning fields out of a plain answer', () => {
    const pane = {
      ...newPane('p', LLAMA),
      answers: [{ ...emptyAnswer(0), content: 'A', status: 'done' as const }],
    };
    expect(paneHistory(pane, '', ['Q', 'Next'])).toEqual([
      { role: 'user', content: 'Q' },
      { role: 'assistant', content: 'A' },
      { role: 'user', content: 'Next' },
    ]);
  });
});

describe('compare export with reasoning', () => {
  it('puts a Thinking block before the answer in Markdown, and the reasoning tokens in JSONL', () => {
    const answer = {
      ...emptyAnswer(0),
      content: 'Blue.',
      status: 'done' as const,
      metrics: metrics({ reasoningTokens: 7 }),
      reasoning: [{ summary: [{ type: 'summary_text' as const, text: 'Scattering.', signature: 's' }] }],
    };
    const c = {
      title: 'Sky',
      systemPrompt: '',
      sharedParams: {},
      turns: ['Why?'],
      synthetic: false,
      panes: [{ ...newPane('p', CLAUDE), answers: [answer] }],
    };
    const md = toMarkdown(c);
    expect(md.indexOf('> **Thinking**')).toBeLessThan(md.indexOf('Blue.'));
    expect(md).toContain('> Scattering.');
    expect(jsonlLines(c)[0]?.metrics.reasoning_tokens).toBe(7);
  });
});
