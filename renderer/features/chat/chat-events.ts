import type { Metrics } from '../../../shared/domain';
import type { StreamEvent } from '../../../shared/stream-events';
import type { ChoiceRecord, MessageRecord } from '../../core/db/records';
import { formatRetry } from '../../core/format';
import { withItemAfterText, withReasoningPiece } from '../../core/reasoning';
import type { MessageMap } from './chat-tree';

/*
 * Applies stream events to the messages they feed. Pure: the store batches events per
 * animation frame and calls `applyStreamEvents` once per frame, then saves what changed.
 */

/** Which message a stream writes into, and how far it got. Not persisted. */
export interface StreamLink {
  messageId: string;
  /** The highest `seq` applied; events at or below it are duplicates. */
  lastSeq: number;
  /** Set once the terminal event was applied; later events are ignored. */
  ended: boolean;
  /** Metrics of earlier requests for this message (a continued answer adds up). */
  previous: Metrics | null;
  /** When set, every delta goes to this choice (a continuation asks for one choice). */
  choice?: number;
  /**
   * Reasoning items the choice already had when a continuation started: the new request's
   * items are numbered from 0 again and go after them, never into them (a signed part
   * that grew would no longer match its signature).
   */
  reasoningBase?: number;
}

/** A terminal event as the store needs to hear about it. */
export interface Ending {
  messageId: string;
  event: Extract<StreamEvent, { type: 'done' | 'error' | 'aborted' }>;
}

/** What applying a batch did. */
export interface ApplyResult {
  messages: MessageMap;
  /** Ids of messages that changed (to save). */
  changed: string[];
  endings: Ending[];
  /** The latest retry notice ("Retrying in 2s (…)"), null when a delta cleared it, undefined when untouched. */
  notice: string | null | undefined;
}

/** The text of the choice a message shows. */
export const shownText = (choices: readonly ChoiceRecord[], selected: number): string =>
  choices[selected]?.text ?? choices[0]?.text ?? '';

/** Adds a continuation's metrics to the earlier request's: tokens add up, timings are the latest. */
export function mergeMetrics(previous: Metrics | null, next: Metrics | null): Metrics | null {
  if (!previous || !next) return next ?? previous;
  const add = (a: number | null, b: number | null) => (a === null || b === null ? (a ?? b) : a + b);
  return {
    ...next,
    startedAt: previous.startedAt,
    promptTokens: add(previous.promptTokens, next.promptTokens),
    completionTokens: add(previous.completionTokens, next.completionTokens),
    reasoningTokens: add(previous.reasoningTokens ?? null, next.reasoningTokens ?? null),
    usageReported: previous.usageReported && next.usageReported,
    retries: previous.retries + next.retries,
  };
}

/** True when a choice holds any output: text, reasoning or an agent's items. */
export const choiceHasOutput = (c: ChoiceRecord): boolean =>
  c.text.length > 0 || (c.reasoning?.length ?? 0) > 0 || (c.items?.length ?? 0) > 0;

/** `m` with choice `index` (created when missing) replaced by `update` of it. */
function withChoice(
  m: MessageRecord,
  index: number,
  update: (c: ChoiceRecord) => ChoiceRecord,
): MessageRecord {
  const choices = [...(m.choices ?? [])];
  while (choices.length <= index) choices.push({ text: '', finishReason: null });
  choices[index] = update(choices[index] as ChoiceRecord);
  const selected = m.selectedChoice ?? 0;
  return { ...m, choices, content: shownText(choices, selected) };
}

function applyOne(m: MessageRecord, event: StreamEvent, link: StreamLink): MessageRecord {
  switch (event.type) {
    case 'start':
      return { ...m, model: event.model };
    case 'delta':
      return withChoice(m, link.choice ?? event.index, (c) => ({ ...c, text: c.text + event.text }));
    case 'reasoning':
      return withChoice(m, link.choice ?? event.index, (c) => ({
        ...c,
        reasoning: withReasoningPiece(c.reasoning, event, link.reasoningBase),
      }));
    case 'item':
      return withChoice(m, link.choice ?? event.index, (c) => ({
        ...c,
        ...withItemAfterText(c.text, c.items, event.item),
      }));
    case 'done': {
      const reasonOf = (i: number) =>
        link.choice === undefined ? (event.finishReasons[i] ?? null) : (event.finishReasons[0] ?? null);
      const choices = (m.choices ?? []).map((c, i) =>
        link.choice === undefined || link.choice === i ? { ...c, finishReason: reasonOf(i) } : c,
      );
      return {
        ...m,
        choices,
        status: 'done',
        metrics: mergeMetrics(link.previous, event.metrics),
        error: null,
      };
    }
    case 'error':
      // Text is kept whenever there is some: never throw text away.
      return {
        ...m,
        status: 'error',
        error: event.error,
        metrics: mergeMetrics(link.previous, event.metrics),
      };
    case 'aborted':
      return { ...m, status: 'stopped', metrics: mergeMetrics(link.previous, event.metrics) };
    default:
      return m;
  }
}

/**
 * Applies `events` (sorted by `seq` per stream) through `links`. Events of unlinked streams,
 * duplicates (seq already applied) and events after the terminal one are ignored. Mutates the links' `lastSeq` and
 * `ended` (they are the store's private bookkeeping), returns new objects for messages.
 */
export function applyStreamEvents(
  messages: MessageMap,
  links: ReadonlyMap<string, StreamLink>,
  events: readonly StreamEvent[],
): ApplyResult {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  const next: Record<string, MessageRecord> = { ...messages };
  const changed = new Set<string>();
  const endings: Ending[] = [];
  let notice: string | null | undefined;
  for (const event of sorted) {
    const link = links.get(event.streamId);
    const message = link ? next[link.messageId] : undefined;
    if (!link || !message || link.ended || event.seq <= link.lastSeq) continue;
    link.lastSeq = event.seq;
    if (event.type === 'retry') notice = formatRetry(event.delayMs, event.reason);
    else if (event.type !== 'start' && event.type !== 'usage' && event.type !== 'aborted') notice = null;
    if (event.type === 'retry' || event.type === 'usage') continue;
    next[link.messageId] = applyOne(message, event, link);
    changed.add(link.messageId);
    if (event.type === 'done' || event.type === 'error' || event.type === 'aborted') {
      link.ended = true;
      endings.push({ messageId: link.messageId, event });
    }
  }
  return { messages: changed.size > 0 ? next : messages, changed: [...changed], endings, notice };
}
