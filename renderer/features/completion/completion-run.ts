import { validateParams } from '../../../shared/limits';
import type { StreamEvent } from '../../../shared/stream-events';
import type { CompletionRunRecord } from '../../core/db/records';
import { applyRunEvents, type TerminalEvent } from './completion-events';
import type { CompletionContext } from './completion-types';

/*
 * One run: start the stream, route its events into the run, settle it on the terminal event
 * (cost, usage, save), and stop it.
 */

/** Events for not-yet-known streams kept at most, so other panes' streams can't pile up. */
const MAX_PENDING = 5_000;

/** A strictly increasing timestamp. */
export function stamp(ctx: CompletionContext): number {
  const now = Math.max((ctx.deps.now ?? Date.now)(), ctx.session.lastNow + 1);
  ctx.session.lastNow = now;
  return now;
}

/** Why the current parameters cannot be sent (empty when they can). */
export function paramProblems(ctx: CompletionContext): string[] {
  const { params, endpoint } = ctx.get();
  const window = endpoint ? (ctx.deps.contextWindow?.(endpoint) ?? null) : null;
  return validateParams(params, 'completions', window);
}

/** Keeps the history list in step with a run (newest first). */
function listRun(ctx: CompletionContext, run: CompletionRunRecord): void {
  ctx.set((s) => {
    const rest = s.runs.filter((r) => r.id !== run.id);
    return { runs: [run, ...rest].sort((a, b) => b.createdAt - a.createdAt) };
  });
}

function newRun(ctx: CompletionContext, endpoint: string): CompletionRunRecord {
  const s = ctx.get();
  const at = stamp(ctx);
  return {
    id: (ctx.deps.newId ?? (() => crypto.randomUUID()))(),
    createdAt: at,
    updatedAt: at,
    workspaceId: ctx.deps.workspaceId(),
    endpoint,
    prompt: s.prompt,
    params: s.params,
    status: 'streaming',
    choices: [],
    model: null,
    metrics: null,
    error: null,
    synthetic: ctx.deps.isDemoWorkspace(),
    costUsd: null,
  };
}

async function safeStart(ctx: CompletionContext, run: CompletionRunRecord) {
  try {
    return await ctx.deps
      .getApi()
      .startCompletion({ endpoint: run.endpoint, prompt: run.prompt, params: run.params });
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : 'The request could not be sent.';
    return { ok: false as const, error: { code: 'INTERNAL' as const, message } };
  }
}

/** Sends the prompt: a new run, streamed into the store and saved as it grows. */
export async function send(ctx: CompletionContext): Promise<void> {
  const s = ctx.get();
  const { session, deps } = ctx;
  if (s.streaming || !s.endpoint || s.prompt.length === 0 || paramProblems(ctx).length > 0) return;
  if (!session.subscribed) {
    // The store lives as long as the page, so its one subscription is never removed.
    session.subscribed = true;
    deps.getApi().onStreamEvent((event) => ctx.batcher.push(event));
  }
  const run = newRun(ctx, s.endpoint);
  session.link = null;
  session.pending = [];
  session.starting = true;
  session.stopRequested = false;
  ctx.set({ run, selectedChoice: 0, streaming: true, failure: null, retryNotice: null });
  const result = await safeStart(ctx, run);
  session.starting = false;
  if (!result.ok) {
    // Refused before any stream (invalid input, wrong task, no connection): not a run worth
    // keeping; the error shows inline and the prompt stays in the editor.
    ctx.set({ run: null, streaming: false, failure: result.error });
    return;
  }
  ctx.saver.save(run);
  listRun(ctx, run);
  const streamId = result.value.streamId;
  session.link = { streamId, runId: run.id, lastSeq: -1, ended: false };
  const mine = session.pending.filter((e) => e.streamId === streamId);
  session.pending = [];
  if (mine.length > 0) applyBatch(ctx, mine);
  if (session.stopRequested && ctx.get().streaming) await stop(ctx);
}

/** Applies one frame's events; keeps those of a stream whose id is not known yet. */
export function applyBatch(ctx: CompletionContext, events: StreamEvent[]): void {
  const { session } = ctx;
  const link = session.link;
  const run = ctx.get().run;
  if (!link || !run || run.id !== link.runId) {
    if (session.starting) session.pending = [...session.pending, ...events].slice(-MAX_PENDING);
    return;
  }
  const result = applyRunEvents(run, link, events);
  const patch: { run?: CompletionRunRecord; retryNotice?: string | null } = {};
  if (result.changed) patch.run = { ...result.run, updatedAt: stamp(ctx) };
  if (result.notice !== undefined) patch.retryNotice = result.notice;
  if (patch.run || patch.retryNotice !== undefined) ctx.set(patch);
  if (patch.run) ctx.saver.save(patch.run);
  if (result.ending) settle(ctx, result.ending);
}

/** The terminal moment: cost, the usage log, a save right away. */
function settle(ctx: CompletionContext, event: TerminalEvent): void {
  const run = ctx.get().run;
  ctx.session.link = null;
  if (!run) return;
  const metrics = event.metrics ?? run.metrics;
  const costUsd = metrics && ctx.deps.costOf ? ctx.deps.costOf(run.endpoint, metrics) : null;
  const settled: CompletionRunRecord = {
    ...run,
    ...(run.status === 'streaming' ? { status: event.type === 'error' ? 'error' : 'stopped' } : {}),
    metrics,
    costUsd,
    updatedAt: stamp(ctx),
  };
  ctx.set({ run: settled, streaming: false, retryNotice: null });
  ctx.saver.save(settled);
  void ctx.saver.flush();
  listRun(ctx, settled);
  // Once per finished run, whatever the ending, when there is something to count.
  if (metrics && (metrics.promptTokens !== null || metrics.completionTokens !== null)) {
    void ctx.deps
      .recordUsage({
        at: settled.updatedAt,
        workspaceId: settled.workspaceId,
        endpoint: settled.endpoint,
        source: 'completion',
        promptTokens: metrics.promptTokens ?? 0,
        completionTokens: metrics.completionTokens ?? 0,
        costUsd,
      })
      .catch((cause: unknown) => console.error('Recording usage failed', cause));
  }
}

/** Stops the stream; the text so far stays (status "stopped"). */
export async function stop(ctx: CompletionContext): Promise<void> {
  const { session } = ctx;
  if (!ctx.get().streaming) return;
  const link = session.link;
  if (!link) {
    session.stopRequested = true;
    return;
  }
  const result = await ctx.deps.getApi().cancelStream({ streamId: link.streamId });
  if (result.ok && result.value.cancelled) return;
  // The privileged side no longer knows the stream (it just ended): settle here so the pane
  // never stays "streaming", keeping the text.
  ctx.batcher.flushNow();
  if (session.link !== link) return;
  link.ended = true;
  settle(ctx, { type: 'aborted', streamId: link.streamId, seq: 0, metrics: null });
}
