import type { GenerationParams } from '../../../shared/domain';
import type { StreamEvent } from '../../../shared/stream-events';
import type { CompareAnswer } from '../../core/db/records';
import { applicableParams, endpointCapabilities } from '../../core/endpoint-capabilities';
import { blobToDataUrl } from '../../core/images';
import { foldStepText, nextToolStep, pendingCalls, withResults } from '../../core/tool-loop';
import { applyCompareEvents, type PaneEnding, type PaneLink } from './compare-events';
import { paneImagesRefusal, turnImages } from './compare-images';
import {
  answerFor,
  answerMessage,
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
 * pane (renderer/core/stream, one group for all panes, so a frame's events of every pane
 * are applied in one store update), routed back by streamId. Each pane settles on its own
 * terminal event — a refused start and a Stop the privileged side can no longer act on
 * arrive as one too — so a pane that fails (429, 404, network) never touches the others.
 */

/**
 * The parameters pane `pane` sends: its own or the shared ones, without a reasoning setting
 * its endpoint has no control for (a shared thinking budget reaches only the panes that take
 * one).
 */
export function paneSentParams(
  ctx: CompareContext,
  pane: PaneState,
  shared: GenerationParams,
): GenerationParams {
  const params = effectiveParams(pane, shared);
  if (!pane.endpoint) return params;
  const target = ctx.deps.endpointInfo?.(pane.endpoint) ?? { name: pane.endpoint };
  return applicableParams(params, endpointCapabilities(target));
}

/**
 * Starts a stream for pane `pane`'s answer to `turn` (already in the store, streaming, with
 * the parameters it is sent with). A later step of a tool loop sends the answer so far (its
 * calls and their results) after the user's message, and continues it.
 */
async function startStep(
  ctx: CompareContext,
  pane: PaneState,
  turn: number,
  step: Pick<PaneLink, 'previous' | 'reasoningBase'> = {},
): Promise<void> {
  const { session } = ctx;
  const s = ctx.get();
  const answer = answerFor(pane, turn);
  const messages = paneHistory(pane, s.systemPrompt, s.turns, turnImages(ctx));
  if (answer?.items?.length) messages.push(answerMessage(answer));
  const params = answer?.params ?? paneSentParams(ctx, pane, s.sharedParams);
  const stream = ctx.streams.start('chat', { endpoint: pane.endpoint ?? '', messages, params });
  session.streams.set(pane.id, stream);
  session.links.set(stream.streamId, { paneId: pane.id, turn, lastSeq: -1, ended: false, ...step });
  await stream.started;
}

/**
 * The draft's pictures as data URLs, recorded as turn `turn`'s (earlier turns keep theirs);
 * null when they could not be read (the draft is given back).
 */
async function sendImages(ctx: CompareContext, turn: number): Promise<{ url: string }[][] | null> {
  const s = ctx.get();
  const images = s.draftImages;
  const turns = Array.from({ length: turn + 1 }, (_, i) => turnImages(ctx)[i] ?? []);
  if (images.length === 0) return turns;
  // Cleared at once so a second Enter in the same moment sends nothing.
  ctx.set({ draftImages: [], draft: '' });
  try {
    turns[turn] = await Promise.all(
      images.map(async (i) => ({ url: await blobToDataUrl(i.blob, i.attachment.mime) })),
    );
  } catch {
    ctx.set({
      draftImages: images,
      draft: s.draft,
      attachError: 'The pictures could not be read; attach them again.',
    });
    return null;
  }
  ctx.session.images = { comparisonId: s.comparisonId, turns };
  return turns;
}

/**
 * Sends the draft (text and pictures) to every pane that has an endpoint. A pane whose model
 * is known as text only is refused at once with the reason when pictures would go to it;
 * the others run.
 */
export async function send(ctx: CompareContext): Promise<void> {
  const before = ctx.get();
  const text = before.draft.trim();
  const hasImages = before.draftImages.length > 0;
  if ((text === '' && !hasImages) || !before.panes.some((p) => p.endpoint) || anyStreaming(before.panes))
    return;
  const turn = before.turns.length;
  // Awaited only with pictures: without, the turn starts in this same tick as before, so a
  // second Enter finds it streaming.
  const images = hasImages
    ? await sendImages(ctx, turn)
    : Array.from({ length: turn + 1 }, (_, i) => turnImages(ctx)[i] ?? []);
  if (!images) return;
  const s = ctx.get();
  const ready = s.panes.filter((p) => p.endpoint);
  const refusals = new Map<string, string>();
  for (const pane of ready) {
    const target = ctx.deps.endpointInfo?.(pane.endpoint ?? '') ?? { name: pane.endpoint ?? '' };
    const refusal = paneImagesRefusal(target, images);
    if (refusal) refusals.set(pane.id, refusal);
  }
  const answerOf = (p: PaneState) => {
    const refusal = refusals.get(p.id);
    return refusal
      ? {
          ...emptyAnswer(turn),
          status: 'error' as const,
          error: { code: 'INVALID_INPUT' as const, message: refusal },
        }
      : emptyAnswer(turn);
  };
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
    // Each answer keeps the parameters it was sent with: they decide how it is judged
    // (response format) and how its tool loop goes on, whatever the setup becomes.
    panes: s.panes.map((p) =>
      p.endpoint ? withAnswer(p, { ...answerOf(p), params: paneSentParams(ctx, p, s.sharedParams) }) : p,
    ),
    title: s.title || text.slice(0, 80) || (before.draftImages[0]?.attachment.name ?? ''),
  });
  const panes = ctx.get().panes.filter((p) => p.endpoint && !refusals.has(p.id));
  await Promise.all(panes.map((p) => startStep(ctx, p, turn)));
  if (panes.length === 0) void saveComparison(ctx);
}

