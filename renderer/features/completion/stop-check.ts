import type { StudioApi } from '../../../shared/contract';
import type { GenerationParams, Metrics } from '../../../shared/domain';
import type { StreamEvent } from '../../../shared/stream-events';
import type { CompletionRunRecord } from '../../core/db/records';
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
 * Runs one completion to its end and returns choice `index`, with a subscription of its own
 * (the store's stream routing stays for the run on screen). Events that arrive before
 * startCompletion answers are buffered, then filtered by the stream id.
 */
export async function rerun(
  api: Pick<StudioApi, 'startCompletion' | 'onStreamEvent'>,
  request: { endpoint: string; prompt: string; params: GenerationParams },
  index: number,
): Promise<Rerun> {
  let streamId: string | null = null;
  let buffer: StreamEvent[] = [];
  let text = '';
  let finish: ((value: Rerun) => void) | null = null;
  let fail: ((error: Error) => void) | null = null;
  const ended = new Promise<Rerun>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const take = (e: StreamEvent) => {
    if (e.type === 'delta' && e.index === index) text += e.text;
    else if (e.type === 'done')
      finish?.({ text, finishReason: e.finishReasons[index] ?? null, metrics: e.metrics });
    else if (e.type === 'error') fail?.(new Error(e.error.message));
    else if (e.type === 'aborted') fail?.(new Error('The re-run was stopped.'));
  };
  const seen = new Set<number>();
  const onEvent = (e: StreamEvent) => {
    if (streamId === null) buffer.push(e);
    else if (e.streamId === streamId && !seen.has(e.seq)) {
      seen.add(e.seq);
      take(e);
    }
  };
  const unsubscribe = api.onStreamEvent(onEvent);
  try {
    const started = await api.startCompletion(request);
    if (!started.ok) throw new Error(started.error.message);
    streamId = started.value.streamId;
    const early = buffer.sort((a, b) => a.seq - b.seq);
    buffer = [];
    for (const e of early) onEvent(e);
    return await ended;
  } finally {
    unsubscribe();
  }
}
