import type { StudioApi } from '../../../shared/contract';
import type { ChatMessage } from '../../../shared/domain';
import type { StudioError } from '../../../shared/errors';
import type { StreamEvent } from '../../../shared/stream-events';
import type { FrameBatcher } from '../../app/frame-batcher';
import { type AssistantEntry, applyStreamEvents, type ChatEntry, historyFor } from './chat-events';
import type { ChatState, ChatStoreDeps } from './create-chat-store';

/*
 * The chat store's actions that talk to the bridge: run a turn, stop it, apply its events.
 * Plain functions over a context so each stays small; the store wires them to its state.
 */

/** Events for not-yet-known streams kept at most, so other panes' streams can't pile up. */
const MAX_PENDING = 5_000;

/** Bookkeeping that is not UI state (never rendered, so kept out of the store). */
export interface TurnSession {
  nextId: number;
  /** Events that arrived before startChat told us their stream id. */
  pending: StreamEvent[];
  /** startChat calls still waiting for their stream id. */
  awaitingStart: number;
  /** Stop was pressed before the stream id was known. */
  stopRequested: boolean;
  subscribed: boolean;
}

/** What the turn functions work with. */
export interface TurnContext {
  set: (partial: Partial<ChatState> | ((s: ChatState) => Partial<ChatState>)) => void;
  get: () => ChatState;
  deps: ChatStoreDeps;
  batcher: FrameBatcher<StreamEvent>;
  session: TurnSession;
}

/** A fresh session. */
export const newSession = (): TurnSession => ({
  nextId: 0,
  pending: [],
  awaitingStart: 0,
  stopRequested: false,
  subscribed: false,
});

/** A unique id for a new message. */
export const newId = (ctx: TurnContext, prefix: string): string => `${prefix}-${++ctx.session.nextId}`;

/** Marks a turn failed before any text: error inline, the user's text back in the composer. */
export function failTurn(ctx: TurnContext, assistantId: string, error: StudioError | null): void {
  ctx.set((s) => {
    const index = s.messages.findIndex((m) => m.id === assistantId);
    const user = s.messages[index - 1];
    const messages = s.messages.map((m, i): ChatEntry => {
      if (i === index && m.role === 'assistant')
        return { ...m, status: 'error', failed: true, error: error ?? m.error, retryNotice: null };
      if (i === index - 1 && m.role === 'user') return { ...m, failed: true };
      return m;
    });
    const restored = user?.role === 'user' ? user.content : '';
    const draft = s.draft.trim() === '' ? restored : `${restored}\n\n${s.draft}`;
    return { messages, draft, activeId: s.activeId === assistantId ? null : s.activeId };
  });
}

/** Applies one frame's events; keeps events of streams whose id is not known yet. */
export function applyBatch(ctx: TurnContext, events: StreamEvent[]): void {
  const before = ctx.get();
  const { messages, unmatched, failedIds } = applyStreamEvents(before.messages, events);
  const { session } = ctx;
  if (session.awaitingStart > 0) session.pending = [...session.pending, ...unmatched].slice(-MAX_PENDING);
  if (messages !== before.messages) {
    const active = messages.find((m) => m.id === before.activeId);
    const finished = active?.role === 'assistant' && active.status !== 'streaming';
    ctx.set({ messages, activeId: finished ? null : before.activeId });
  }
  for (const id of failedIds) failTurn(ctx, id, null);
}

/** Gives the answer its stream id and applies the events that came before the id did. */
function attach(ctx: TurnContext, assistantId: string, streamId: string): void {
  ctx.set((s) => ({
    messages: s.messages.map((m) =>
      m.id === assistantId && m.role === 'assistant' ? { ...m, streamId } : m,
    ),
  }));
  const { session } = ctx;
  const mine = session.pending.filter((e) => e.streamId === streamId);
  session.pending = session.pending.filter((e) => e.streamId !== streamId);
  if (mine.length > 0) applyBatch(ctx, mine);
  if (session.stopRequested && ctx.get().activeId === assistantId) void stopActive(ctx);
}

function emptyAnswer(ctx: TurnContext, endpoint: string): AssistantEntry {
  return {
    id: newId(ctx, 'assistant'),
    role: 'assistant',
    content: '',
    status: 'streaming',
    endpoint,
    streamId: null,
    lastSeq: -1,
    model: null,
    metrics: null,
    finishReason: null,
    error: null,
    retryNotice: null,
    synthetic: ctx.deps.isDemoWorkspace(),
    failed: false,
  };
}

async function startChat(ctx: TurnContext, endpoint: string, messages: ChatMessage[]) {
  try {
    return await ctx.deps.getApi().startChat({ endpoint, messages, params: {} });
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : 'The request could not be sent.';
    return { ok: false as const, error: { code: 'INTERNAL' as const, message } };
  }
}

/** Appends an empty answer to `messages` and streams into it. */
export async function runTurn(ctx: TurnContext, messages: ChatEntry[], endpoint: string): Promise<void> {
  const { session, deps, batcher } = ctx;
  const assistant = emptyAnswer(ctx, endpoint);
  const system = ctx.get().systemPrompt.trim();
  const request: ChatMessage[] = [
    ...(system ? [{ role: 'system' as const, content: system }] : []),
    ...historyFor(messages),
  ];
  ctx.set({ messages: [...messages, assistant], activeId: assistant.id });
  session.stopRequested = false;
  if (!session.subscribed) {
    // The store lives as long as the page, so its one subscription is never removed.
    session.subscribed = true;
    deps.getApi().onStreamEvent((event: StreamEvent) => batcher.push(event));
  }
  session.awaitingStart++;
  const result = await startChat(ctx, endpoint, request);
  session.awaitingStart--;
  if (result.ok) attach(ctx, assistant.id, result.value.streamId);
  else failTurn(ctx, assistant.id, result.error);
  if (session.awaitingStart === 0) session.pending = [];
}

/** Stops the active stream; the text so far stays. */
export async function stopActive(ctx: TurnContext): Promise<void> {
  const { activeId, messages } = ctx.get();
  const entry = messages.find((m) => m.id === activeId);
  if (entry?.role !== 'assistant') return;
  if (entry.streamId === null) {
    ctx.session.stopRequested = true;
    return;
  }
  const api: StudioApi = ctx.deps.getApi();
  const result = await api.cancelStream({ streamId: entry.streamId });
  if (result.ok && result.value.cancelled) return;
  // The stream is unknown to the privileged side (already over): settle it here so the UI
  // never stays "streaming" forever, keeping the text.
  ctx.batcher.flushNow();
  const still = ctx.get().messages.find((m) => m.id === entry.id);
  if (still?.role === 'assistant' && still.status === 'streaming') {
    ctx.set((s) => ({
      activeId: null,
      messages: s.messages.map((m) => (m.id === entry.id ? { ...still, status: 'stopped' } : m)),
    }));
  }
}
