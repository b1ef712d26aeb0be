import { tokenize } from '../../../electron/demo-workspace/tokenizer';
import { percentile } from './stats';

/**
 * Marker words for measuring lag against a stream's schedule: unique words, one demo token
 * each, put into an answer's visible text at evenly spread token positions. The demo sends token `i`
 * of an answer at `firstTokenAt + i / rate` (its pacing); a probe records when each marker is
 * painted, so each marker gives one sample of "scheduled send → on screen".
 */

/** A marker in an answer: the word and the index of its token in the demo's tokenization. */
export interface Marker {
  word: string;
  token: number;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * The `index`-th marker word of a series: `Zqm` + the series letter + two letters, six letters
 * in all (one token: the demo tokenizer keeps words of up to 8 letters whole). Every word of
 * one length, so none is part of another.
 */
export function markerWord(series: number, index: number): string {
  if (index < 0 || index >= LETTERS.length ** 2) throw new Error(`marker index ${index} out of range`);
  return `Zqm${LETTERS[series % LETTERS.length]}${LETTERS[Math.floor(index / LETTERS.length)]}${LETTERS[index % LETTERS.length]}`;
}

/**
 * Whether a marker may go before a token: where it shows as a word of its own, i.e. before a
 * word that follows a space (prose, list items, table cells, link text, code lines). URLs and
 * fence info strings hold no spaces, so a marker never lands in one; a fence line is skipped.
 */
const visibleBefore = (line: string, next: string): boolean =>
  /^ [a-z]/.test(next) && !line.trimStart().startsWith('```');

/**
 * `text` with `count` markers of `series` inserted, as evenly spread over its tokens as the
 * text allows (each at the first visible position at or after its even share). Returns the
 * new text and every marker placed, in order, with its token index in the new text. Fewer
 * than `count` markers are placed when the text runs out of places.
 */
export function withMarkers(
  text: string,
  count: number,
  series: number,
): { text: string; markers: Marker[] } {
  const tokens = tokenize(text);
  const out: string[] = [];
  const markers: Marker[] = [];
  let line = '';
  for (const [j, token] of tokens.entries()) {
    const due = Math.floor(((markers.length + 0.5) * tokens.length) / count);
    if (markers.length < count && j >= due && visibleBefore(line, token)) {
      const word = markerWord(series, markers.length);
      markers.push({ word, token: out.length });
      out.push(` ${word}`);
    }
    out.push(token);
    line = token === '\n' || token === '\r\n' ? '' : line + token;
  }
  return { text: out.join(''), markers };
}

/** Each marker's lag: painted at `paintedAt[k]` against its scheduled send time (NaN if never painted). */
export function markerLags(
  markers: readonly Marker[],
  paintedAt: readonly number[],
  firstTokenAt: number,
  tokensPerSec: number,
): number[] {
  return markers.map(
    (m, k) => (paintedAt[k] ?? Number.NaN) - (firstTokenAt + (m.token * 1000) / tokensPerSec),
  );
}

/** The p95 of lags; a marker never painted makes it infinite (the step fell behind for good). */
export function lagP95(lags: readonly number[]): number {
  if (lags.length === 0) return Number.NaN;
  if (lags.some((lag) => !Number.isFinite(lag))) return Number.POSITIVE_INFINITY;
  return percentile(lags, 95);
}

/**
 * The send rate the demo achieved: tokens after the first over the time from the first token
 * written to the last (tokens/s); NaN when it cannot be known.
 */
export function achievedRate(
  tokens: number,
  firstTokenAt: number | null,
  lastTokenAt: number | null,
): number {
  if (firstTokenAt === null || lastTokenAt === null || tokens < 2) return Number.NaN;
  const seconds = (lastTokenAt - firstTokenAt) / 1000;
  return seconds > 0 ? (tokens - 1) / seconds : Number.POSITIVE_INFINITY;
}
