import type { GenerationParams } from '../../../shared/domain';
import type { StudioError } from '../../../shared/errors';
import type { StreamEvent, TerminalStreamEvent } from '../../../shared/stream-events';
import type { EvalResultRecord, EvalRunRecord, EvalVariant } from '../../core/db/eval-records';
import { applicableParams, endpointCapabilities } from '../../core/endpoint-capabilities';
import { rowMessages } from './eval-cost';
import { type AttemptOutcome, EvalScheduler, type EvalTask } from './eval-scheduler';
import {
  type EvalContext,
  type LiveRequest,
  type RunProgress,
  type RunTotals,
  resultKey,
} from './eval-types';

/*
 * Running an evaluation here: every row × variant is one chat stream through the one stream
 * client (a group for the whole run, so a frame's events of every request are applied
 * together), queued by EvalScheduler (adaptive concurrency per endpoint, retries). Each
 * result is written to IndexedDB as it finishes, so a reload finds the run with what it had
 * done and Resume runs only the rest.
 */

/** The parameters variant `v` sends: its own, without what its endpoint has no control for. */
export function variantParams(ctx: EvalContext, v: EvalVariant): GenerationParams {
  if (!v.endpoint) return { ...v.params };
  const target = ctx.deps.endpointInfo?.(v.endpoint) ?? { name: v.endpoint };
  return applicableParams(v.params, endpointCapabilities(target));
}

/** The tasks of `run` that have no result yet, in row order. */
export function pendingTasks(
  run: EvalRunRecord,
  has: (rowIndex: number, variantId: string) => boolean,
): EvalTask[] {
  const tasks: EvalTask[] = [];
  for (let rowIndex = 0; rowIndex < run.rowCount; rowIndex += 1)
    for (const v of run.variants)
      if (v.endpoint && !has(rowIndex, v.id))
        tasks.push({ rowIndex, variantId: v.id, endpoint: v.endpoint, attempts: 0, notBefore: 0 });
  return tasks;
}

/** Empty totals. */
export const noTotals = (): RunTotals => ({
  done: 0,
  failed: 0,
  promptTokens: 0,
  completionTokens: 0,
  costUsd: null,
});

/** Adds (sign 1) or takes away (sign -1) one result from `totals`. */
export function count(totals: RunTotals, r: EvalResultRecord, sign: 1 | -1 = 1): void {
  if (r.status === 'done') totals.done += sign;
  else totals.failed += sign;
  totals.promptTokens += sign * (r.metrics?.promptTokens ?? 0);
  totals.completionTokens += sign * (r.metrics?.completionTokens ?? 0);
  if (r.costUsd !== null) totals.costUsd = (totals.costUsd ?? 0) + sign * r.costUsd;
}

/** The totals of `results`, counted once (opening a run). */
export function totalsOf(results: Iterable<EvalResultRecord>): RunTotals {
  const totals = noTotals();
  for (const r of results) count(totals, r);
  return totals;
}

/** The progress numbers of the run on screen, from its running totals and its queue. */
export function computeProgress(ctx: EvalContext): RunProgress | null {
  const { run } = ctx.get();
  if (!run) return null;
  const { scheduler } = ctx.session;
  const { done, failed, promptTokens, completionTokens, costUsd } = ctx.session.totals;
  const total = run.rowCount * run.variants.filter((v) => v.endpoint).length;
  const settled = ctx.session.settledSinceStart;
  const elapsed = ctx.deps.now() - ctx.session.startedAt;
  const left = total - done - failed;
  const running = scheduler?.state === 'running';
  return {
    total,
    done,
    failed,
    inFlight: scheduler?.inFlight ?? 0,
    promptTokens,
    completionTokens,
    costUsd,
    etaMs: running && settled > 0 && left > 0 ? (elapsed / settled) * left : null,
    limits: scheduler?.limits() ?? [],
  };
}

/** Refreshes the progress (and the grid) of the run on screen. */
export function refresh(ctx: EvalContext): void {
  ctx.set((s) => ({ progress: computeProgress(ctx), resultsVersion: s.resultsVersion + 1 }));
}

