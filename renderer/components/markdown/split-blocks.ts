import { closesFence, type OpenFence, openingFence } from './fences';

/*
 * Splits markdown into top-level blocks so that a streaming answer can be rendered per block:
 * settled blocks are memoized and never re-parsed, only the growing tail block re-renders.
 *
 * Hand-written on purpose: remark/micromark parse a whole document and give no cheap,
 * incremental "where do the top-level blocks end" answer, and re-parsing the full text on
 * every frame is exactly the cost we are avoiding. The rules are deliberately conservative —
 * when unsure, lines stay in the same block, which is always correct (just less memoized):
 *
 * - a blank line ends a block, except inside a fenced code block (``` or ~~~, closed by a
 *   fence of the same character at least as long), a display-math block (`$$` … `$$`, or
 *   `\[` … `\]` opened at the start of a line), before an indented continuation line
 *   (list item paragraphs, indented code under an item), or between items of one list;
 * - an unclosed fence runs to the end of the text (the streaming tail).
 *
 * Known limit: reference-style link definitions (`[x]: url`) only apply within their own
 * block. Models almost never emit them.
 *
 * Streaming: {@link splitBlocksIncremental} keeps the blocks no appended text can change and
 * re-scans only from the start of the first block that may still change, so the cost of an
 * update does not grow with the length of the answer.
 */

const LIST_ITEM = /^ {0,3}([-+*]|\d{1,9}[.)])[ \t]/;
const BLANK = /^[ \t]*$/;
const INDENTED = /^( {2,}|\t)\S/;

/** The list type of a line ("-", "+", "*", "." or ")"), or null when it is no list item. */
function listType(line: string): string | null {
  const match = LIST_ITEM.exec(line);
  if (!match?.[1]) return null;
  const marker = match[1];
  return /\d/.test(marker) ? marker.slice(-1) : marker;
}

/** Whether a blank line between `block` and `next` should keep them in one block. */
function continuesAfterBlank(block: string[], next: string): boolean {
  if (INDENTED.test(next)) return true;
  const first = block[0];
  if (first === undefined) return false;
  const type = listType(first);
  return type !== null && type === listType(next);
}

/** What one scan of `text` from a block boundary found. */
interface Scan {
  /** Blocks ended by a later line, in order; the last one, if any, may be the open tail. */
  blocks: string[];
  /**
   * How many of `blocks` were ended by a complete line (one followed by a newline): no text
   * appended later can change them. A block ended by the unfinished last line can (that line
   * may yet turn into a list item or an indented continuation).
   */
  stable: number;
  /** Offset of the line that starts the first block after the stable ones. */
  resume: number;
}

/**
 * Scans `text` from offset `from`, which must be the start of a line at a block boundary
 * (the start of the text, or a line that began a new block in an earlier scan).
 */
function scan(text: string, from: number): Scan {
  const blocks: string[] = [];
  let stable = 0;
  let resume = from;
  let current: string[] = [];
  let fence: OpenFence | null = null;
  let pendingBlank = false;

  for (let start = from; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const complete = newline !== -1;
    const end = complete ? newline : text.length;
    const line = text.slice(start, end > start && text[end - 1] === '\r' && complete ? end - 1 : end);
    const lineStart = start;
    start = end + 1;
    if (fence) {
      current.push(line);
      if (closesFence(line, fence)) fence = null;
      continue;
    }
    if (BLANK.test(line)) {
      if (current.length > 0) pendingBlank = true;
      continue;
    }
    if (pendingBlank) {
      if (continuesAfterBlank(current, line)) current.push('');
      else {
        blocks.push(current.join('\n'));
        current = [];
        if (complete) {
          stable = blocks.length;
          resume = lineStart;
        }
      }
      pendingBlank = false;
    }
    current.push(line);
    fence = openingFence(line);
  }
  if (current.length > 0) blocks.push(current.join('\n'));
  return { blocks, stable, resume };
}

/**
 * Splits `text` into top-level markdown blocks. Joining the blocks with a blank line gives
 * markdown that renders the same as `text`. Trailing blank lines produce no empty block.
 */
export function splitBlocks(text: string): string[] {
  return scan(text, 0).blocks;
}

/** The blocks of a text, kept so the next, longer text can be split without a full re-scan. */
export interface BlockSplit {
  /** The text that was split. */
  readonly text: string;
  /** Leading blocks no text appended to `text` can change. */
  readonly settled: readonly string[];
  /** The blocks after `settled` (usually one: the open tail; none for blank text). */
  readonly tail: readonly string[];
  /** How many leading `settled` blocks are the very same as in the previous split. */
  readonly reused: number;
  /** Where the next scan resumes: the start of the line that opened the first tail block. */
  readonly resume: number;
}

const EMPTY: BlockSplit = { text: '', settled: [], tail: [], reused: 0, resume: 0 };

/**
 * Splits `text` into the same blocks as {@link splitBlocks} (`[...settled, ...tail]`), reusing
 * `previous` when `text` extends its text: only the part from the first unsettled block on is
 * scanned again. Any other change (an edit, another choice shown) falls back to a full split.
 */
export function splitBlocksIncremental(previous: BlockSplit | null, text: string): BlockSplit {
  if (previous && text === previous.text) return previous;
  // `startsWith` compares at memory speed: a negligible cost next to scanning lines.
  const base = previous && text.startsWith(previous.text) ? previous : EMPTY;
  const found = scan(text, base.resume);
  const settled =
    found.stable === 0 ? base.settled : base.settled.concat(found.blocks.slice(0, found.stable));
  return {
    text,
    settled,
    tail: found.blocks.slice(found.stable),
    reused: base.settled.length,
    resume: found.resume,
  };
}
