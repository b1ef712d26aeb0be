/*
 * Fence detection shared by the block splitter, the math-delimiter pre-pass and the
 * "is this block closed yet" check. Three kinds of multi-line regions matter:
 *
 * - code fences: ``` or ~~~ (CommonMark), closed by a fence of the same character at least
 *   as long, with nothing after it;
 * - math fences: `$$` on its own line (remark-math's display math), closed the same way;
 * - TeX display brackets: a line starting with `\[`, closed by the first later line holding
 *   `\]` (models write `\[` … `\]` for display math; the pre-pass turns it into a `$$` fence).
 *
 * Hand-written because the parsers (micromark) only answer this for a whole document.
 */

const FENCE = /^ {0,3}(`{3,}|~{3,}|\${2,})/;
const TEX_OPEN = /^ {0,3}\\\[/;
const BLANK = /^[ \t]*$/;

/** An open multi-line region: its kind, and for fences the character and minimum length. */
export interface OpenFence {
  kind: 'code' | 'math' | 'tex';
  char: string;
  length: number;
}

/**
 * The region a line opens, or null. A backtick fence whose info string holds a backtick is
 * inline code (CommonMark); likewise a `$$` line with more dollars after it is inline math
 * (`$$x$$`), and a `\[` line that already holds its `\]` is complete on that line.
 */
export function openingFence(line: string): OpenFence | null {
  const match = FENCE.exec(line);
  if (match?.[1]) {
    const marker = match[1];
    const char = marker[0] ?? '`';
    const rest = line.slice(match[0].length);
    if ((char === '`' || char === '$') && rest.includes(char)) return null;
    return { kind: char === '$' ? 'math' : 'code', char, length: marker.length };
  }
  const tex = TEX_OPEN.exec(line);
  if (tex && !line.slice(tex[0].length).includes('\\]')) return { kind: 'tex', char: '\\', length: 1 };
  return null;
}

/** Whether `line` closes the open region `fence`. */
export function closesFence(line: string, fence: OpenFence): boolean {
  if (fence.kind === 'tex') return line.includes('\\]');
  const match = FENCE.exec(line);
  if (!match?.[1]) return false;
  const marker = match[1];
  return marker[0] === fence.char && marker.length >= fence.length && BLANK.test(line.slice(match[0].length));
}

/**
 * Whether a fenced block's source (a fenced code block or `$$` math block, from its opening
 * fence line to wherever it ends) has its closing fence yet. While an answer streams, a code
 * block without its closing fence is still growing: it is shown plain and highlighted (or
 * typeset) only once it closes. Sources that do not start with a fence (indented code) are
 * never "closed" by this test: their end is only known when the block settles.
 */
export function isFenceClosed(source: string): boolean {
  const lines = source.split(/\r?\n/);
  const fence = openingFence(lines[0] ?? '');
  if (!fence) return false;
  return lines.slice(1).some((line) => closesFence(line.replace(/^[ \t]+/, ''), fence));
}

/** A fenced code block that has not closed yet: its language and the code so far. */
export interface OpenCode {
  language: string | null;
  code: string;
}

/**
 * If `source` (one block) is a fenced code block still waiting for its closing fence, its
 * language and code exactly as remark reads them; null for anything else. This lets the
 * streaming tail show a growing code block without re-parsing it as markdown on every update
 * (it is shown plain until it closes anyway). Only the plain case is answered: a fence
 * indented or with escapes or entities in its info string (which remark decodes), or text
 * with carriage returns, gets null and goes through the parser.
 */
export function openCode(source: string): OpenCode | null {
  if (source.includes('\r')) return null;
  const newline = source.indexOf('\n');
  const first = newline === -1 ? source : source.slice(0, newline);
  const fence = openingFence(first);
  if (fence?.kind !== 'code' || first[0] !== fence.char) return null;
  const info = first.slice(fence.length).trim();
  if (/[\\&]/.test(info)) return null;
  const body = newline === -1 ? '' : source.slice(newline + 1);
  if (body.split('\n').some((line) => closesFence(line, fence))) return null;
  // remark drops the line ending before the end of the text (the last line is still open).
  return { language: info.split(/\s/)[0] || null, code: body.endsWith('\n') ? body.slice(0, -1) : body };
}