/** Saves the run record with `patch` (and the time). */
export async function saveRun(ctx: EvalContext, patch: Partial<EvalRunRecord> = {}): Promise<void> {
  const { run } = ctx.get();
  if (!run) return;
  const next = { ...run, ...patch, updatedAt: ctx.deps.now() };
  ctx.set((s) => ({ run: next, runs: [next, ...s.runs.filter((r) => r.id !== next.id)] }));
  try {
    await ctx.deps.repos().runs.put(next);
  } catch (err) {
    ctx.set({ error: `The run could not be saved: ${err instanceof Error ? err.message : String(err)}` });
  }
}

/** Stores a finished result (memory, then the database at once: a reload resumes after it). */
function keep(ctx: EvalContext, result: EvalResultRecord): void {
  const key = resultKey(result.rowIndex, result.variantId);
  const before = ctx.session.results.get(key);
  if (before) count(ctx.session.totals, before, -1);
  count(ctx.session.totals, result);
  ctx.session.results.set(key, result);
  ctx.session.settledSinceStart += 1;
  void ctx.deps
    .repos()
    .runs.putResults([result])
    .catch((err: unknown) =>
      ctx.set({ error: `A result could not be saved: ${err instanceof Error ? err.message : String(err)}` }),
    );
}

/** Runs one attempt of `task`: a chat stream of the row's messages to the variant's endpoint. */
async function execute(ctx: EvalContext, run: EvalRunRecord, task: EvalTask): Promise<AttemptOutcome> {
  const variant = run.variants.find((v) => v.id === task.variantId);
  const values = ctx.get().runRows[task.rowIndex];
  if (!variant || !values)
    return { kind: 'error', error: { code: 'INVALID_INPUT', message: 'The row or variant is gone.' } };
  const stream = ctx.streams.start('chat', {
    endpoint: task.endpoint,
    messages: rowMessages(run.template, values),
    params: variantParams(ctx, variant),
    // The scheduler paces and retries 429s; a retry by the host would land outside its pace.
    retryRateLimited: false,
  });
  const live = {
    kind: 'answer' as const,
    rowIndex: task.rowIndex,
    variantId: task.variantId,
    endpoint: task.endpoint,
    text: '',
    toolCalls: [],
    lastSeq: -1,
  };
  ctx.session.live.set(stream.streamId, live);
  ctx.session.stops.set(stream.streamId, stream.stop);
  const end = await stream.done;
  ctx.session.live.delete(stream.streamId);
  ctx.session.stops.delete(stream.streamId);
  return finish(ctx, run, task, live, end);
}

/** A request's ending: the result kept (done, or failed for good), or the outcome to retry. */
function finish(
  ctx: EvalContext,
  run: EvalRunRecord,
  task: EvalTask,
  { text, toolCalls }: Pick<LiveRequest, 'text' | 'toolCalls'>,
  end: TerminalStreamEvent,
): AttemptOutcome {
  if (end.type === 'aborted') return { kind: 'aborted' };
  const metrics = end.type === 'error' && !end.partial ? null : end.metrics;
  const costUsd = metrics ? ctx.deps.costOf(task.endpoint, metrics) : null;
  if (metrics) {
    void ctx.deps.recordUsage({
      at: ctx.deps.now(),
      workspaceId: ctx.deps.workspaceId(),
      endpoint: task.endpoint,
      source: 'evaluate',
      promptTokens: metrics.promptTokens ?? 0,
      completionTokens: metrics.completionTokens ?? 0,
      costUsd,
    });
  }
  const result: EvalResultRecord = {
    runId: run.id,
    rowIndex: task.rowIndex,
    variantId: task.variantId,
    status: end.type === 'done' ? 'done' : 'error',
    output: text,
    finishReason: end.type === 'done' ? (end.finishReasons[0] ?? null) : null,
    metrics,
    costUsd,
    error: end.type === 'error' ? end.error : null,
    finishedAt: ctx.deps.now(),
    ...(toolCalls.length > 0 ? { toolCalls } : {}),
  };
  ctx.session.pending.set(pendingKey(run.id, task), result);
  return end.type === 'done' ? { kind: 'done' } : { kind: 'error', error: end.error };
}

