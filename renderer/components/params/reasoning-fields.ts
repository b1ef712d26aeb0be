import type { GenerationParams, TaskKind } from '../../../shared/domain';
import { type NumericLimit, PARAM_LIMITS, validateParams } from '../../../shared/limits';
import {
  type ModelCapabilities,
  REASONING_EFFORTS,
  type ReasoningEffort,
  reasoningProblems,
} from '../../../shared/model-capabilities';
import type { ParseResult } from './param-fields';

/*
 * The logic behind the reasoning controls, kept out of the components so it can be unit
 * tested: which control the endpoints the parameters go to take (a thinking budget, a
 * reasoning effort, or none: hidden, nothing sent), its limits, and why a value is refused.
 * The checks are `validateParams` / `reasoningProblems` (shared/), the router's own.
 */

/** The reasoning controls a panel shows; null hides one. */
export interface ReasoningFields {
  /** A thinking budget (hybrid models such as Claude), at least `min` tokens. */
  budget: { min: number } | null;
  /** A reasoning effort select, offering only these values (in the API's order). */
  efforts: readonly ReasoningEffort[] | null;
}

/** Labels of the two controls (also their accessible names). */
export const BUDGET_LABEL = 'Thinking budget';
export const EFFORT_LABEL = 'Reasoning effort';

/**
 * The controls for the endpoints `caps` (one for a chat; every pane's for a comparison's
 * shared parameters): a budget when one of them takes a budget (at the largest minimum), an
 * effort when one takes an effort (every value one of them accepts). A model that takes
 * neither is never sent either (see `applicableParams`); a value some pane refuses is caught
 * by that pane's own check.
 */
export function reasoningFields(caps: readonly ModelCapabilities[]): ReasoningFields {
  const minimums: number[] = [];
  const efforts = new Set<ReasoningEffort>();
  for (const { reasoning } of caps) {
    if (reasoning.kind === 'budget') minimums.push(reasoning.minBudget);
    else if (reasoning.kind === 'effort') for (const e of reasoning.efforts) efforts.add(e);
  }
  return {
    budget: minimums.length ? { min: Math.max(...minimums) } : null,
    efforts: efforts.size ? REASONING_EFFORTS.filter((e) => efforts.has(e)) : null,
  };
}

/**
 * The budget's limit: from the minimum to just below max_tokens when it is set (the budget
 * must be below it), else to the largest max_tokens the task and window allow.
 */
export function budgetLimit(
  min: number,
  maxTokens: number | undefined,
  task: TaskKind,
  contextWindow: number | null,
): NumericLimit {
  const cap = Math.min(
    PARAM_LIMITS[task].max_tokens?.max ?? 131_072,
    contextWindow ?? Number.POSITIVE_INFINITY,
  );
  const max = Math.max(min, (maxTokens ?? cap) - 1);
  return { min, max, step: 1, integer: true };
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * What a typed budget means with the other parameters: a whole number of tokens, at least
 * every budget model's minimum, below max_tokens — or the reason it is refused.
 */
export function parseBudget(
  text: string,
  params: GenerationParams,
  caps: readonly ModelCapabilities[],
  task: TaskKind,
): ParseResult {
  const trimmed = text.trim();
  if (!NUMBER.test(trimmed))
    return { ok: false, reason: trimmed === '' ? 'Enter a number.' : `"${trimmed}" is not a number.` };
  const value = Number(trimmed);
  const own = validateParams({ thinking_budget: value, max_tokens: params.max_tokens }, task).filter(
    (p) => !p.startsWith('max_tokens'),
  );
  const model = caps
    .filter((c) => c.reasoning.kind === 'budget')
    .flatMap((c) => reasoningProblems(c, { budgetTokens: value }, params.max_tokens));
  const reason = [...own, ...model][0];
  return reason ? { ok: false, reason } : { ok: true, value };
}

/** Why `effort` can't be sent to one of the effort models in `caps`, or null when all take it. */
export function effortProblem(
  effort: ReasoningEffort | undefined,
  caps: readonly ModelCapabilities[],
): string | null {
  if (effort === undefined) return null;
  for (const c of caps) {
    if (c.reasoning.kind !== 'effort') continue;
    const problem = reasoningProblems(c, { effort })[0];
    if (problem) return problem;
  }
  return null;
}

/** The hint beside an unset control: what the model does when nothing is sent. */
export const UNSET_HINT = {
  budget: 'Unset: no thinking (nothing sent)',
  effort: "Unset: the model's default (nothing sent)",
} as const;