/** Applies one frame's events of every pane. */
export function applyBatch(ctx: CompareContext, events: StreamEvent[]): void {
  const { session } = ctx;
  const before = ctx.get();
  const result = applyCompareEvents(before.panes, session.links, events);
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
  const stream = session.streams.get(paneId);
  if (stream) session.links.delete(stream.streamId);
  session.streams.delete(paneId);
  const pane = ctx.get().panes.find((p) => p.id === paneId);
  const answer = pane ? answerFor(pane, turn) : undefined;
  if (!pane || !answer) return;
  // Refused before any text (404, 429, too long…): not served, so neither cost nor usage.
  const refused = event.type === 'error' && !event.partial;
  // The answer's metrics add up its tool steps (its cost); usage is recorded per request.
  const metrics = refused ? null : (answer.metrics ?? (event.type === 'error' ? null : event.metrics));
  const stepMetrics = refused ? null : (event.metrics ?? metrics);
  const costUsd = metrics && pane.endpoint ? ctx.deps.costOf(pane.endpoint, metrics) : null;
  const status = event.type === 'error' ? 'error' : answer.status === 'streaming' ? 'stopped' : answer.status;
  const settled = {
    ...answer,
    status,
    costUsd,
    // The privileged side's estimate of a prompt the server refused is no usage to show.
    ...(refused ? { metrics: null } : {}),
    ...(event.type === 'error' ? { error: event.error } : {}),
  };
  ctx.set((s) => ({
    panes: s.panes.map((p) => (p.id === paneId ? withAnswer(p, settled) : p)),
    notices: { ...s.notices, [paneId]: null },
  }));
  if (event.type === 'error' && event.error.code === 'NOT_FOUND' && event.error.status && pane.endpoint)
    ctx.deps.onEndpointGone?.(pane.endpoint, event.error);
  if (stepMetrics && pane.endpoint) {
    void ctx.deps.recordUsage({
      at: ctx.now(),
      workspaceId: ctx.deps.workspaceId(),
      endpoint: pane.endpoint,
      source: 'compare',
      promptTokens: stepMetrics.promptTokens ?? 0,
      completionTokens: stepMetrics.completionTokens ?? 0,
      costUsd: ctx.deps.costOf(pane.endpoint, stepMetrics),
    });
  }
  if (event.type === 'done' && continueWithMocks(ctx, paneId, turn)) return;
  if (!anyStreaming(ctx.get().panes)) void saveComparison(ctx);
}

/**
 * Mock mode: a step that ended with calls, under the step cap, gets every call answered from
 * the tools' saved mocks and the pane goes on by itself (its own loop: the other panes never
 * wait for it). Returns whether a next step started. Out of mock mode, or at the cap, the
 * calls stay waiting and the pane says so.
 */
function continueWithMocks(ctx: CompareContext, paneId: string, turn: number): boolean {
  const pane = ctx.get().panes.find((p) => p.id === paneId);
  const answer = pane ? answerFor(pane, turn) : undefined;
  if (!pane || !answer || answer.status !== 'done' || !answer.params) return false;
  const decision = nextToolStep(answer.items, answer.params);
  if (decision.kind !== 'mock') return false;
  continueStep(ctx, pane, answer, turn, decision.results);
  return true;
}

/** Puts the results after the calls and starts the answer's next step (the same answer goes on). */
function continueStep(
  ctx: CompareContext,
  pane: PaneState,
  answer: CompareAnswer,
  turn: number,
  results: ReadonlyMap<string, string>,
): void {
  const next = {
    ...answer,
    content: '',
    items: withResults(foldStepText(answer.content, answer.items), results),
    status: 'streaming' as const,
    finishReason: null,
    error: null,
  };
  const updated = withAnswer(pane, next);
  ctx.set((s) => ({ panes: s.panes.map((p) => (p.id === pane.id ? updated : p)) }));
  void startStep(ctx, updated, turn, {
    previous: answer.metrics,
    reasoningBase: answer.reasoning?.length ?? 0,
  });
}

/**
 * The user's results for a pane's waiting calls (every one of them, typed or picked from the
 * tools' mocks): the pane's answer goes on with its next step, like mock mode does by itself.
 * Returns whether it started (not while the pane streams, nor for an answer with no call waiting).
 */
export function submitPaneResults(
  ctx: CompareContext,
  paneId: string,
  turn: number,
  results: Readonly<Record<string, string>>,
): boolean {
  const pane = ctx.get().panes.find((p) => p.id === paneId);
  const answer = pane ? answerFor(pane, turn) : undefined;
  if (!pane || !answer || answer.status !== 'done' || ctx.session.streams.has(paneId)) return false;
  const waiting = pendingCalls(answer.items);
  if (waiting.length === 0 || waiting.some((c) => (results[c.callId] ?? '').trim() === '')) return false;
  continueStep(ctx, pane, answer, turn, new Map(waiting.map((c) => [c.callId, results[c.callId] ?? ''])));
  return true;
}

/**
 * Stops one pane's stream; the text so far stays. The pane settles on its `aborted` event
 * (made up by the stream client when the privileged side no longer knows the stream).
 */
export async function stopPane(ctx: CompareContext, paneId: string): Promise<void> {
  await ctx.session.streams.get(paneId)?.stop();
}

/** Stops every streaming pane. */
export async function stopAll(ctx: CompareContext): Promise<void> {
  await Promise.all([...ctx.session.streams.keys()].map((id) => stopPane(ctx, id)));
}