const pendingKey = (runId: string, task: EvalTask) => `${runId}:${task.rowIndex}:${task.variantId}`;

/** The scheduler's verdict that a task is over: its last result is kept. */
function settled(ctx: EvalContext, run: EvalRunRecord, task: EvalTask, error: StudioError | null): void {
  const key = pendingKey(run.id, task);
  const result =
    ctx.session.pending.get(key) ??
    ({
      runId: run.id,
      rowIndex: task.rowIndex,
      variantId: task.variantId,
      status: 'error',
      output: '',
      finishReason: null,
      metrics: null,
      costUsd: null,
      error,
      finishedAt: ctx.deps.now(),
    } satisfies EvalResultRecord);
  ctx.session.pending.delete(key);
  if (ctx.get().run?.id === run.id) keep(ctx, result);
}

/** Starts (or resumes) the queue of the run on screen with the tasks it has not done. */
export function startQueue(ctx: EvalContext): void {
  const { run } = ctx.get();
  if (!run) return;
  const { session } = ctx;
  const tasks = pendingTasks(run, (row, variant) => session.results.has(resultKey(row, variant)));
  session.startedAt = ctx.deps.now();
  session.settledSinceStart = 0;
  const scheduler = new EvalScheduler(tasks, {
    now: ctx.deps.now,
    setTimer: ctx.deps.setTimer,
    execute: (task) => execute(ctx, run, task),
    settled: (task, outcome) => settled(ctx, run, task, outcome.kind === 'error' ? outcome.error : null),
    finished: () => {
      if (session.scheduler !== scheduler) return;
      ctx.set({ phase: 'done' });
      void saveRun(ctx, { status: 'done' });
      refresh(ctx);
    },
    changed: () => {
      if (session.scheduler !== scheduler) return;
      if (ctx.get().phase === 'pausing' && scheduler.inFlight === 0) ctx.set({ phase: 'paused' });
      refresh(ctx);
    },
  });
  session.scheduler = scheduler;
  ctx.set({ phase: 'running' });
  void saveRun(ctx, { status: 'running' });
  scheduler.start();
}

/** Pause: nothing new starts; the requests in flight finish and are kept. */
export function pause(ctx: EvalContext): void {
  const scheduler = ctx.session.scheduler;
  if (scheduler?.state !== 'running') return;
  scheduler.pause();
  ctx.set({ phase: scheduler.inFlight > 0 ? 'pausing' : 'paused' });
  void saveRun(ctx, { status: 'paused' });
}

/** Cancel: nothing new starts and what is in flight stops; the results so far stay. */
export async function cancel(ctx: EvalContext): Promise<void> {
  const { session } = ctx;
  session.scheduler?.cancel();
  ctx.set({ phase: 'cancelled' });
  await saveRun(ctx, { status: 'cancelled' });
  await Promise.all([...session.stops.values()].map((stop) => stop()));
  refresh(ctx);
}

/** Applies one frame's events: answer text grows; a 429 being retried lowers the endpoint's limit. */
export function applyBatch(ctx: EvalContext, events: readonly StreamEvent[]): void {
  for (const event of events) {
    const live = ctx.session.live.get(event.streamId);
    if (!live || event.seq <= live.lastSeq) continue;
    live.lastSeq = event.seq;
    if (event.type === 'delta' && event.index === 0) live.text += event.text;
    else if (event.type === 'item' && event.index === 0 && event.item.type === 'function_call')
      live.toolCalls.push({ name: event.item.name, arguments: event.item.arguments });
    else if (event.type === 'retry' && event.reason.code === 'RATE_LIMITED')
      ctx.session.scheduler?.noteRateLimit(live.endpoint, event.delayMs);
  }
}
