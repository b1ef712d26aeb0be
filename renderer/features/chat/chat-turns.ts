import type { GenerationParams } from '../../../shared/domain';
import type { StudioError } from '../../../shared/errors';
import type { StreamEvent } from '../../../shared/stream-events';
import { overflowOf } from './chat-errors';
import { applyStreamEvents, choiceHasOutput, type Ending } from './chat-events';
import { draftImagesOf } from './chat-images';
import { removeMessages, stamp, touchConversation } from './chat-persist';
import type { ActiveTurn, ChatContext } from './chat-types';

/*
 * Running one turn: start the stream (renderer/core/stream), route its events into the
 * message, settle it on the terminal event (cost, save, failure), and stop it. A start that
 * fails and a Stop the privileged side can no longer act on both arrive as terminal events
 * of the stream, so every turn ends through `applyBatch` → `settle`.
 */

/** Streams `turn.request` into message `turn.messageId` (already in the store, status streaming). */
export async function startTurn(
  ctx: ChatContext,
  turn: Omit<ActiveTurn, 'stream'>,
  params: GenerationParams,
): Promise<void> {
  const { session } = ctx;
  const existing = ctx.get().messages[turn.messageId];
  const continuing = turn.mode === 'continue';
  const previous = continuing ? (existing?.metrics ?? null) : null;
  const choice = continuing ? (existing?.selectedChoice ?? 0) : undefined;
  const reasoningBase = choice === undefined ? 0 : (existing?.choices?.[choice]?.reasoning?.length ?? 0);
  const stream = ctx.streams.start('chat', { endpoint: turn.endpoint, messages: turn.request, params });
  session.turn = { ...turn, stream };
  session.links.set(stream.streamId, {
    messageId: turn.messageId,
    lastSeq: -1,
    ended: false,
    previous,
    ...(choice === undefined ? {} : { choice, reasoningBase }),
  });
  ctx.set({ activeId: turn.messageId, retryNotice: null, failure: null });
  await stream.started;
}

/** Applies one frame's events of the store's streams. */
export function applyBatch(ctx: ChatContext, events: StreamEvent[]): void {
  const { session } = ctx;
  const before = ctx.get();
  const result = applyStreamEvents(before.messages, session.links, events);
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
    session.links.delete(turn.stream.streamId);
    ctx.set({ activeId: null, retryNotice: null });
  }
  const message = ctx.get().messages[messageId];
  if (!message) return;
  // A request that failed before generating anything was refused, not served: no usage.
  if (event.type !== 'error' || event.partial)
    recordTurnUsage(ctx, turn?.endpoint ?? message.endpoint, event);
  // Reasoning or a tool call is output too: a failure after some is kept, like text.
  const empty = !(message.choices ?? []).some(choiceHasOutput);
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
  // A step that ended with tool calls may go on by itself (mock mode).
  if (turn && event.type === 'done') ctx.afterAnswer?.(messageId);
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
    at: ctx.deps.now(),
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
  let draftImages = s.draftImages;
  let leaf = parentId;
  const user = parentId ? s.messages[parentId] : undefined;
  if (turn?.retry.kind === 'send' && user) {
    remove.push(user.id);
    draft = draft.trim() === '' ? user.content : `${user.content}\n\n${draft}`;
    // Its pictures go back too, read before the delete takes their bytes away.
    draftImages = [...(await draftImagesOf(ctx, user)), ...ctx.get().draftImages];
    leaf = user.parentId;
  }
  const endpoint = turn?.endpoint ?? answer?.endpoint ?? s.endpoint ?? '';
  // The server's own 404 (not the app's): the endpoint shows as missing, in its words.
  if (error.code === 'NOT_FOUND' && error.status !== undefined && endpoint)
    ctx.deps.onEndpointGone?.(endpoint, error);
  const window = ctx.deps.endpointInfo?.(endpoint)?.contextWindow ?? null;
  const overflow = overflowOf(error, turn?.request ?? [], window);
  const at = stamp(ctx);
  const retryAfter = error.retryAfterSec !== undefined ? at + error.retryAfterSec * 1000 : null;
  ctx.set({
    draft,
    draftImages,
    failure: { error, retry: turn?.retry ?? { kind: 'send' }, at, retryAfter, endpoint, overflow },
    charsPerToken: overflow?.charsPerToken ?? s.charsPerToken,
  });
  await removeMessages(ctx, remove, leaf);
}

/**
 * Stops the active stream; the text so far stays. The turn settles on the stream's
 * `aborted` event (made up by the stream client when the privileged side no longer knows
 * the stream, so the answer never stays "streaming").
 */
export async function stopActive(ctx: ChatContext): Promise<void> {
  await ctx.session.turn?.stream.stop();
}
