import type { Price } from '../../shared/pricing';
import { formatCost } from './format';

/*
 * The money side of "pay-per-token or provisioned throughput?", as pure functions with unit
 * tests against hand-computed values. Pay-per-token cost grows linearly with tokens;
 * provisioned throughput costs the same every month whatever the traffic (within capacity),
 * so the two lines cross once: the break-even volume.
 */

/** Hours in the average month (8760 / 12). */
export const HOURS_PER_MONTH = 730;

/** Days in the average month (730 h / 24). */
export const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;

/** Input share assumed when the log has no tokens yet (half prompt, half completion). */
export const DEFAULT_INPUT_SHARE = 0.5;

/** Scales a volume observed over `days` days to an average month. */
export function scaleToMonth(tokens: number, days: number): number {
  if (!(days > 0) || !Number.isFinite(tokens)) return 0;
  return (tokens * DAYS_PER_MONTH) / days;
}

/** The prompt (input) share of the tokens, from the log's ratio; the default when empty. */
export function inputShare(promptTokens: number, completionTokens: number): number {
  const total = promptTokens + completionTokens;
  return total > 0 ? promptTokens / total : DEFAULT_INPUT_SHARE;
}

/** Dollars per token for a mix with `share` input tokens at `price` (per million). */
export function blendedPerToken(price: Price, share: number): number {
  return (share * price.inputPerMillion + (1 - share) * price.outputPerMillion) / 1_000_000;
}

/** Monthly pay-per-token cost of `tokens` tokens a month. */
export function payPerTokenMonthly(tokens: number, price: Price, share: number): number {
  return Math.max(0, tokens) * blendedPerToken(price, share);
}

/** Monthly provisioned cost: units × $/unit-hour × 730 h. */
export function provisionedMonthly(units: number, perUnitHour: number): number {
  return Math.max(0, units) * Math.max(0, perUnitHour) * HOURS_PER_MONTH;
}

/**
 * Tokens per month at which both cost the same; Infinity when tokens are free (provisioned
 * never pays off) and 0 when provisioning is free.
 */
export function breakEvenTokens(provisionedPerMonth: number, perToken: number): number {
  if (provisionedPerMonth <= 0) return 0;
  if (!(perToken > 0)) return Number.POSITIVE_INFINITY;
  return provisionedPerMonth / perToken;
}

/** Which option is cheaper at a monthly volume (equal within a cent). */
export function cheaperAt(
  payPerToken: number,
  provisioned: number,
): 'pay-per-token' | 'provisioned' | 'equal' {
  if (Math.abs(payPerToken - provisioned) < 0.005) return 'equal';
  return payPerToken < provisioned ? 'pay-per-token' : 'provisioned';
}

/**
 * The chart's token axis: 0 to 3× the larger of the break-even and the current volume, so
 * both the crossing and the user's position are on it; 1M tokens when both are zero or the
 * break-even is unreachable and there is no volume.
 */
export function chartMaxTokens(breakEven: number, current: number): number {
  const finiteBreakEven = Number.isFinite(breakEven) ? breakEven : 0;
  const larger = Math.max(finiteBreakEven, current);
  return larger > 0 ? 3 * larger : 1_000_000;
}

/** Where the month's spending is against the budget. */
export interface BudgetStatus {
  /** Month-to-date cost / budget; null without a budget. */
  ratio: number | null;
  level: 'none' | 'ok' | 'warn' | 'over';
}

/** Warn at 80 % of the budget, "over" from 100 %. */
export const BUDGET_WARN_RATIO = 0.8;

/** The budget status of `spent` dollars against a monthly `budget` (none when ≤ 0). */
export function budgetStatus(spent: number, budget: number | null): BudgetStatus {
  if (budget === null || !(budget > 0)) return { ratio: null, level: 'none' };
  const ratio = spent / budget;
  return { ratio, level: ratio >= 1 ? 'over' : ratio >= BUDGET_WARN_RATIO ? 'warn' : 'ok' };
}

/** The local-time start of the month containing `now` (epoch ms). */
export function startOfMonth(now: number): number {
  const d = new Date(now);
  return new Date(d.getFullYear(), d.getMonth(), 1).getTime();
}

/** A token count in words: "1.2M", "4.38B", "950k", "12". */
export function formatTokenCount(tokens: number): string {
  if (!Number.isFinite(tokens)) return '∞';
  const abs = Math.abs(tokens);
  if (abs >= 1e9) return `${+(tokens / 1e9).toPrecision(3)}B`;
  if (abs >= 1e6) return `${+(tokens / 1e6).toPrecision(3)}M`;
  if (abs >= 1e3) return `${+(tokens / 1e3).toPrecision(3)}k`;
  return String(Math.round(tokens));
}

/** Everything the cost insight shows, from the user's numbers. */
export interface CostComparison {
  /** Dollars per token, blended by the input share. */
  perToken: number;
  payPerTokenMonthly: number;
  provisionedMonthly: number;
  breakEvenTokens: number;
  cheaper: 'pay-per-token' | 'provisioned' | 'equal';
}

/** Compares pay-per-token and provisioned throughput at `monthlyTokens` a month. */
export function compareCosts(input: {
  monthlyTokens: number;
  share: number;
  price: Price;
  units: number;
  perUnitHour: number;
}): CostComparison {
  const perToken = blendedPerToken(input.price, input.share);
  const ppt = payPerTokenMonthly(input.monthlyTokens, input.price, input.share);
  const pt = provisionedMonthly(input.units, input.perUnitHour);
  return {
    perToken,
    payPerTokenMonthly: ppt,
    provisionedMonthly: pt,
    breakEvenTokens: breakEvenTokens(pt, perToken),
    cheaper: cheaperAt(ppt, pt),
  };
}

/** Dollars for monthly sums: whole dollars with separators from $100 ("$4,380"), else cents or finer. */
export function formatUsd(usd: number | null): string {
  if (usd === null || !Number.isFinite(usd)) return '—';
  if (Math.abs(usd) >= 100) return `$${Math.round(usd).toLocaleString('en-US')}`;
  return formatCost(usd);
}
