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

/**
 * Splits `text` into top-level markdown blocks. Joining the blocks with a blank line gives
 * markdown that renders the same as `text`. Trailing blank lines produce no empty block.
 */
export function splitBlocks(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const blocks: string[] = [];
  let current: string[] = [];
  let fence: OpenFence | null = null;
  let pendingBlank = false;

  const flush = () => {
    if (current.length > 0) blocks.push(current.join('\n'));
    current = [];
  };

  for (const line of lines) {
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
      else flush();
      pendingBlank = false;
    }
    current.push(line);
    fence = openingFence(line);
  }
  flush();
  return blocks;
}
