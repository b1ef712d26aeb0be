import type { GenerationParams } from '../../../shared/domain';
import type { ConversationRecord, ImageRecord, MessageRecord } from '../../core/db/records';
import { titleFrom } from './chat-history';
import { type MessageMap, viewOf } from './chat-tree';
import type { ChatContext, ChatState } from './chat-types';

/*
 * The store's bridge to IndexedDB: creating the conversation on the first send, changing the
 * tree (insert, remove) in state and on disk together, and the last-used settings that new
 * conversations start from.
 */

/** Preference keys (small UI choices, never secrets). */
export const PREF_ENDPOINT = 'chat.endpoint';
export const PREF_DEFAULT_PRESET = 'chat.defaultPreset';
export const PREF_CONVERSATION = 'chat.conversation';

/** A strictly increasing timestamp, so siblings created in the same millisecond keep their order. */
export function stamp(ctx: ChatContext): number {
  const now = Math.max(ctx.deps.now(), ctx.session.lastNow + 1);
  ctx.session.lastNow = now;
  return now;
}

/** A new unique id. */
export const makeId = (ctx: ChatContext): string => ctx.deps.newId();

const readPref = (ctx: ChatContext, key: string) => ctx.deps.readPreference(key);
const writePref = (ctx: ChatContext, key: string, value: string | null) =>
  ctx.deps.writePreference(key, value);

/** The preset new conversations start from, as chosen (a copy: it survives the preset's deletion). */
export interface DefaultPreset {
  id: string;
  name: string;
  systemPrompt: string;
  params: GenerationParams;
}

/** The chosen default preset, or null (then a new conversation starts from the server's defaults). */
export function defaultPreset(ctx: ChatContext): DefaultPreset | null {
  try {
    const saved = JSON.parse(readPref(ctx, PREF_DEFAULT_PRESET) ?? 'null') as Partial<DefaultPreset> | null;
    if (!saved || typeof saved.id !== 'string' || typeof saved.name !== 'string') return null;
    return {
      id: saved.id,
      name: saved.name,
      systemPrompt: typeof saved.systemPrompt === 'string' ? saved.systemPrompt : '',
      params: saved.params && typeof saved.params === 'object' ? saved.params : {},
    };
  } catch {
    // A damaged preference only loses the convenience.
    return null;
  }
}

/** Chooses (or, with null, clears) the preset new conversations start from. */
export function writeDefaultPreset(ctx: ChatContext, preset: DefaultPreset | null): void {
  writePref(ctx, PREF_DEFAULT_PRESET, preset ? JSON.stringify(preset) : null);
}

/**
 * The settings a new conversation starts from: the last used endpoint, and the default
 * preset's system prompt and parameters — never the last conversation's (a temperature 0 or a
 * stop sequence set there must not silently shape the next one). Without a default preset:
 * no system prompt, every parameter unset.
 */
export function startingSettings(ctx: ChatContext): Pick<ChatState, 'endpoint' | 'systemPrompt' | 'params'> {
  const preset = defaultPreset(ctx);
  return {
    endpoint: readPref(ctx, PREF_ENDPOINT),
    systemPrompt: preset?.systemPrompt ?? '',
    params: { ...(preset?.params ?? {}) },
  };
}

/** Remembers the endpoint for the next new conversation and saves the settings on the current one. */
export function saveSettings(ctx: ChatContext): void {
  const { endpoint, systemPrompt, params } = ctx.get();
  writePref(ctx, PREF_ENDPOINT, endpoint);
  void touchConversation(ctx, { endpoint, systemPrompt, params }, false);
}

/** Remembers which conversation is open, so a reload reopens it. */
export const rememberOpen = (ctx: ChatContext, id: string | null) => writePref(ctx, PREF_CONVERSATION, id);
export const rememberedOpen = (ctx: ChatContext) => readPref(ctx, PREF_CONVERSATION);

/** Updates the current conversation's record (and `updatedAt` unless `bump` is false). */
export async function touchConversation(
  ctx: ChatContext,
  patch: Partial<ConversationRecord>,
  bump = true,
): Promise<void> {
  const id = ctx.get().conversationId;
  if (!id) return;
  const full = bump ? { ...patch, updatedAt: stamp(ctx) } : patch;
  try {
    // A conversation still being created gets its changes after its row exists.
    await creating.get(ctx);
    await ctx.deps.repo().update(id, full);
    ctx.deps.onConversationChanged?.(id);
  } catch (cause) {
    console.error('Saving the conversation failed', cause);
  }
}

/** Each store's conversation whose row is being written (at most one: the one just started). */
const creating = new WeakMap<ChatContext, Promise<void>>();

/**
 * The current conversation's id, creating it (titled from `firstText`) when there is none.
 * The id is known at once; `stored` settles when the row is written. The request does not wait
 * for it (a first message would otherwise pay an IndexedDB write before its request left);
 * changes to the conversation meanwhile wait for the row (see touchConversation).
 */
export function ensureConversation(
  ctx: ChatContext,
  firstText: string,
): { id: string; stored: Promise<void> } {
  const s = ctx.get();
  if (s.conversationId) return { id: s.conversationId, stored: Promise.resolve() };
  const at = stamp(ctx);
  const record: ConversationRecord = {
    id: makeId(ctx),
    title: titleFrom(firstText),
    createdAt: at,
    updatedAt: at,
    workspaceId: ctx.deps.workspaceId?.() ?? null,
    endpoint: s.endpoint,
    systemPrompt: s.systemPrompt,
    params: s.params,
    activeLeafId: null,
  };
  ctx.set({ conversationId: record.id, title: record.title });
  rememberOpen(ctx, record.id);
  const stored = ctx.deps
    .repo()
    .create(record)
    .then(() => ctx.deps.onConversationChanged?.(record.id))
    .finally(() => {
      if (creating.get(ctx) === pending) creating.delete(ctx);
    });
  // A failed write is reported by the caller; the waiters only need its end.
  const pending = stored.catch(() => {});
  creating.set(ctx, pending);
  return { id: record.id, stored };
}

/** Shows `leaf`'s branch and saves it as the conversation's active leaf. */
export function showLeaf(
  ctx: ChatContext,
  leaf: string | null,
  messages: MessageMap = ctx.get().messages,
): void {
  const view = viewOf(messages, leaf);
  ctx.set({ messages, ...view });
  void touchConversation(ctx, { activeLeafId: view.activeLeafId }, false);
}

/** Adds (or replaces) messages, shows `leaf`, and writes them now. */
export async function insertMessages(
  ctx: ChatContext,
  added: MessageRecord[],
  leaf: string | null,
): Promise<void> {
  const messages: Record<string, MessageRecord> = { ...ctx.get().messages };
  for (const m of added) messages[m.id] = m;
  showLeaf(ctx, leaf, messages);
  for (const m of added) ctx.saver.save(m);
  await ctx.saver.flush();
}

/** Removes messages from state and disk and shows `leaf`; resolves to the pictures deleted with them. */
export async function removeMessages(
  ctx: ChatContext,
  ids: string[],
  leaf: string | null,
): Promise<ImageRecord[]> {
  const messages: Record<string, MessageRecord> = { ...ctx.get().messages };
  for (const id of ids) delete messages[id];
  showLeaf(ctx, leaf, messages);
  // A queued save of a removed message must not land after the delete.
  await ctx.saver.flush();
  try {
    return (await ctx.deps.repo().deleteMessages(ids)) || [];
  } catch (cause) {
    console.error('Deleting messages failed', cause);
    return [];
  }
}
