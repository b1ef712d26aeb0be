import type { CompletionContext } from './completion-types';
import { checkParams, isGreedy, judgeStopCheck, rerun, type StopCheck } from './stop-check';
import { explainStop } from './stop-explanation';

/** The key of a check in the store: one per run and choice. */
export const checkKey = (runId: string, index: number): string => `${runId}:${index}`;

/**
 * Checks what ended choice `index` of the run on screen by re-running it without stop
 * sequences (greedy decoding only). The result is kept in the store for this session; the
 * re-run's usage is recorded like any other completion.
 */
export async function checkStop(ctx: CompletionContext, index: number): Promise<void> {
  const run = ctx.get().run;
  const choice = run?.choices[index];
  if (!run || !choice || run.status === 'streaming' || !isGreedy(run.params)) return;
  const explanation = explainStop(choice.text, choice.finishReason, run.params.stop);
  if (explanation.kind !== 'stop-sequence-or-natural') return;
  const key = checkKey(run.id, index);
  if (ctx.get().stopChecks[key]?.state === 'checking') return;
  const put = (check: StopCheck) => ctx.set((s) => ({ stopChecks: { ...s.stopChecks, [key]: check } }));
  put({ state: 'checking' });
  const params = checkParams(run, choice.text, ctx.deps.contextWindow?.(run.endpoint) ?? null);
  try {
    const result = await rerun(
      ctx.deps.getApi(),
      { endpoint: run.endpoint, prompt: run.prompt, params },
      index,
      ctx.deps.clock,
    );
    put(judgeStopCheck(choice.text, result, explanation.candidates));
    const m = result.metrics;
    if (m && (m.promptTokens !== null || m.completionTokens !== null)) {
      await ctx.deps.recordUsage({
        at: ctx.deps.now(),
        workspaceId: run.workspaceId,
        endpoint: run.endpoint,
        source: 'completion',
        promptTokens: m.promptTokens ?? 0,
        completionTokens: m.completionTokens ?? 0,
        costUsd: ctx.deps.costOf?.(run.endpoint, m) ?? null,
      });
    }
  } catch (cause) {
    put({ state: 'failed', message: cause instanceof Error ? cause.message : String(cause) });
  }
}
