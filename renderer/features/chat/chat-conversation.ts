import type { MessageRecord } from '../../core/db/records';
import { rememberedOpen, rememberOpen, startingSettings } from './chat-persist';
import { latestLeaf, pathTo, viewOf } from './chat-tree';
import { stopActive } from './chat-turns';
import type { ChatContext, ChatState } from './chat-types';

/*
 * Opening and starting conversations. Opening is where an answer that was streaming when
 * the app closed (status `streaming` on disk) becomes `interrupted`, partial text kept.
 */

/** State that belongs to one conversation and is reset when another is shown. */
const perConversation = (): Partial<ChatState> => ({
  failure: null,
  highlightId: null,
  deleted: null,
  trimToFit: false,
  lastDropped: 0,
  retryNotice: null,
});

/** Marks answers left `streaming` by a closed app as interrupted; returns the changed ones. */
export function markInterrupted(messages: MessageRecord[]): MessageRecord[] {
  return messages
    .filter((m) => m.status === 'streaming')
    .map((m) => ({ ...m, status: 'interrupted' as const }));
}

async function settleActive(ctx: ChatContext): Promise<void> {
  if (ctx.get().activeId === null) return;
  await stopActive(ctx);
  ctx.streams.flush();
  await ctx.saver.flush();
}

/**
 * Loads conversation `id` with all its messages. With `focusMessageId` (a search hit), the
 * branch holding it is shown and the message highlighted.
 */
export async function openConversation(ctx: ChatContext, id: string, focusMessageId?: string): Promise<void> {
  await settleActive(ctx);
  ctx.set({ loading: true });
  const repo = ctx.deps.repo();
  const [conversation, stored] = await Promise.all([repo.get(id), repo.messages(id)]);
  if (!conversation) {
    ctx.set({ loading: false });
    if (ctx.get().conversationId === null) rememberOpen(ctx, null);
    return;
  }
  const interrupted = markInterrupted(stored);
  const messages: Record<string, MessageRecord> = {};
  for (const m of stored) messages[m.id] = m;
  for (const m of interrupted) messages[m.id] = m;
  let leaf = conversation.activeLeafId;
  if (focusMessageId && messages[focusMessageId] && !pathTo(messages, leaf).includes(focusMessageId)) {
    leaf = latestLeaf(messages, viewOf(messages, null).children, focusMessageId);
  }
  ctx.set({
    ...perConversation(),
    conversationId: conversation.id,
    title: conversation.title,
    endpoint: conversation.endpoint ?? ctx.get().endpoint,
    systemPrompt: conversation.systemPrompt,
    params: conversation.params ?? {},
    messages,
    ...viewOf(messages, leaf),
    highlightId: focusMessageId && messages[focusMessageId] ? focusMessageId : null,
    loading: false,
  });
  rememberOpen(ctx, conversation.id);
  if (interrupted.length > 0) await repo.putMessages(interrupted);
}

/**
 * An empty conversation on the same endpoint, starting from the default preset's system prompt
 * and parameters (none: the server's defaults), not from the last conversation's.
 */
export function newConversation(ctx: ChatContext): void {
  void settleActive(ctx);
  const s = ctx.get();
  const { systemPrompt, params } = startingSettings(ctx);
  ctx.set({
    ...perConversation(),
    systemPrompt,
    params,
    conversationId: null,
    title: '',
    messages: {},
    children: {},
    thread: [],
    activeLeafId: null,
    composerFocus: s.composerFocus + 1,
  });
  rememberOpen(ctx, null);
}

/** Reopens the conversation that was open before the reload. */
export async function restoreLast(ctx: ChatContext): Promise<void> {
  const id = rememberedOpen(ctx);
  if (id && ctx.get().conversationId === null) await openConversation(ctx, id);
}
