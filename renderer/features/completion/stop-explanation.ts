/*
 * Why a completion ended, in words that claim no more than the API tells us.
 *
 * The API's only signal is `finish_reason`: "length" (max_tokens was reached) or "stop".
 * "stop" covers BOTH a stop sequence being generated AND the model's own end-of-sequence
 * token, and the matched stop sequence is never returned in the text. So even with a single
 * stop sequence set, "stop" does not prove that sequence ended the text: the model may just
 * have finished there. What we can justify:
 *   - where the text ended (character position, line and column of the completion);
 *   - which stop sequences could have ended it: a sequence that already occurs inside the
 *     returned text cannot be the one that stopped it (the server stops at the first
 *     occurrence), so it is ruled out;
 *   - when no stop sequence was set (or every one is ruled out), "stop" is the model's own end.
 * We therefore never say "stopped by X" as a fact; the UI says "by X, or the model's own end".
 */

/** Where the completion ended, counted in the completion's own text. */
export interface EndPosition {
  /** Characters of the completion (UTF-16 code units, as the editor counts them). */
  chars: number;
  /** 1-based line and column of the end within the completion. */
  line: number;
  column: number;
}

/** What can honestly be said about why one choice ended. */
export type StopExplanation =
  | { kind: 'unfinished' }
  | { kind: 'length'; at: EndPosition }
  /** finish_reason "stop" with no possible stop sequence: the model's own end. */
  | { kind: 'natural'; at: EndPosition; ruledOut: string[] }
  /** finish_reason "stop" and some stop sequences could have caused it (or the model's own end). */
  | { kind: 'stop-sequence-or-natural'; at: EndPosition; candidates: string[]; ruledOut: string[] }
  | { kind: 'other'; reason: string; at: EndPosition };

/** The end position of `text`. */
export function endPosition(text: string): EndPosition {
  const lines = text.split('\n');
  const last = lines[lines.length - 1] ?? '';
  return { chars: text.length, line: lines.length, column: last.length + 1 };
}

/** Explains one choice's end from its text, finish_reason and the stop sequences sent. */
export function explainStop(
  text: string,
  finishReason: string | null,
  stop: readonly string[] | undefined,
): StopExplanation {
  if (finishReason === null) return { kind: 'unfinished' };
  const at = endPosition(text);
  if (finishReason === 'length') return { kind: 'length', at };
  if (finishReason !== 'stop') return { kind: 'other', reason: finishReason, at };
  const set = [...new Set(stop ?? [])].filter((s) => s.length > 0);
  const ruledOut = set.filter((s) => text.includes(s));
  const candidates = set.filter((s) => !text.includes(s));
  if (candidates.length === 0) return { kind: 'natural', at, ruledOut };
  return { kind: 'stop-sequence-or-natural', at, candidates, ruledOut };
}

/** A stop sequence as shown: quoted, with whitespace made visible. */
export function showSequence(s: string): string {
  return JSON.stringify(s);
}

const where = (at: EndPosition) =>
  `after ${at.chars.toLocaleString('en-US')} characters (line ${at.line}, column ${at.column} of the completion)`;

/** One sentence for the UI. */
export function describeStop(e: StopExplanation): string {
  switch (e.kind) {
    case 'unfinished':
      return 'No finish_reason: the completion did not finish.';
    case 'length':
      return `Cut by max_tokens ${where(e.at)} (finish_reason "length").`;
    case 'other':
      return `Ended ${where(e.at)} (finish_reason "${e.reason}").`;
    case 'natural': {
      const note =
        e.ruledOut.length > 0
          ? ` The stop sequence${e.ruledOut.length === 1 ? '' : 's'} ${e.ruledOut.map(showSequence).join(', ')} occur${e.ruledOut.length === 1 ? 's' : ''} earlier in the text, so ${e.ruledOut.length === 1 ? 'it' : 'they'} did not end it.`
          : '';
      return `Ended ${where(e.at)}: the model's own end (finish_reason "stop").${note}`;
    }
    case 'stop-sequence-or-natural': {
      const seqs = e.candidates.map(showSequence);
      const by =
        seqs.length === 1 ? `the stop sequence ${seqs[0]}` : `one of the stop sequences ${seqs.join(', ')}`;
      return `Stopped ${where(e.at)} by ${by}, or by the model's own end: the API reports both as finish_reason "stop" and never returns the sequence.`;
    }
  }
}
