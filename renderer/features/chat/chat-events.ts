import type { Metrics } from '../../../shared/domain';
import type { StudioError } from '../../../shared/errors';
import type { StreamEvent } from '../../../shared/stream-events';
import { formatRetry } from './format';

/*
 * The chat's message model and the pure function that applies stream events to it. The
 * store batches events per animation frame and calls `applyStreamEvents` once per frame.
 */

/** A message the user wrote. `failed` turns were never answered and are not sent again. */
export interface UserEntry {
  id: string;
  role: 'user';
  content: string;
  failed: boolean;
}

/** Where an answer is: `error` with text is "Interrupted"; `error` without text is a failed turn. */
export type AssistantStatus = 'streaming' | 'done' | 'stopped' | 'error';

/** One answer and everything known about how it was produced. */
export interface AssistantEntry {
  id: string;
  role: 'assistant';
  content: string;
  status: AssistantStatus;
  endpoint: string;
  /** Null until `startChat` answered with the stream's id. */
  streamId: string | null;
  /** The highest `seq` applied; events at or below it are duplicates. */
  lastSeq: number;
  model: string | null;
  metrics: Metrics | null;
  finishReason: string | null;
  error: StudioError | null;
  /** "Retrying in 2s (…)" while the privileged side waits before a retry. */
  retryNotice: string | null;
  /** True when produced by the demo workspace's synthetic models. */
  synthetic: boolean;
  /** True when the turn failed before any text arrived (the draft went back to the composer). */
  failed: boolean;
}

export type ChatEntry = UserEntry | AssistantEntry;

/** What applying a batch of events did. */
export interface ApplyResult {
  messages: ChatEntry[];
  /** Events for streams no message knows yet (startChat has not answered): keep for later. */
  unmatched: StreamEvent[];
  /** Ids of assistant entries that failed without text in this batch. */
  failedIds: string[];
}

function applyOne(entry: AssistantEntry, event: StreamEvent): AssistantEntry {
  const next: AssistantEntry = { ...entry, lastSeq: event.seq };
  switch (event.type) {
    case 'start':
      next.model = event.model;
      break;
    case 'delta':
      // Only choice 0 is shown in chat; other choices (n > 1) belong to other views.
      if (event.index === 0) next.content += event.text;
      next.retryNotice = null;
      break;
    case 'retry':
      next.retryNotice = formatRetry(event.delayMs, event.reason);
      break;
    case 'usage':
      break;
    case 'done':
      next.status = 'done';
      next.metrics = event.metrics;
      next.finishReason = event.finishReasons[0] ?? null;
      next.retryNotice = null;
      break;
    case 'error':
      next.status = 'error';
      next.error = event.error;
      next.metrics = event.metrics;
      next.retryNotice = null;
      // Text is kept whenever there is some, whatever `partial` says: never throw text away.
      next.failed = next.content.length === 0;
      break;
    case 'aborted':
      next.status = 'stopped';
      next.metrics = event.metrics;
      next.retryNotice = null;
      break;
  }
  return next;
}

const isFinished = (entry: AssistantEntry): boolean => entry.status !== 'streaming';

/**
 * Applies `events` (in `seq` order per stream) to `messages`, returning new arrays/objects
 * only for what changed. Duplicates (seq already applied) and events after the terminal
 * event are ignored.
 */
export function applyStreamEvents(messages: ChatEntry[], events: StreamEvent[]): ApplyResult {
  const indexByStream = new Map<string, number>();
  messages.forEach((m, i) => {
    if (m.role === 'assistant' && m.streamId !== null) indexByStream.set(m.streamId, i);
  });
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  const next = [...messages];
  const unmatched: StreamEvent[] = [];
  const failedIds: string[] = [];
  let changed = false;
  for (const event of sorted) {
    const index = indexByStream.get(event.streamId);
    const entry = index === undefined ? undefined : next[index];
    if (index === undefined || entry?.role !== 'assistant') {
      unmatched.push(event);
      continue;
    }
    if (event.seq <= entry.lastSeq || isFinished(entry)) continue;
    const updated = applyOne(entry, event);
    if (updated.failed && !entry.failed) failedIds.push(updated.id);
    next[index] = updated;
    changed = true;
  }
  return { messages: changed ? next : messages, unmatched, failedIds };
}

/**
 * The history sent with a new message: the conversation without failed turns and without
 * empty answers (a stop before the first token leaves nothing worth sending).
 */
export function historyFor(messages: ChatEntry[]): { role: 'user' | 'assistant'; content: string }[] {
  return messages
    .filter((m) => !m.failed && m.content.length > 0)
    .map((m) => ({ role: m.role, content: m.content }));
}
