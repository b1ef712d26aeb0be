import type { MessageRecord } from '../../core/db/records';

/*
 * The conversation is a tree: messages with the same parent are siblings (branches made by
 * regenerate or edit). These pure functions answer the questions the chat asks of it: the
 * visible thread (root → active leaf), a message's siblings, a branch's newest leaf, a
 * subtree to delete. Children are ordered by creation time, oldest first.
 */

/** Messages of one conversation by id. */
export type MessageMap = Readonly<Record<string, MessageRecord>>;
/** Child ids per parent id; the roots are under `ROOT`. */
export type ChildrenIndex = Readonly<Record<string, readonly string[]>>;

/** The key of the root level in a ChildrenIndex (no message id is empty). */
export const ROOT = '';

const byCreation = (messages: MessageMap) => (a: string, b: string) => {
  const ma = messages[a];
  const mb = messages[b];
  return (ma?.createdAt ?? 0) - (mb?.createdAt ?? 0) || a.localeCompare(b);
};

/** Builds the children index of `messages`. O(n log n); rebuilt only on structural changes. */
export function indexChildren(messages: MessageMap): ChildrenIndex {
  const index: Record<string, string[]> = {};
  for (const m of Object.values(messages)) {
    // A parent that no longer exists (deleted elsewhere) makes the message a root, never lost.
    const key = m.parentId !== null && messages[m.parentId] ? m.parentId : ROOT;
    const list = index[key];
    if (list) list.push(m.id);
    else index[key] = [m.id];
  }
  const sort = byCreation(messages);
  for (const list of Object.values(index)) list.sort(sort);
  return index;
}

/** The ids from the root down to `leafId` (empty when `leafId` is unknown). */
export function pathTo(messages: MessageMap, leafId: string | null): string[] {
  const path: string[] = [];
  const seen = new Set<string>();
  let id = leafId;
  while (id !== null && messages[id] && !seen.has(id)) {
    seen.add(id);
    path.push(id);
    id = messages[id]?.parentId ?? null;
  }
  return path.reverse();
}

/** All ids of the subtree rooted at `id`, `id` first. */
export function subtreeIds(children: ChildrenIndex, id: string): string[] {
  const out: string[] = [];
  const stack = [id];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    out.push(next);
    stack.push(...(children[next] ?? []));
  }
  return out;
}

/**
 * The newest leaf under `id` (itself when it has no children): switching to a branch shows
 * where the user last was in it, which is the most recently created message there.
 */
export function latestLeaf(messages: MessageMap, children: ChildrenIndex, id: string): string {
  let best = id;
  let bestAt = Number.NEGATIVE_INFINITY;
  for (const candidate of subtreeIds(children, id)) {
    if ((children[candidate]?.length ?? 0) > 0) continue;
    const at = messages[candidate]?.createdAt ?? 0;
    if (at >= bestAt) {
      best = candidate;
      bestAt = at;
    }
  }
  return best;
}

/** The leaf shown when a conversation has no (valid) active leaf: the newest one. */
export function defaultLeaf(messages: MessageMap, children: ChildrenIndex): string | null {
  const roots = children[ROOT] ?? [];
  let best: string | null = null;
  for (const root of roots) {
    const leaf = latestLeaf(messages, children, root);
    if (best === null || (messages[leaf]?.createdAt ?? 0) >= (messages[best]?.createdAt ?? 0)) best = leaf;
  }
  return best;
}

/** `id` and its siblings, in order (a message without siblings gives `[id]`). */
export function siblingsOf(messages: MessageMap, children: ChildrenIndex, id: string): readonly string[] {
  const parent = messages[id]?.parentId ?? null;
  const key = parent !== null && messages[parent] ? parent : ROOT;
  return children[key] ?? [id];
}

/** The visible structure derived from the messages and the active leaf. */
export interface TreeView {
  children: ChildrenIndex;
  thread: string[];
  activeLeafId: string | null;
}

/** Recomputes the children index and thread; an unknown leaf falls back to the newest one. */
export function viewOf(messages: MessageMap, leafId: string | null): TreeView {
  const children = indexChildren(messages);
  const leaf = leafId !== null && messages[leafId] ? leafId : defaultLeaf(messages, children);
  return { children, thread: pathTo(messages, leaf), activeLeafId: leaf };
}
