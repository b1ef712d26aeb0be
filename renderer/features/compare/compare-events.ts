import type { Metrics } from '../../../shared/domain';
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
  /**
   * A later step of a tool loop (mock mode) streams into the same answer: the metrics of the
   * steps before, added to this one's, and how many reasoning items they left (this step's
   * are numbered from 0 again and go after them).
   */
  previous?: Metrics | null;
  reasoningBase?: number;
}

/**
 * Two steps' metrics as one answer's, as the chat adds up a continued answer: tokens add up
 * (the answer's cost), timings are the latest step's.
 */
export function addStepMetrics(previous: Metrics | null | undefined, next: Metrics | null): Metrics | null {
  if (!previous || !next) return next ?? previous ?? null;
  const add = (a: number | null | undefined, b: number | null | undefined): number | null =>
    a === null || a === undefined ? (b ?? null) : b === null || b === undefined ? a : a + b;
  const reasoningTokens = add(previous.reasoningTokens, next.reasoningTokens);
  return {
    ...next,
    startedAt: previous.startedAt,
    promptTokens: add(previous.promptTokens, next.promptTokens),
    completionTokens: add(previous.completionTokens, next.completionTokens),
    ...(reasoningTokens === null ? {} : { reasoningTokens }),
    usageReported: previous.usageReported && next.usageReported,
    retries: previous.retries + next.retries,
  };
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

function applyOne(answer: CompareAnswer, event: StreamEvent, link: PaneLink): CompareAnswer {
  switch (event.type) {
    case 'start':
      return { ...answer, model: event.model };
    // n is not offered in a comparison; choice 0 is the answer.
    case 'delta':
      return event.index === 0 ? { ...answer, content: answer.content + event.text } : answer;
    case 'reasoning':
      return event.index === 0
        ? { ...answer, reasoning: withReasoningPiece(answer.reasoning, event, link.reasoningBase) }
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
        metrics: addStepMetrics(link.previous, event.metrics),
        error: null,
      };
    case 'error':
      // The partial text stays: never throw text away.
      return {
        ...answer,
        status: 'error',
        error: event.error,
        metrics: addStepMetrics(link.previous, event.metrics),
      };
    case 'aborted':
      return { ...answer, status: 'stopped', metrics: addStepMetrics(link.previous, event.metrics) };
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
    byId.set(pane.id, withAnswer(pane, applyOne(answer, event, link)));
    changed = true;
    if (event.type === 'done' || event.type === 'error' || event.type === 'aborted') {
      link.ended = true;
      endings.push({ paneId: pane.id, turn: link.turn, event });
    }
  }
  const next = changed ? panes.map((p) => byId.get(p.id) ?? p) : [...panes];
  return { panes: changed ? next : (panes as PaneState[]), endings, notices };
}
