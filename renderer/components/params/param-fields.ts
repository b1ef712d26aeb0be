import type { GenerationParams, TaskKind } from '../../../shared/domain';
import { type NumericLimit, PARAM_LIMITS, validateParams } from '../../../shared/limits';

/*
 * The logic behind the parameter controls, kept out of the components so it can be unit
 * tested: which numeric fields exist, their labels, their effective limits for a task and
 * endpoint, and how a typed string becomes a value or a reason it is refused.
 */

/** The numeric parameters, in panel order. */
export type NumericParamKey = 'temperature' | 'top_p' | 'top_k' | 'max_tokens' | 'n';

/** One numeric control's fixed description. */
export interface NumericField {
  key: NumericParamKey;
  /** The visible label (and the accessible name of its number field). */
  label: string;
  /** The value a control takes when the user switches it from unset to set. */
  initial: number;
}

/** Panel order: sampling first, then length and count. */
export const NUMERIC_FIELDS: readonly NumericField[] = [
  { key: 'temperature', label: 'Temperature', initial: 1 },
  { key: 'top_p', label: 'Top P', initial: 1 },
  { key: 'top_k', label: 'Top K', initial: 40 },
  { key: 'max_tokens', label: 'Max tokens', initial: 1024 },
  { key: 'n', label: 'Choices (n)', initial: 1 },
];

/** The stop-sequence control's label. */
export const STOP_LABEL = 'Stop sequences';

/**
 * The limit of `key` for `task`, with max_tokens capped by the endpoint's context window when
 * known (the answer cannot be longer than the window). Null when the task does not take it.
 */
export function effectiveLimit(
  key: NumericParamKey,
  task: TaskKind,
  contextWindow: number | null,
): NumericLimit | null {
  const limit = PARAM_LIMITS[task][key];
  if (!limit) return null;
  if (key === 'max_tokens' && contextWindow) return { ...limit, max: Math.min(limit.max, contextWindow) };
  return limit;
}

/** The value a control starts at when set: its initial value, clamped into the limit. */
export function initialValue(field: NumericField, limit: NumericLimit): number {
  return Math.min(limit.max, Math.max(limit.min, field.initial));
}

/** What a typed string means: a valid value, or the reason it is refused. */
export type ParseResult = { ok: true; value: number } | { ok: false; reason: string };

/**
 * Parses what the user typed into a number field. The range and integer checks are
 * `validateParams`' own (one table, one wording); only "not a number" is checked here.
 */
export function parseParamInput(
  key: NumericParamKey,
  text: string,
  task: TaskKind,
  contextWindow: number | null,
): ParseResult {
  const trimmed = text.trim();
  // Number('') is 0 and Number('0x10') is 16: accept plain decimals only.
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed))
    return { ok: false, reason: trimmed === '' ? 'Enter a number.' : `"${trimmed}" is not a number.` };
  const value = Number(trimmed);
  const problems = validateParams({ [key]: value }, task, contextWindow);
  return problems.length ? { ok: false, reason: problems[0]! } : { ok: true, value };
}

/** Why a stop sequence cannot be added to `current`, or null when it can. */
export function stopProblem(candidate: string, current: readonly string[], task: TaskKind): string | null {
  const limit = PARAM_LIMITS[task].stop;
  if (!limit) return `Stop sequences are not supported for ${task} endpoints.`;
  if (candidate.length === 0) return 'A stop sequence cannot be empty.';
  if (current.includes(candidate)) return `"${candidate}" is already a stop sequence.`;
  const problems = validateParams({ stop: [...current, candidate] }, task);
  return problems[0] ?? null;
}

/** `params` with `key` set to `value`, or removed when `value` is undefined (unset sends nothing). */
export function withParam<K extends keyof GenerationParams>(
  params: GenerationParams,
  key: K,
  value: GenerationParams[K] | undefined,
): GenerationParams {
  const next = { ...params };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/** The hint shown for an unset control: what the server does when nothing is sent. */
export function unsetHint(limit: NumericLimit): string {
  return limit.serverDefault === undefined
    ? 'Unset: the server decides'
    : `Unset: server default ${limit.serverDefault}`;
}

/** The number formatted for its field (no float noise from slider steps). */
export function formatParam(value: number, limit: NumericLimit): string {
  if (limit.integer) return String(Math.round(value));
  const decimals = Math.max(0, -Math.floor(Math.log10(limit.step)));
  return String(Number(value.toFixed(decimals)));
}
