import { describe, expect, it } from 'vitest';
import { metricsLine } from '../../../../../renderer/core/db/conversation-format';
import type { MessageRecord } from '../../../../../renderer/core/db/records';
import type { Metrics } from '../../../../../shared/domain';

const metrics: Metrics = {
  startedAt: 0,
  firstByteMs: 900,
  ttftMs: 1000,
  totalMs: 1000,
  tokensPerSec: 50,
  promptTokens: 10,
  completionTokens: 50,
  usageReported: true,
  retries: 0,
};

const answer = (m: Metrics): MessageRecord => ({
  id: 'a',
  conversationId: 'c',
  parentId: null,
  role: 'assistant',
  content: 'x',
  createdAt: 0,
  status: 'done',
  metrics: m,
});

describe('metricsLine', () => {
  it('says when the answer was not streamed (its TTFT is the total time)', () => {
    expect(metricsLine(answer({ ...metrics, streamed: false }))).toContain('TTFT 1000 ms (not streamed)');
    expect(metricsLine(answer(metrics))).not.toContain('not streamed');
  });
});
