import { type BlockSplit, splitBlocksIncremental } from './split-blocks';

/*
 * Groups a text's top-level blocks for rendering. Settled blocks are cut into fixed-size
 * groups that keep their identity while the answer grows, so a memoized group component lets
 * React skip a whole group (its elements and their DOM) without visiting each block; only
 * the last, still-filling group and the open tail are reconciled on an update. That keeps
 * the cost of an update flat however long the answer is. The DOM gets the same grouping,
 * which also keeps the number of children the browser's layout walks per update small.
 */

/** Blocks per group: small enough that re-rendering the filling group is cheap. */
export const GROUP_SIZE = 24;

/** A text's blocks, grouped. */
export interface BlockGroups {
  /** The split the groups come from (kept to split the next, longer text incrementally). */
  split: BlockSplit;
  /** Full groups of settled blocks: each array keeps its identity for as long as it is valid. */
  full: readonly (readonly string[])[];
  /** The blocks after the full groups: settled blocks filling the next group, then the tail. */
  rest: readonly string[];
}

/** Full groups of `split.settled`, reusing the groups of `previous` that are still the same. */
function fullGroups(
  previous: readonly (readonly string[])[],
  split: BlockSplit,
): readonly (readonly string[])[] {
  const keep = Math.min(previous.length, Math.floor(split.reused / GROUP_SIZE));
  const count = Math.floor(split.settled.length / GROUP_SIZE);
  if (keep === previous.length && count === keep) return previous;
  const groups = previous.slice(0, keep);
  for (let g = keep; g < count; g++) groups.push(split.settled.slice(g * GROUP_SIZE, (g + 1) * GROUP_SIZE));
  return groups;
}

/**
 * The grouped blocks of `text`, computed from `previous` (the groups of an earlier text)
 * with an incremental split when `text` extends that text.
 */
export function groupBlocks(previous: BlockGroups | null, text: string): BlockGroups {
  if (previous?.split.text === text) return previous;
  const split = splitBlocksIncremental(previous?.split ?? null, text);
  const full = fullGroups(previous?.full ?? [], split);
  const from = full.length * GROUP_SIZE;
  const rest = split.settled.length > from ? [...split.settled.slice(from), ...split.tail] : split.tail;
  return { split, full, rest };
}

/** Cuts `blocks` into groups of at most {@link GROUP_SIZE}. */
export function chunk(blocks: readonly string[]): (readonly string[])[] {
  const groups: (readonly string[])[] = [];
  for (let i = 0; i < blocks.length; i += GROUP_SIZE) groups.push(blocks.slice(i, i + GROUP_SIZE));
  return groups;
}
