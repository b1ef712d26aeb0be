import type { StreamEvent } from '../../../shared/stream-events';
import type { ChoiceRecord, CompletionRunRecord } from '../../core/db/records';
import { formatRetry } from '../../core/format';

/*
 * Applies a stream's events to the run it feeds. Pure: the store batches events per
 * animation frame and calls `applyRunEvents` once per frame, then saves the run.
 */

/** Which run a stream writes into, and how far it got. Not persisted. */
export interface RunLink {
  streamId: string;
  runId: string;
  /** The highest `seq` applied; events at or below it are duplicates. */
  lastSeq: number;
  /** Set once the terminal event was applied; later events are ignored. */
  ended: boolean;
}

/** A terminal event. */
export type TerminalEvent = Extract<StreamEvent, { type: 'done' | 'error' | 'aborted' }>;

/** What applying a batch did. */
export interface RunApplyResult {
  run: CompletionRunRecord;
  changed: boolean;
  /** The terminal event, when this batch ended the stream. */
  ending: TerminalEvent | null;
  /** The latest retry notice; null when a delta cleared it; undefined when untouched. */
  notice: string | null | undefined;
}

function withDelta(choices: ChoiceRecord[], index: number, text: string): ChoiceRecord[] {
  const next = [...choices];
  while (next.length <= index) next.push({ text: '', finishReason: null });
  const choice = next[index] as ChoiceRecord;
  next[index] = { ...choice, text: choice.text + text };
  return next;
}

function applyOne(run: CompletionRunRecord, event: StreamEvent): CompletionRunRecord {
  switch (event.type) {
    case 'start':
      return { ...run, model: event.model };
    case 'delta':
      // Each delta names its choice: with n > 1 the choices interleave.
      return { ...run, choices: withDelta(run.choices, event.index, event.text) };
    case 'done':
      return {
        ...run,
        status: 'done',
        choices: run.choices.map((c, i) => ({ ...c, finishReason: event.finishReasons[i] ?? null })),
        metrics: event.metrics,
        error: null,
      };
    case 'error':
      // The text so far is kept: never throw text away.
      return { ...run, status: 'error', error: event.error, metrics: event.metrics ?? run.metrics };
    case 'aborted':
      return { ...run, status: 'stopped', metrics: event.metrics ?? run.metrics };
    default:
      return run;
  }
}

/**
 * Applies `events` for `link` to `run`. Other streams' events, duplicates (seq already
 * applied) and events after the terminal one are ignored; `link` is the store's private bookkeeping and is mutated.
 */
export function applyRunEvents(
  run: CompletionRunRecord,
  link: RunLink,
  events: readonly StreamEvent[],
): RunApplyResult {
  const mine = events.filter((e) => e.streamId === link.streamId).sort((a, b) => a.seq - b.seq);
  let next = run;
  let ending: TerminalEvent | null = null;
  let notice: string | null | undefined;
  for (const event of mine) {
    if (link.ended || event.seq <= link.lastSeq) continue;
    link.lastSeq = event.seq;
    if (event.type === 'retry') notice = formatRetry(event.delayMs, event.reason);
    else if (event.type === 'delta' || event.type === 'done' || event.type === 'error') notice = null;
    if (event.type === 'retry' || event.type === 'usage') continue;
    next = applyOne(next, event);
    if (event.type === 'done' || event.type === 'error' || event.type === 'aborted') {
      link.ended = true;
      ending = event;
    }
  }
  return { run: next, changed: next !== run, ending, notice };
}

/** The run's text for choice `index` ('' when that choice has none yet). */
export const choiceText = (run: CompletionRunRecord | null, index: number): string =>
  run?.choices[index]?.text ?? '';
