import type { ChatMessage, GenerationParams } from '../../../shared/domain';
import type { StudioError } from '../../../shared/errors';
import type { StreamEvent } from '../../../shared/stream-events';
import { overflowOf } from './chat-errors';
import { applyStreamEvents, type Ending } from './chat-events';
import { removeMessages, stamp, touchConversation } from './chat-persist';
import type { ActiveTurn, ChatContext } from './chat-types';

/*
 * Running one turn: start the stream, route its events into the message, settle it on the
 * terminal event (cost, save, failure), and stop it.
 */

/** Events for not-yet-known streams kept at most, so other panes' streams can't pile up. */
const MAX_PENDING = 5_000;

async function safeStart(
  ctx: ChatContext,
  endpoint: string,
  messages: ChatMessage[],
  params: GenerationParams,
) {
  try {
    return await ctx.deps.getApi().startChat({ endpoint, messages, params });
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : 'The request could not be sent.';
    return { ok: false as const, error: { code: 'INTERNAL' as const, message } };
  }
}

/** Streams `turn.request` into message `turn.messageId` (already in the store, status streaming). */
export async function startTurn(
  ctx: ChatContext,
  turn: Omit<ActiveTurn, 'streamId'>,
  params: GenerationParams,
): Promise<void> {
  const { session, deps } = ctx;
  const active: ActiveTurn = { ...turn, streamId: null };
  session.turn = active;
  session.stopRequested = false;
  if (!session.subscribed) {
    // The store lives as long as the page, so its one subscription is never removed.
    session.subscribed = true;
    deps.getApi().onStreamEvent((event: StreamEvent) => ctx.batcher.push(event));
  }
  const existing = ctx.get().messages[turn.messageId];
  const continuing = turn.mode === 'continue';
  const previous = continuing ? (existing?.metrics ?? null) : null;
  const choice = continuing ? (existing?.selectedChoice ?? 0) : undefined;
  ctx.set({ activeId: turn.messageId, retryNotice: null, failure: null });
  const result = await safeStart(ctx, turn.endpoint, turn.request, params);
  if (!result.ok) {
    settle(ctx, { messageId: turn.messageId, event: errorEvent(result.error) });
    return;
  }
  const { streamId } = result.value;
  active.streamId = streamId;
  session.links.set(streamId, {
    messageId: turn.messageId,
    lastSeq: -1,
    ended: false,
    previous,
    ...(choice === undefined ? {} : { choice }),
  });
  const mine = session.pending.filter((e) => e.streamId === streamId);
  session.pending = [];
  if (mine.length > 0) applyBatch(ctx, mine);
  if (session.stopRequested && session.turn === active) await stopActive(ctx);
}

const errorEvent = (error: StudioError): Ending['event'] => ({
  type: 'error',
  streamId: '',
  seq: 0,
  error,
  partial: false,
  metrics: null,
});

/** Applies one frame's events; keeps events of the stream whose id is not known yet. */
export function applyBatch(ctx: ChatContext, events: StreamEvent[]): void {
  const { session } = ctx;
  const before = ctx.get();
  const result = applyStreamEvents(before.messages, session.links, events);
  if (session.turn && session.turn.streamId === null)
    session.pending = [...session.pending, ...result.unmatched].slice(-MAX_PENDING);
  const patch: { messages?: typeof result.messages; retryNotice?: string | null } = {};
  if (result.messages !== before.messages) patch.messages = result.messages;
  if (result.notice !== undefined) patch.retryNotice = result.notice;
  if (patch.messages || patch.retryNotice !== undefined) ctx.set(patch);
  for (const id of result.changed) {
    const message = result.messages[id];
    if (message) ctx.saver.save(message);
  }
  for (const ending of result.endings) settle(ctx, ending);
}

