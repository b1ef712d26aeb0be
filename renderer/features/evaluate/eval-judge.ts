import type { ChatMessage } from '../../../shared/domain';
import { renderTemplate } from '../../../shared/eval-template';
import type {
  EvalJudgeVerdict,
  EvalResultRecord,
  EvalRunRecord,
  ScorerConfig,
} from '../../core/db/eval-records';
import { expectedColumn } from './eval-dataset';
import { EvalScheduler } from './eval-scheduler';
import { type EvalContext, resultKey } from './eval-types';

/*
 * The LLM judge: a second pass over a run's answers, one chat stream per answer to the judge
 * endpoint (the same stream client and adaptive queue as the run), asking for PASS or FAIL
 * against the user's rubric. Its verdicts and their cost are stored on the results.
 */

/** The judge's instructions; the verdict is read from the first word of its answer. */
export const JUDGE_SYSTEM =
  'You grade an answer against a rubric. Reply with PASS or FAIL on the first line, then one sentence saying why.';

/** The messages that ask the judge about one answer. */
export function judgeMessages(
  rubric: string,
  prompt: string,
  expected: string | null,
  answer: string,
): ChatMessage[] {
  const parts = [`Rubric:\n${rubric.trim()}`, `Prompt:\n${prompt}`];
  if (expected !== null) parts.push(`Expected answer:\n${expected}`);
  parts.push(`Answer to grade:\n${answer}`);
  return [
    { role: 'system', content: JUDGE_SYSTEM },
    { role: 'user', content: parts.join('\n\n') },
  ];
}

/** The judge's verdict from its answer: PASS/FAIL as its first word (markdown bold allowed), else null. */
export function parseVerdict(text: string): { pass: boolean | null; reason: string } {
  const match = /^[\s*_#>"'`]*(PASS|FAIL)\b[\s*_:.\-–—]*/i.exec(text);
  if (!match)
    return { pass: null, reason: `The judge did not answer PASS or FAIL: "${text.trim().slice(0, 120)}"` };
  return { pass: match[1]?.toUpperCase() === 'PASS', reason: text.slice(match[0].length).trim() };
}

/** Replaces the verdict of `verdict.scorerId` on `result`. */
export function withVerdict(result: EvalResultRecord, verdict: EvalJudgeVerdict): EvalResultRecord {
  return {
    ...result,
    judge: [...(result.judge ?? []).filter((j) => j.scorerId !== verdict.scorerId), verdict],
  };
}

/** Runs judge scorer `scorer` on every answer of the run on screen that has no verdict from it. */
export async function runJudge(
  ctx: EvalContext,
  scorer: Extract<ScorerConfig, { kind: 'judge' }>,
): Promise<void> {
  const { run, runRows } = ctx.get();
  if (!run || ctx.session.scheduler?.state === 'running' || ctx.get().judging) return;
  const expectedKey = expectedColumn(run.columns);
  const targets = [...ctx.session.results.values()].filter(
    (r) => r.status === 'done' && !r.judge?.some((j) => j.scorerId === scorer.id),
  );
  if (targets.length === 0) return;
  ctx.set({ judging: { scorerId: scorer.id, done: 0, total: targets.length } });
  await new Promise<void>((resolve) => {
    const scheduler = new EvalScheduler(
      targets.map((r) => ({
        rowIndex: r.rowIndex,
        variantId: r.variantId,
        endpoint: scorer.endpoint,
        attempts: 0,
        notBefore: 0,
      })),
      {
        now: ctx.deps.now,
        setTimer: ctx.deps.setTimer,
        execute: async (task) => {
          const result = ctx.session.results.get(resultKey(task.rowIndex, task.variantId));
          const values = runRows[task.rowIndex] ?? {};
          if (!result) return { kind: 'done' };
          const prompt = renderTemplate(run.template, values).user;
          const expected = expectedKey ? (values[expectedKey] ?? null) : null;
          const stream = ctx.streams.start('chat', {
            endpoint: scorer.endpoint,
            messages: judgeMessages(scorer.rubric, prompt, expected, result.output),
            params: { temperature: 0, max_tokens: 256 },
            // Paced and retried by the scheduler, not the host.
            retryRateLimited: false,
          });
          const live = {
            kind: 'judge' as const,
            rowIndex: task.rowIndex,
            variantId: task.variantId,
            endpoint: scorer.endpoint,
            text: '',
            toolCalls: [],
            lastSeq: -1,
          };
          ctx.session.live.set(stream.streamId, live);
          const end = await stream.done;
          ctx.session.live.delete(stream.streamId);
          if (end.type === 'aborted') return { kind: 'aborted' };
          if (end.type === 'error') return { kind: 'error', error: end.error };
          const costUsd = end.metrics ? ctx.deps.costOf(scorer.endpoint, end.metrics) : null;
          if (end.metrics)
            void ctx.deps.recordUsage({
              at: ctx.deps.now(),
              workspaceId: ctx.deps.workspaceId(),
              endpoint: scorer.endpoint,
              source: 'evaluate',
              promptTokens: end.metrics.promptTokens ?? 0,
              completionTokens: end.metrics.completionTokens ?? 0,
              costUsd,
            });
          const verdict: EvalJudgeVerdict = { scorerId: scorer.id, ...parseVerdict(live.text), costUsd };
          save(ctx, run, withVerdict(result, verdict));
          return { kind: 'done' };
        },
        settled: (task, outcome) => {
          if (outcome.kind === 'error') {
            const result = ctx.session.results.get(resultKey(task.rowIndex, task.variantId));
            if (result)
              save(
                ctx,
                run,
                withVerdict(result, {
                  scorerId: scorer.id,
                  pass: null,
                  reason: outcome.error.message,
                  costUsd: null,
                  error: outcome.error,
                }),
              );
          }
          ctx.set((s) => ({ judging: s.judging ? { ...s.judging, done: s.judging.done + 1 } : null }));
        },
        finished: resolve,
      },
    );
    scheduler.start();
  });
  ctx.set((s) => ({ judging: null, resultsVersion: s.resultsVersion + 1 }));
}

function save(ctx: EvalContext, run: EvalRunRecord, result: EvalResultRecord): void {
  if (ctx.get().run?.id !== run.id) return;
  ctx.session.results.set(resultKey(result.rowIndex, result.variantId), result);
  ctx.set((s) => ({ resultsVersion: s.resultsVersion + 1 }));
  void ctx.deps.repos().runs.putResults([result]);
}
