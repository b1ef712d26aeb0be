import type { StreamEvent } from '../../../shared/stream-events';
import type { CompareAnswer } from '../../core/db/records';
import { formatRetry } from '../../core/format';
import { withItemAfterText, withReasoningPiece } from '../../core/reasoning';
import { answerFor, type PaneState, withAnswer } from './compare-model';

/*
 * Routes one frame's stream events to the panes they feed, by streamId. Pure apart from the
 * links' bookkeeping (lastSeq/ended), like the chat's applyStreamEvents: every pane has its
 * own stream, so one pane's error or abort only ever touches that pane.
 */

/** Which pane and turn a stream writes into. Not persisted. */
export interface PaneLink {
  paneId: string;
  turn: number;
  lastSeq: number;
  ended: boolean;
}

/** A terminal event and the pane it ended. */
export interface PaneEnding {
  paneId: string;
  turn: number;
  event: Extract<StreamEvent, { type: 'done' | 'error' | 'aborted' }>;
}

/** What applying a batch did. */
export interface CompareApplyResult {
  panes: PaneState[];
  endings: PaneEnding[];
  /** Retry notices per pane id ("Retrying in 2s…"); null clears one. */
  notices: Record<string, string | null>;
}

function applyOne(answer: CompareAnswer, event: StreamEvent): CompareAnswer {
  switch (event.type) {
    case 'start':
      return { ...answer, model: event.model };
    // n is not offered in a comparison; choice 0 is the answer.
    case 'delta':
      return event.index === 0 ? { ...answer, content: answer.content + event.text } : answer;
    case 'reasoning':
      return event.index === 0
        ? { ...answer, reasoning: withReasoningPiece(answer.reasoning, event) }
        : answer;
    case 'item':
      if (event.index !== 0) return answer;
      {
        const { text, items } = withItemAfterText(answer.content, answer.items, event.item);
        return { ...answer, content: text, items };
      }
    case 'done':
      return {
        ...answer,
        status: 'done',
        finishReason: event.finishReasons[0] ?? null,
        metrics: event.metrics,
        error: null,
      };
    case 'error':
      // The partial text stays: never throw text away.
      return { ...answer, status: 'error', error: event.error, metrics: event.metrics };
    case 'aborted':
      return { ...answer, status: 'stopped', metrics: event.metrics };
    default:
      return answer;
  }
}

/** Applies `events` through `links`; unlinked streams, duplicates and events after the end are ignored. */
export function applyCompareEvents(
  panes: readonly PaneState[],
  links: ReadonlyMap<string, PaneLink>,
  events: readonly StreamEvent[],
): CompareApplyResult {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  const byId = new Map(panes.map((p) => [p.id, p]));
  const endings: PaneEnding[] = [];
  const notices: Record<string, string | null> = {};
  let changed = false;
  for (const event of sorted) {
    const link = links.get(event.streamId);
    if (!link) continue;
    const pane = byId.get(link.paneId);
    const answer = pane ? answerFor(pane, link.turn) : undefined;
    if (!pane || !answer || link.ended || event.seq <= link.lastSeq) continue;
    link.lastSeq = event.seq;
    if (event.type === 'retry') notices[pane.id] = formatRetry(event.delayMs, event.reason);
    else if (event.type !== 'usage' && event.type !== 'start') notices[pane.id] = null;
    if (event.type === 'retry' || event.type === 'usage') continue;
    byId.set(pane.id, withAnswer(pane, applyOne(answer, event)));
    changed = true;
    if (event.type === 'done' || event.type === 'error' || event.type === 'aborted') {
      link.ended = true;
      endings.push({ paneId: pane.id, turn: link.turn, event });
    }
  }
  const next = changed ? panes.map((p) => byId.get(p.id) ?? p) : [...panes];
  return { panes: changed ? next : (panes as PaneState[]), endings, notices };
}
