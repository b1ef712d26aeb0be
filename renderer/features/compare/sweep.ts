import type { GenerationParams } from '../../../shared/domain';
import { PARAM_LIMITS } from '../../../shared/limits';
import { MAX_PANES, MIN_PANES, type PaneState } from './compare-model';

/*
 * Sweeps: K panes of one endpoint that differ in one parameter. Values are checked against
 * the same limits table the parameter panel uses, so a sweep never sends what the panel
 * would refuse.
 */

/** The parameters a sweep can vary. */
export const SWEEP_PARAMS = ['temperature', 'top_p', 'max_tokens', 'top_k'] as const;
export type SweepParam = (typeof SWEEP_PARAMS)[number];

/** The values the dialog starts with, per parameter. */
export const DEFAULT_SWEEP_VALUES: Record<SweepParam, string> = {
  temperature: '0, 0.7, 1.4',
  top_p: '0.1, 0.5, 1',
  max_tokens: '64, 256, 1024',
  top_k: '1, 40, 200',
};

/** The parsed values, or why they were refused. */
export type SweepValues = { ok: true; values: number[] } | { ok: false; reason: string };

/** Parses "0, 0.7, 1.4" into numbers valid for `param` (chat limits), 2 to 6 of them. */
export function parseSweepValues(
  text: string,
  param: SweepParam,
  contextWindow: number | null = null,
): SweepValues {
  const parts = text
    .split(/[,\s;]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length < MIN_PANES || parts.length > MAX_PANES)
    return { ok: false, reason: `Give ${MIN_PANES} to ${MAX_PANES} values, separated by commas.` };
  const limit = PARAM_LIMITS.chat[param];
  if (!limit) return { ok: false, reason: `${param} cannot be swept.` };
  const max = param === 'max_tokens' && contextWindow ? Math.min(limit.max, contextWindow) : limit.max;
  const values: number[] = [];
  for (const part of parts) {
    const value = Number(part);
    if (!Number.isFinite(value)) return { ok: false, reason: `"${part}" is not a number.` };
    if (value < limit.min || value > max)
      return { ok: false, reason: `${param} must be between ${limit.min} and ${max}; got ${part}.` };
    if (limit.integer && !Number.isInteger(value))
      return { ok: false, reason: `${param} must be a whole number; got ${part}.` };
    values.push(value);
  }
  return { ok: true, values };
}

/**
 * One pane per value, all on `endpoint`, each with its own parameters: the shared ones with
 * `param` set to the value (so the sweep differs in exactly that one parameter).
 */
export function sweepPanes(
  endpoint: string,
  param: SweepParam,
  values: readonly number[],
  shared: GenerationParams,
  newId: () => string,
): PaneState[] {
  return values.map((value) => ({
    id: newId(),
    endpoint,
    inheritParams: false,
    params: { ...shared, [param]: value },
    answers: [],
  }));
}
