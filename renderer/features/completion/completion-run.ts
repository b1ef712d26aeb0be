import { validateParams } from '../../../shared/limits';
import type { StreamEvent } from '../../../shared/stream-events';
import type { CompletionRunRecord } from '../../core/db/records';
import { applyRunEvents, type TerminalEvent } from './completion-events';
import type { CompletionContext } from './completion-types';

/*
 * One run: start the stream (renderer/core/stream), route its events into the run, settle
 * it on the terminal event (cost, usage, save), and stop it.
 */

/** A strictly increasing timestamp. */
export function stamp(ctx: CompletionContext): number {
  const now = Math.max(ctx.deps.now(), ctx.session.lastNow + 1);
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
    id: ctx.deps.newId(),
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

/** Sends the prompt: a new run, streamed into the store and saved as it grows. */
export async function send(ctx: CompletionContext): Promise<void> {
  const s = ctx.get();
  const { session } = ctx;
  if (s.streaming || !s.endpoint || s.prompt.length === 0 || paramProblems(ctx).length > 0) return;
  const run = newRun(ctx, s.endpoint);
  const stream = ctx.streams.start('completion', {
    endpoint: run.endpoint,
    prompt: run.prompt,
    params: run.params,
  });
  session.stream = stream;
  session.link = { streamId: stream.streamId, runId: run.id, lastSeq: -1, ended: false };
  ctx.set({ run, selectedChoice: 0, streaming: true, failure: null, retryNotice: null });
  if (!(await stream.started)) return;
  // Accepted: from now on the run is worth keeping (it may have streamed a little already).
  const current = ctx.get().run;
  if (current?.id !== run.id) return;
  ctx.saver.save(current);
  listRun(ctx, current);
}

/**
 * A request refused before any stream started (invalid input, wrong task, no connection):
 * not a run worth keeping; the error shows inline and the prompt stays in the editor.
 */
function refuse(ctx: CompletionContext, events: StreamEvent[]): void {
  const ending = events.find((e) => e.type === 'error');
  ctx.session.link = null;
  ctx.session.stream = null;
  ctx.set({ run: null, streaming: false, failure: ending?.type === 'error' ? ending.error : null });
}

/** Applies one frame's events to the run on screen. */
export function applyBatch(ctx: CompletionContext, events: StreamEvent[]): void {
  const { session } = ctx;
  const link = session.link;
  const run = ctx.get().run;
  if (!link || !run || run.id !== link.runId) return;
  if (session.stream?.refused && session.stream.streamId === link.streamId) {
    refuse(ctx, events);
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
  ctx.session.stream = null;
  if (!run) return;
  // Refused before any text (404, 429, too long…): not served, so neither cost nor usage.
  const refused = event.type === 'error' && !event.partial;
  const metrics = refused ? null : (event.metrics ?? run.metrics);
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
  // Once per finished run that was served, whatever the ending, when there is something to count.
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

/**
 * Stops the stream; the text so far stays (status "stopped"). The run settles on the
 * stream's `aborted` event, made up by the stream client when the privileged side no
 * longer knows the stream, so the pane never stays "streaming".
 */
export async function stop(ctx: CompletionContext): Promise<void> {
  if (!ctx.get().streaming) return;
  await ctx.session.stream?.stop();
}
