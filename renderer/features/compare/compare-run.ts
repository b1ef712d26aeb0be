import type { ChatMessage, GenerationParams } from '../../../shared/domain';
import type { StudioError } from '../../../shared/errors';
import type { StreamEvent } from '../../../shared/stream-events';
import { applyCompareEvents, type PaneEnding } from './compare-events';
import {
  answerFor,
  anyStreaming,
  effectiveParams,
  emptyAnswer,
  type PaneState,
  paneHistory,
  shuffled,
  withAnswer,
} from './compare-model';
import { saveComparison } from './compare-persist';
import type { CompareContext } from './compare-types';

/*
 * One turn of a comparison: the same user message to every pane at once, one stream per
 * pane, events routed back by streamId and applied once per frame. Each pane settles on its
 * own terminal event, so a pane that fails (429, 404, network) never touches the others.
 */

/** Events for not-yet-known streams kept at most (other features' streams share the channel). */
const MAX_PENDING = 5_000;

const failed = (paneId: string, turn: number, error: StudioError): PaneEnding => ({
  paneId,
  turn,
  event: { type: 'error', streamId: '', seq: 0, error, partial: false, metrics: null },
});

function subscribe(ctx: CompareContext): void {
  if (ctx.session.subscribed) return;
  // One subscription for every pane; the store lives as long as the page.
  ctx.session.subscribed = true;
  ctx.deps.getApi().onStreamEvent((event: StreamEvent) => ctx.batcher.push(event));
}

async function safeStart(
  ctx: CompareContext,
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

/** Starts pane `pane`'s stream for `turn` (its answer is already in the store, streaming). */
async function startPane(ctx: CompareContext, pane: PaneState, turn: number): Promise<void> {
  const { session } = ctx;
  const s = ctx.get();
  const messages = paneHistory(pane, s.systemPrompt, s.turns);
  session.streams.set(pane.id, null);
  const result = await safeStart(ctx, pane.endpoint ?? '', messages, effectiveParams(pane, s.sharedParams));
  if (!result.ok) {
    settle(ctx, failed(pane.id, turn, result.error));
    return;
  }
  const { streamId } = result.value;
  session.streams.set(pane.id, streamId);
  session.links.set(streamId, { paneId: pane.id, turn, lastSeq: -1, ended: false });
  const mine = session.pending.filter((e) => e.streamId === streamId);
  session.pending = session.pending.filter((e) => e.streamId !== streamId);
  if (mine.length > 0) applyBatch(ctx, mine);
  if (session.stopRequested.delete(pane.id)) await stopPane(ctx, pane.id);
}

/** Sends the draft to every pane that has an endpoint. */
export async function send(ctx: CompareContext): Promise<void> {
  const s = ctx.get();
  const text = s.draft.trim();
  const ready = s.panes.filter((p) => p.endpoint);
  if (text === '' || ready.length === 0 || anyStreaming(s.panes)) return;
  subscribe(ctx);
  const turn = s.turns.length;
  ctx.set({
    turns: [...s.turns, text],
    draft: '',
    notices: {},
    synthetic: ctx.deps.isDemoWorkspace(),
    // A fresh shuffle per turn: stable while the turn is on screen, new for the next.
    order: s.blind
      ? shuffled(
          ready.map((p) => p.id),
          ctx.deps.random,
        )
      : s.panes.map((p) => p.id),
    panes: s.panes.map((p) => (p.endpoint ? withAnswer(p, emptyAnswer(turn)) : p)),
    title: s.title || text.slice(0, 80),
  });
  const panes = ctx.get().panes.filter((p) => p.endpoint);
  await Promise.all(panes.map((p) => startPane(ctx, p, turn)));
}

/** Applies one frame's events; keeps events of streams whose id is not known yet. */
export function applyBatch(ctx: CompareContext, events: StreamEvent[]): void {
  const { session } = ctx;
  const before = ctx.get();
  const result = applyCompareEvents(before.panes, session.links, events);
  const starting = [...session.streams.values()].some((id) => id === null);
  // Other features' streams share the channel: keep strangers only while a start is in flight.
  session.pending = starting ? [...session.pending, ...result.unmatched].slice(-MAX_PENDING) : [];
  const noticed = Object.keys(result.notices).length > 0;
  if (result.panes !== before.panes || noticed)
    ctx.set((s) => ({
      panes: result.panes,
      notices: noticed ? { ...s.notices, ...result.notices } : s.notices,
    }));
  for (const ending of result.endings) settle(ctx, ending);
}

/** A pane's terminal moment: cost, usage recorded once, and a save when the turn is over. */
function settle(ctx: CompareContext, { paneId, turn, event }: PaneEnding): void {
  const { session } = ctx;
  const streamId = session.streams.get(paneId);
  if (streamId) session.links.delete(streamId);
  session.streams.delete(paneId);
  session.stopRequested.delete(paneId);
  const pane = ctx.get().panes.find((p) => p.id === paneId);
  const answer = pane ? answerFor(pane, turn) : undefined;
  if (!pane || !answer) return;
  const metrics = answer.metrics ?? (event.type === 'error' ? null : event.metrics);
  const costUsd = metrics && pane.endpoint ? ctx.deps.costOf(pane.endpoint, metrics) : null;
  const status = event.type === 'error' ? 'error' : answer.status === 'streaming' ? 'stopped' : answer.status;
  const settled = {
    ...answer,
    status,
    costUsd,
    ...(event.type === 'error' ? { error: event.error } : {}),
  };
  ctx.set((s) => ({
    panes: s.panes.map((p) => (p.id === paneId ? withAnswer(p, settled) : p)),
    notices: { ...s.notices, [paneId]: null },
  }));
  if (metrics && pane.endpoint) {
    void ctx.deps.recordUsage({
      at: ctx.now(),
      workspaceId: ctx.deps.workspaceId(),
      endpoint: pane.endpoint,
      source: 'compare',
      promptTokens: metrics.promptTokens ?? 0,
      completionTokens: metrics.completionTokens ?? 0,
      costUsd,
    });
  }
  if (!anyStreaming(ctx.get().panes)) void saveComparison(ctx);
}

/** Stops one pane's stream; the text so far stays. */
export async function stopPane(ctx: CompareContext, paneId: string): Promise<void> {
  const { session } = ctx;
  if (!session.streams.has(paneId)) return;
  const streamId = session.streams.get(paneId);
  if (!streamId) {
    session.stopRequested.add(paneId);
    return;
  }
  const result = await ctx.deps.getApi().cancelStream({ streamId });
  if (result.ok && result.value.cancelled) return;
  // Unknown to the privileged side (already over): settle here so the pane never stays
  // "streaming" forever, keeping its text.
  ctx.batcher.flushNow();
  const link = session.links.get(streamId);
  if (!link || link.ended) return;
  link.ended = true;
  settle(ctx, {
    paneId,
    turn: link.turn,
    event: { type: 'aborted', streamId, seq: 0, metrics: null },
  });
}

/** Stops every streaming pane. */
export async function stopAll(ctx: CompareContext): Promise<void> {
  await Promise.all([...ctx.session.streams.keys()].map((id) => stopPane(ctx, id)));
}
