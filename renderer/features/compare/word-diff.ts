/*
 * A word-level diff (longest common subsequence), written by hand because no diff library
 * is installed and the job is small: split both texts into words (each keeping its trailing
 * whitespace), trim the common head and tail, run the classic LCS table on the middle, and
 * walk it back into same / inserted / removed runs.
 */

/** One run of the diff: words in both texts, only in the second (ins) or only in the first (del). */
export interface DiffPart {
  type: 'same' | 'ins' | 'del';
  text: string;
}

/** Above this many table cells the middle is shown as one removal and one insertion. */
const MAX_CELLS = 4_000_000;

/** Words with their trailing whitespace; leading whitespace sticks to the first word. */
export function words(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? [];
}

const key = (word: string) => word.trim();

function push(parts: DiffPart[], type: DiffPart['type'], text: string): void {
  if (text === '') return;
  const last = parts[parts.length - 1];
  if (last && last.type === type) last.text += text;
  else parts.push({ type, text });
}

/** LCS over the middle sections; appends runs to `parts`. */
function diffMiddle(a: string[], b: string[], parts: DiffPart[]): void {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0 || n * m > MAX_CELLS) {
    push(parts, 'del', a.join(''));
    push(parts, 'ins', b.join(''));
    return;
  }
  // table[i][j] = LCS length of a[i..] and b[j..], flattened.
  const width = m + 1;
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] =
        key(a[i] as string) === key(b[j] as string)
          ? (table[(i + 1) * width + j + 1] as number) + 1
          : Math.max(table[(i + 1) * width + j] as number, table[i * width + j + 1] as number);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (key(a[i] as string) === key(b[j] as string)) {
      push(parts, 'same', b[j] as string);
      i++;
      j++;
    } else if ((table[(i + 1) * width + j] as number) >= (table[i * width + j + 1] as number)) {
      push(parts, 'del', a[i++] as string);
    } else {
      push(parts, 'ins', b[j++] as string);
    }
  }
  while (i < n) push(parts, 'del', a[i++] as string);
  while (j < m) push(parts, 'ins', b[j++] as string);
}

/** The word diff from `before` to `after`. */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = words(before);
  const b = words(after);
  let head = 0;
  while (head < a.length && head < b.length && key(a[head] as string) === key(b[head] as string)) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    key(a[a.length - 1 - tail] as string) === key(b[b.length - 1 - tail] as string)
  )
    tail++;
  const parts: DiffPart[] = [];
  push(parts, 'same', b.slice(0, head).join(''));
  diffMiddle(a.slice(head, a.length - tail), b.slice(head, b.length - tail), parts);
  push(parts, 'same', b.slice(b.length - tail).join(''));
  return parts;
}

/** How many words were inserted and removed. */
export function diffStats(parts: readonly DiffPart[]): { inserted: number; removed: number } {
  let inserted = 0;
  let removed = 0;
  for (const p of parts) {
    if (p.type === 'ins') inserted += words(p.text).length;
    if (p.type === 'del') removed += words(p.text).length;
  }
  return { inserted, removed };
}
