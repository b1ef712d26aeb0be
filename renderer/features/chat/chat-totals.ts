import type { MessageRecord } from '../../core/db/records';
import { CHARS_PER_TOKEN } from './chat-history';
import type { MessageMap } from './chat-tree';

/*
 * Conversation totals for the header: every answer counts, on every branch, because every
 * one of them was sent and paid for. An answer interrupted by the app closing has no metrics
 * (they are written when the stream ends) but was paid for too: it counts, with its output
 * estimated from the text saved while it streamed.
 */

/** The output tokens of an answer without metrics, estimated from its saved text. */
export function estimatedOutputTokens(m: MessageRecord): number {
  return Math.ceil(m.content.length / CHARS_PER_TOKEN);
}

/** What a conversation used so far. */
export interface ConversationTotals {
  answers: number;
  promptTokens: number;
  completionTokens: number;
  /** True when some counts are the app's estimates (the server sent no usage). */
  estimated: boolean;
  /** Sum of the known costs; null when no answer has a known cost. */
  costUsd: number | null;
  /** True when some answers have no known price (the cost is then a lower bound). */
  costPartial: boolean;
}

/** Totals over `messages`; `costOf` gives an answer's cost (null when unknown). */
export function conversationTotals(
  messages: MessageMap,
  costOf: (m: MessageRecord) => number | null,
): ConversationTotals {
  const totals: ConversationTotals = {
    answers: 0,
    promptTokens: 0,
    completionTokens: 0,
    estimated: false,
    costUsd: null,
    costPartial: false,
  };
  for (const m of Object.values(messages)) {
    if (m.role !== 'assistant') continue;
    if (!m.metrics) {
      if (m.status !== 'interrupted') continue;
      totals.answers += 1;
      totals.completionTokens += estimatedOutputTokens(m);
      // The prompt's tokens and the price are unknown: the totals say they are a lower bound.
      totals.estimated = true;
      totals.costPartial = true;
      continue;
    }
    totals.answers += 1;
    totals.promptTokens += m.metrics.promptTokens ?? 0;
    totals.completionTokens += m.metrics.completionTokens ?? 0;
    if (!m.metrics.usageReported) totals.estimated = true;
    const cost = costOf(m);
    if (cost === null) totals.costPartial = true;
    else totals.costUsd = (totals.costUsd ?? 0) + cost;
  }
  return totals;
}