/** The terminal moment of a turn: cost, a save right away, or a failed turn taken back. */
function settle(ctx: ChatContext, { messageId, event }: Ending): void {
  const { session } = ctx;
  const turn = session.turn?.messageId === messageId ? session.turn : null;
  if (turn) {
    session.turn = null;
    if (turn.streamId) session.links.delete(turn.streamId);
    ctx.set({ activeId: null, retryNotice: null });
  }
  const message = ctx.get().messages[messageId];
  if (!message) return;
  recordTurnUsage(ctx, turn?.endpoint ?? message.endpoint, event);
  const empty = (message.choices ?? []).every((c) => c.text.length === 0);
  if (event.type === 'error' && empty && turn?.mode !== 'continue') {
    void failTurn(ctx, turn, messageId, event.error);
    return;
  }
  const settled = {
    ...message,
    ...(event.type === 'error' && message.status === 'streaming'
      ? { status: 'error' as const, error: event.error }
      : {}),
    costUsd:
      message.metrics && ctx.deps.costOf ? ctx.deps.costOf(message.endpoint ?? '', message.metrics) : null,
  };
  ctx.set((s) => ({ messages: { ...s.messages, [messageId]: settled } }));
  ctx.saver.save(settled);
  void ctx.saver.flush();
  void touchConversation(ctx, {});
}

/**
 * Records the usage of the request that just ended, once. The event's own metrics are this
 * request alone (the message's metrics add up earlier requests of a continued answer, which
 * were recorded when they ended). Counts may be the app's estimate when the server sent none.
 */
function recordTurnUsage(ctx: ChatContext, endpoint: string | undefined, event: Ending['event']): void {
  const metrics = event.metrics;
  if (!ctx.deps.recordUsage || !endpoint || !metrics) return;
  if (metrics.promptTokens === null && metrics.completionTokens === null) return;
  ctx.deps.recordUsage({
    // Not `stamp`: that also orders messages, and a usage row must not shift them.
    at: (ctx.deps.now ?? Date.now)(),
    workspaceId: ctx.deps.workspaceId?.() ?? null,
    endpoint,
    source: 'chat',
    promptTokens: metrics.promptTokens ?? 0,
    completionTokens: metrics.completionTokens ?? 0,
    costUsd: ctx.deps.costOf ? ctx.deps.costOf(endpoint, metrics) : null,
  });
}

/**
 * A turn that failed before any text. The empty answer goes; for a new message the user's
 * text also leaves the thread and goes back into the composer (never lost), so sending
 * again does not send it twice. The failure is shown with its actions.
 */
async function failTurn(ctx: ChatContext, turn: ActiveTurn | null, messageId: string, error: StudioError) {
  const s = ctx.get();
  const answer = s.messages[messageId];
  const parentId = answer?.parentId ?? null;
  const remove = [messageId];
  let draft = s.draft;
  let leaf = parentId;
  const user = parentId ? s.messages[parentId] : undefined;
  if (turn?.retry.kind === 'send' && user) {
    remove.push(user.id);
    draft = draft.trim() === '' ? user.content : `${user.content}\n\n${draft}`;
    leaf = user.parentId;
  }
  const endpoint = turn?.endpoint ?? answer?.endpoint ?? s.endpoint ?? '';
  const window = ctx.deps.endpointInfo?.(endpoint)?.contextWindow ?? null;
  const overflow = overflowOf(error, turn?.request ?? [], window);
  const at = stamp(ctx);
  const retryAfter = error.retryAfterSec !== undefined ? at + error.retryAfterSec * 1000 : null;
  ctx.set({
    draft,
    failure: { error, retry: turn?.retry ?? { kind: 'send' }, at, retryAfter, endpoint, overflow },
    charsPerToken: overflow?.charsPerToken ?? s.charsPerToken,
  });
  await removeMessages(ctx, remove, leaf);
}

/** Stops the active stream; the text so far stays. */
export async function stopActive(ctx: ChatContext): Promise<void> {
  const turn = ctx.session.turn;
  if (!turn) return;
  if (turn.streamId === null) {
    ctx.session.stopRequested = true;
    return;
  }
  const result = await ctx.deps.getApi().cancelStream({ streamId: turn.streamId });
  if (result.ok && result.value.cancelled) return;
  // The stream is unknown to the privileged side (already over): settle it here so the UI
  // never stays "streaming" forever, keeping the text.
  ctx.batcher.flushNow();
  if (ctx.session.turn !== turn) return;
  const aborted: Ending['event'] = { type: 'aborted', streamId: turn.streamId, seq: 0, metrics: null };
  const message = ctx.get().messages[turn.messageId];
  if (message)
    ctx.set((s) => ({ messages: { ...s.messages, [turn.messageId]: { ...message, status: 'stopped' } } }));
  settle(ctx, { messageId: turn.messageId, event: aborted });
}
