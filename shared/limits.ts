import type { GenerationParams, TaskKind } from './domain';

/**
 * Parameter limits per task kind: the one table the UI, the router and the demo workspace
 * all read. Values come from the Databricks Foundation Model API reference
 * (temperature 0–2, top_p 0–1, n 1–5). A parameter absent from a task's table is not
 * accepted for that task.
 */
export interface NumericLimit {
  min: number;
  max: number;
  /** Step for sliders; integers use 1. */
  step: number;
  integer: boolean;
  /** The server's default, shown as a hint next to the unset state. */
  serverDefault?: number;
}

export interface StopLimit {
  /** Most stop sequences accepted. */
  maxCount: number;
  /** Longest single stop sequence, in characters. */
  maxLength: number;
}

export interface TaskLimits {
  max_tokens?: NumericLimit;
  temperature?: NumericLimit;
  top_p?: NumericLimit;
  top_k?: NumericLimit;
  n?: NumericLimit;
  stop?: StopLimit;
}

const SAMPLING: TaskLimits = {
  max_tokens: { min: 1, max: 131_072, step: 1, integer: true },
  temperature: { min: 0, max: 2, step: 0.01, integer: false, serverDefault: 1 },
  top_p: { min: 0, max: 1, step: 0.01, integer: false, serverDefault: 1 },
  top_k: { min: 1, max: 500, step: 1, integer: true },
  n: { min: 1, max: 5, step: 1, integer: true, serverDefault: 1 },
  stop: { maxCount: 16, maxLength: 256 },
};

export const PARAM_LIMITS: Record<TaskKind, TaskLimits> = {
  chat: SAMPLING,
  completions: SAMPLING,
  embeddings: {},
  other: SAMPLING,
};

/** Embedding request limits: texts per request (batching respects this). */
export const EMBEDDING_LIMITS = { maxInputsPerRequest: 150, maxTextChars: 200_000 } as const;

/**
 * Checks parameters against the task's table and, when known, the endpoint's context
 * window (max_tokens cannot exceed it). Returns one message per problem, naming the
 * parameter and the allowed range; an empty array means valid.
 */
export function validateParams(
  params: GenerationParams,
  task: TaskKind,
  contextWindow?: number | null,
): string[] {
  const limits = PARAM_LIMITS[task];
  const problems: string[] = [];
  for (const key of ['max_tokens', 'temperature', 'top_p', 'top_k', 'n'] as const) {
    const value = params[key];
    if (value === undefined) continue;
    const limit = limits[key];
    if (!limit) {
      problems.push(`${key} is not supported for ${task} endpoints.`);
      continue;
    }
    let max = limit.max;
    if (key === 'max_tokens' && contextWindow) max = Math.min(max, contextWindow);
    if (!Number.isFinite(value) || value < limit.min || value > max) {
      problems.push(`${key} must be between ${limit.min} and ${max}; got ${value}.`);
    } else if (limit.integer && !Number.isInteger(value)) {
      problems.push(`${key} must be a whole number; got ${value}.`);
    }
  }
  if (params.stop !== undefined) {
    const limit = limits.stop;
    if (!limit) problems.push(`stop is not supported for ${task} endpoints.`);
    else {
      if (params.stop.length > limit.maxCount)
        problems.push(`At most ${limit.maxCount} stop sequences; got ${params.stop.length}.`);
      if (params.stop.some((s) => s.length === 0)) problems.push('A stop sequence cannot be empty.');
      if (params.stop.some((s) => s.length > limit.maxLength))
        problems.push(`A stop sequence can be at most ${limit.maxLength} characters.`);
    }
  }
  return problems;
}
