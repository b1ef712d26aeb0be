import { closesFence, type OpenFence, openingFence } from './fences';

/*
 * Math only with explicit delimiters. remark-math (with `singleDollarTextMath: false`) reads
 * `$$…$$` — inline inside text, display as a fence on its own lines — and never a single `$`,
 * so "it costs $5 or $10" stays text. Models also write LaTeX's `\(…\)` (inline) and `\[…\]`
 * (display), which remark-math does not know: this pre-pass rewrites them into the `$$`
 * forms before parsing. Hand-written because no remark plugin does exactly this, and it must
 * leave code alone:
 *
 * - fenced code blocks and `$$` math blocks are copied verbatim;
 * - inline code spans (any backtick run, closed by a run of the same length) are verbatim;
 * - `\\` (an escaped backslash) and `\$` (an escaped dollar) stay as they are, so `\\(` is a
 *   backslash and a parenthesis, not math;
 * - an unclosed `\(` or `\[` (say, mid-stream) is left alone; it becomes math once it closes.
 *
 * A `\[` that starts a line and whose `\]` ends a line (possibly a later one) becomes a display
 * block; a `\[…\]` in the middle of a sentence becomes inline math (markdown has no inline
 * display form). A line holding only `$$…$$` is promoted to a display block, as intended.
 */

const BLANK = /^[ \t]*$/;
const TEX_BLOCK_START = /^([ \t]*)\\\[/;
const DOLLAR_LINE = /^([ \t]*)\$\$(?!\$)(.*?[^$\s].*?)\$\$[ \t]*$/;

/** The longest run of `$` in `text`. */
function longestDollarRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/\$+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/**
 * Inline math in the form remark-math reads: a `$` run longer than any inside the TeX (at
 * least two, so it never looks like a single-dollar price), padded with spaces that the
 * parser strips again.
 */
export function inlineMath(tex: string): string {
  const run = '$'.repeat(Math.max(2, longestDollarRun(tex) + 1));
  return `${run} ${tex} ${run}`;
}

/** A display-math fence block, each line indented like the source line. */
function displayMath(indent: string, tex: string): string[] {
  const body = tex.trim().split('\n');
  const fence = '$'.repeat(Math.max(2, longestDollarRun(tex) + 1));
  return [`${indent}${fence}`, ...body.map((line) => `${indent}${line.trim()}`), `${indent}${fence}`];
}

/** Index of the `\<close>` ending TeX that starts at `from`, or -1. Skips `\x` pairs (so `\\`). */
function findTexClose(text: string, from: number, close: string): number {
  for (let k = from; k < text.length; k++) {
    if (text[k] !== '\\') continue;
    if (text[k + 1] === close) return k;
    k++;
  }
  return -1;
}

/** Length of the backtick run at `i`, and where its code span ends (-1 if it never closes). */
function codeSpanEnd(text: string, i: number): { run: number; end: number } {
  let run = 0;
  while (text[i + run] === '`') run++;
  const pattern = new RegExp(`(?<!\`)\`{${run}}(?!\`)`, 'g');
  pattern.lastIndex = i + run;
  const match = pattern.exec(text);
  return { run, end: match ? match.index + run : -1 };
}

/** Rewrites `\(…\)` and `\[…\]` within paragraph text (no blank lines, no fences) to `$$…$$`. */
export function convertInline(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '`') {
      const { run, end } = codeSpanEnd(text, i);
      const stop = end === -1 ? i + run : end;
      out += text.slice(i, stop);
      i = stop;
      continue;
    }
    const next = text[i + 1];
    if (ch === '\\' && (next === '(' || next === '[')) {
      const close = findTexClose(text, i + 2, next === '(' ? ')' : ']');
      const tex = close === -1 ? '' : text.slice(i + 2, close);
      if (tex.trim() !== '') {
        out += inlineMath(tex);
        i = close + 2;
        continue;
      }
    }
    // Any other backslash pair (`\\`, `\$`, `\``) is copied whole so its second character is
    // never mistaken for the start of something.
    const step = ch === '\\' ? 2 : 1;
    out += text.slice(i, i + step);
    i += step;
  }
  return out;
}

/**
 * If `lines[start]` opens a `\[ … \]` display block whose `\]` ends a line, the rewritten
 * lines and how many source lines they replace; otherwise null.
 */
function texDisplayBlock(lines: string[], start: number): { out: string[]; used: number } | null {
  const open = TEX_BLOCK_START.exec(lines[start] ?? '');
  if (!open) return null;
  const indent = open[1] ?? '';
  const rest = lines.slice(start).join('\n');
  const from = open[0].length;
  const close = findTexClose(rest, from, ']');
  if (close === -1) return null;
  const after = rest.slice(close + 2);
  const lineEnd = after.indexOf('\n');
  if (!BLANK.test(lineEnd === -1 ? after : after.slice(0, lineEnd))) return null;
  const used = rest.slice(0, close).split('\n').length;
  return { out: displayMath(indent, rest.slice(from, close)), used };
}

/** Rewrites the lines of one run of non-fenced text. */
function convertText(lines: string[]): string[] {
  const out: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) out.push(...convertInline(paragraph.join('\n')).split('\n'));
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const block = texDisplayBlock(lines, i);
    const dollars = block ? null : DOLLAR_LINE.exec(line);
    if (block || (dollars && !dollars[2]?.includes('$$'))) {
      flush();
      if (block) {
        out.push(...block.out);
        i += block.used - 1;
      } else out.push(...displayMath(dollars?.[1] ?? '', dollars?.[2] ?? ''));
    } else if (BLANK.test(line)) {
      flush();
      out.push(line);
    } else paragraph.push(line);
  }
  flush();
  return out;
}

/**
 * Rewrites LaTeX-style math delimiters (`\(…\)`, `\[…\]`) outside code into the `$$` forms
 * remark-math reads, and promotes a line of only `$$…$$` to display math. Everything else is
 * returned unchanged. Pure, so a settled block converts once and is memoized with it.
 */
export function convertMathDelimiters(markdown: string): string {
  if (!markdown.includes('\\') && !markdown.includes('$$')) return markdown;
  const lines = markdown.split(/\r?\n/);
  const out: string[] = [];
  let text: string[] = [];
  let fence: OpenFence | null = null;
  for (const line of lines) {
    if (fence) {
      out.push(line);
      if (closesFence(line, fence)) fence = null;
      continue;
    }
    const opened = openingFence(line);
    // `\[` regions are math to convert, not verbatim: they stay with the text.
    if (opened && opened.kind !== 'tex') {
      out.push(...convertText(text));
      text = [];
      out.push(line);
      fence = opened;
    } else text.push(line);
  }
  out.push(...convertText(text));
  return out.join('\n');
}
