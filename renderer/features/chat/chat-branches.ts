import type { MessageRecord } from '../../core/db/records';
import { shownText } from './chat-events';
import { insertMessages, removeMessages, showLeaf } from './chat-persist';
import { latestLeaf, siblingsOf, subtreeIds } from './chat-tree';
import type { ChatContext } from './chat-types';

/*
 * Moving around the tree and changing it without sending: switch sibling branches, pick
 * one of n choices, copy, delete a subtree (with undo).
 */

/** Shows the previous (-1) or next (+1) sibling of `messageId`, at that branch's newest leaf. */
export function switchBranch(ctx: ChatContext, messageId: string, direction: -1 | 1): void {
  const { messages, children } = ctx.get();
  const siblings = siblingsOf(messages, children, messageId);
  const target = siblings[siblings.indexOf(messageId) + direction];
  if (!target) return;
  showLeaf(ctx, latestLeaf(messages, children, target));
}

/** Makes choice `index` the one shown and sent as history from now on. */
export function selectChoice(ctx: ChatContext, messageId: string, index: number): void {
  const message = ctx.get().messages[messageId];
  const choices = message?.choices ?? [];
  if (!message || index < 0 || index >= choices.length || ctx.get().activeId === messageId) return;
  const next: MessageRecord = { ...message, selectedChoice: index, content: shownText(choices, index) };
  ctx.set((s) => ({ messages: { ...s.messages, [messageId]: next } }));
  ctx.saver.save(next);
  void ctx.saver.flush();
}

/**
 * Deletes `messageId` and everything under it. The thread moves to the nearest remaining
 * sibling branch, or ends at the parent. Not while the subtree is streaming.
 */
export async function deleteMessage(ctx: ChatContext, messageId: string): Promise<void> {
  const s = ctx.get();
  if (!s.messages[messageId]) return;
  const ids = subtreeIds(s.children, messageId);
  if (s.activeId !== null && ids.includes(s.activeId)) return;
  const removed = ids.flatMap((id) => s.messages[id] ?? []);
  let leaf = s.activeLeafId;
  if (leaf === null || ids.includes(leaf)) {
    const siblings = siblingsOf(s.messages, s.children, messageId).filter((id) => id !== messageId);
    const at = siblingsOf(s.messages, s.children, messageId).indexOf(messageId);
    const nearest = siblings[Math.min(at, siblings.length - 1)];
    leaf = nearest ? latestLeaf(s.messages, s.children, nearest) : (s.messages[messageId]?.parentId ?? null);
  }
  ctx.set({ deleted: { messages: removed, leafBefore: s.activeLeafId } });
  const images = await removeMessages(ctx, ids, leaf);
  // Kept for Undo: the pictures only this branch showed went with it.
  if (images.length > 0)
    ctx.set((now) => (now.deleted?.messages === removed ? { deleted: { ...now.deleted, images } } : {}));
}

/** Puts the last deleted subtree back where it was. */
export async function undoDelete(ctx: ChatContext): Promise<void> {
  const deleted = ctx.get().deleted;
  if (!deleted) return;
  ctx.set({ deleted: null });
  if (deleted.images?.length) await ctx.deps.repo().putImages(deleted.images);
  await insertMessages(ctx, deleted.messages, deleted.leafBefore);
}

const clipboard = (ctx: ChatContext) =>
  ctx.deps.writeClipboard ?? ((text: string) => navigator.clipboard.writeText(text));

/** Copies a message's text (an answer's shown choice). */
export async function copyMessage(ctx: ChatContext, messageId: string): Promise<void> {
  const message = ctx.get().messages[messageId];
  if (message) await clipboard(ctx)(message.content);
}

/** Copies the last answer of the visible thread. */
export async function copyLastAnswer(ctx: ChatContext): Promise<void> {
  const { thread, messages } = ctx.get();
  const last = thread.findLast((id) => messages[id]?.role === 'assistant');
  if (last) await copyMessage(ctx, last);
}
