import type { GenerationParams, Metrics } from '../../../shared/domain';
import type { StreamEvent } from '../../../shared/stream-events';
import type { CompletionRunRecord } from '../../core/db/records';
import { formatError } from '../../core/format';
import type { FrameClock } from '../../core/stream/frame-batcher';
import { type StreamApi, startStream } from '../../core/stream/stream-client';
import { showSequence } from './stop-explanation';

/*
 * finish_reason "stop" can't tell a stop sequence from the model's own end (see
 * stop-explanation.ts). When decoding is greedy (temperature 0 or top_k 1) the model is
 * (close to) deterministic, so it can be asked: the same prompt and parameters WITHOUT stop
 * sequences reproduce the same text up to where it ended, and what comes next says which
 * it was — a stop sequence starts right there, or nothing comes (the model ended). The check
 * is opt-in (it costs a request) and says "could not tell" when the re-run differs.
 */

/** The outcome of a check, per run and choice. */
export type StopCheck =
  | { state: 'checking' }
  | { state: 'sequence'; sequences: string[] }
  | { state: 'natural' }
  | { state: 'inconclusive'; reason: string }
  | { state: 'failed'; message: string };

/** Extra tokens the check may generate past the original end (room for the stop sequence). */
const MARGIN_TOKENS = 64;

/** Whether decoding is greedy, so a re-run reproduces the text. */
export const isGreedy = (params: GenerationParams): boolean => params.temperature === 0 || params.top_k === 1;

/** The parameters of the check: the run's, without stop sequences, max_tokens just past the end. */
export function checkParams(
  run: CompletionRunRecord,
  text: string,
  maxAllowed: number | null,
): GenerationParams {
  const { stop: _stop, ...rest } = run.params;
  // ~2 characters per token over-estimates tokens for text and code alike, so the re-run
  // reaches the original end; the margin leaves room for the stop sequence after it.
  const wanted = Math.ceil(text.length / 2) + MARGIN_TOKENS;
  return { ...rest, max_tokens: maxAllowed ? Math.min(wanted, maxAllowed) : wanted };
}

/** Judges a re-run (without stop sequences) against the original text. */
export function judgeStopCheck(
  original: string,
  rerun: { text: string; finishReason: string | null },
  candidates: readonly string[],
): StopCheck {
  if (!rerun.text.startsWith(original))
    return {
      state: 'inconclusive',
      reason: 'the re-run wrote different text before this point, so the model is not deterministic here',
    };
  const next = rerun.text.slice(original.length);
  const sequences = candidates.filter((c) => next.startsWith(c));
  if (sequences.length > 0) return { state: 'sequence', sequences };
  if (next === '' && rerun.finishReason === 'stop') return { state: 'natural' };
  if (next === '') return { state: 'inconclusive', reason: 'the re-run reached max_tokens at this point' };
  return {
    state: 'inconclusive',
    reason: `without stop sequences the text goes on with ${showSequence(next.slice(0, 20))}, which is none of them`,
  };
}

/** One sentence for the UI. */
export function describeStopCheck(check: StopCheck): string {
  switch (check.state) {
    case 'checking':
      return 'Checking: re-running without stop sequences…';
    case 'sequence':
      return `Checked: without stop sequences the text continues with ${check.sequences.map(showSequence).join(' / ')} right here, so the stop sequence ended it.`;
    case 'natural':
      return 'Checked: without stop sequences the model ends at the same place, so it ended on its own.';
    case 'inconclusive':
      return `Could not tell: ${check.reason}.`;
    case 'failed':
      return `The check failed: ${check.message}`;
  }
}

/** What a finished re-run produced. */
export interface Rerun {
  text: string;
  finishReason: string | null;
  metrics: Metrics | null;
}

/**
 * Runs one completion to its end and returns choice `index`, as a stream of its own (the
 * store's stream stays for the run on screen). Fails when the re-run ends in an error or
 * is stopped.
 */
export async function rerun(
  api: StreamApi,
  request: { endpoint: string; prompt: string; params: GenerationParams },
  index: number,
  clock?: FrameClock,
): Promise<Rerun> {
  let text = '';
  const seen = new Set<number>();
  const onEvents = (events: StreamEvent[]) => {
    for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
      if (seen.has(e.seq)) continue;
      seen.add(e.seq);
      if (e.type === 'delta' && e.index === index) text += e.text;
    }
  };
  const end = await startStream(api, 'completion', request, { onEvents, clock }).done;
  if (end.type === 'done')
    return { text, finishReason: end.finishReasons[index] ?? null, metrics: end.metrics };
  throw new Error(end.type === 'error' ? formatError(end.error) : 'The re-run was stopped.');
}
