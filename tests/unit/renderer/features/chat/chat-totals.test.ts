import { describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../../../../renderer/core/db/records';
import { conversationTotals, estimatedOutputTokens } from '../../../../../renderer/features/chat/chat-totals';
import { METRICS } from './harness';

const answer = (id: string, extra: Partial<MessageRecord>) =>
  ({
    id,
    parentId: 'u',
    createdAt: 1,
    role: 'assistant',
    content: '',
    conversationId: 'c',
    ...extra,
  }) as MessageRecord;

describe('conversationTotals after a reload', () => {
  it('counts an interrupted answer, its output estimated from the saved text', () => {
    const done = answer('a', { metrics: METRICS, costUsd: 0.5, status: 'done' });
    const cut = answer('b', { content: 'x'.repeat(40), status: 'interrupted' });
    const totals = conversationTotals({ a: done, b: cut }, (m) => m.costUsd ?? null);
    expect(estimatedOutputTokens(cut)).toBe(10);
    expect(totals).toEqual({
      answers: 2,
      promptTokens: METRICS.promptTokens,
      completionTokens: (METRICS.completionTokens ?? 0) + 10,
      estimated: true,
      costUsd: 0.5,
      costPartial: true,
    });
  });

  it('still leaves out an answer that is streaming (its totals come when it ends)', () => {
    const streaming = answer('s', { content: 'partial', status: 'streaming' });
    expect(conversationTotals({ s: streaming }, () => null).answers).toBe(0);
  });
});
