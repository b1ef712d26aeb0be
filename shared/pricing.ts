/*
 * Default per-token prices, per endpoint name, from the published examples in
 * shared/reference/databricks-serving.md ("Pay-per-token limits and pricing"). Prices change
 * and differ per cloud and region, so these are only defaults: the user edits them in
 * Settings (stored as PriceRecord overrides), and an override always wins.
 */

/** US dollars per million tokens. */
export interface Price {
  inputPerMillion: number;
  /** 0 for embeddings (input only). */
  outputPerMillion: number;
}

/** Anything with an endpoint name and a price: a PriceRecord or a plain object. */
export interface PriceOverride extends Price {
  endpoint: string;
}

/** Token counts of one answer; a null count (not reported, not estimated) costs nothing. */
export interface TokenCounts {
  promptTokens: number | null;
  completionTokens: number | null;
}

/**
 * Defaults per endpoint name. `null` means "no per-token price known": either provisioned
 * throughput (billed per hour, not per token) or a model the reference gives no price for.
 * Such endpoints show no cost until the user enters one.
 */
export const DEFAULT_PRICES: Readonly<Record<string, Price | null>> = {
  'databricks-meta-llama-3-1-8b-instruct': { inputPerMillion: 0.05, outputPerMillion: 0.1 },
  // The reference gives 70B output as a range, $1.00–1.50; we take the upper end so that a
  // cost estimate never comes out lower than the bill (the brief's older table says $1.00).
  'databricks-meta-llama-3-1-70b-instruct': { inputPerMillion: 0.5, outputPerMillion: 1.5 },
  'databricks-meta-llama-3-3-70b-instruct': { inputPerMillion: 0.5, outputPerMillion: 1.5 },
  'databricks-dbrx-instruct': { inputPerMillion: 0.75, outputPerMillion: 2.25 },
  'databricks-gpt-oss-120b': { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  'databricks-claude-sonnet-4': { inputPerMillion: 3, outputPerMillion: 15 },
  'databricks-claude-sonnet-4-5': { inputPerMillion: 3, outputPerMillion: 15 },
  // Today's catalog (shared reference, "Today's models"); reasoning tokens bill as output.
  'databricks-claude-sonnet-4-6': { inputPerMillion: 3, outputPerMillion: 15 },
  'databricks-claude-opus-4-5': { inputPerMillion: 5, outputPerMillion: 25 },
  'databricks-claude-haiku-4-5': { inputPerMillion: 1, outputPerMillion: 5 },
  'databricks-llama-4-maverick': { inputPerMillion: 0.5, outputPerMillion: 1.5 },
  'databricks-gpt-oss-20b': { inputPerMillion: 0.07, outputPerMillion: 0.3 },
  'databricks-gpt-5': { inputPerMillion: 1.25, outputPerMillion: 10 },
  'databricks-gpt-5-mini': { inputPerMillion: 0.25, outputPerMillion: 2 },
  'databricks-gemini-2-5-pro': { inputPerMillion: 1.25, outputPerMillion: 10 },
  'databricks-gemini-2-5-flash': { inputPerMillion: 0.3, outputPerMillion: 2.5 },
  // GPT-5.5: the reference publishes no price (GPT-5's may not hold): unknown until entered.
  'databricks-gpt-5-5': null,
  'databricks-bge-large-en': { inputPerMillion: 0.1, outputPerMillion: 0 },
  'databricks-gte-large-en': { inputPerMillion: 0.13, outputPerMillion: 0 },
  // No published number in the reference, and no nearer published model to borrow one
  // from (405B is not priced like 70B): unknown.
  'databricks-meta-llama-3-1-405b-instruct': null,
  // The reference publishes no Mixtral price: unknown.
  'databricks-mixtral-8x7b-instruct': null,
  // The demo's provisioned-throughput endpoint: billed per model unit-hour, not per token.
  'demo-llama-3-1-8b-pt': null,
};

/** Why a default is null, shown next to it in the price table. */
export const UNKNOWN_PRICE_REASONS: Readonly<Record<string, string>> = {
  'databricks-meta-llama-3-1-405b-instruct': 'no published price',
  'databricks-mixtral-8x7b-instruct': 'no published price',
  'databricks-gpt-5-5': 'no published price',
  'demo-llama-3-1-8b-pt': 'provisioned throughput: billed per hour, not per token',
};

/** The built-in default for `endpoint`, or null when none is known. */
export function defaultPriceFor(endpoint: string): Price | null {
  const price = Object.hasOwn(DEFAULT_PRICES, endpoint) ? DEFAULT_PRICES[endpoint] : null;
  return price ? { ...price } : null;
}

/**
 * The price for `endpoint`: the user's override when there is one, else the default, else
 * null (unknown: show no cost rather than a made-up one).
 */
export function priceFor(endpoint: string, overrides: readonly PriceOverride[]): Price | null {
  const own = overrides.find((o) => o.endpoint === endpoint);
  if (own) return { inputPerMillion: own.inputPerMillion, outputPerMillion: own.outputPerMillion };
  return defaultPriceFor(endpoint);
}

/** US dollars for one answer's tokens at `price`. */
export function costUsd(tokens: TokenCounts, price: Price): number {
  const input = (tokens.promptTokens ?? 0) * price.inputPerMillion;
  const output = (tokens.completionTokens ?? 0) * price.outputPerMillion;
  return (input + output) / 1_000_000;
}
