import type { Endpoint } from '../../../shared/domain';
import { EMBEDDING_LIMITS } from '../../../shared/limits';

/*
 * Splitting texts into requests the endpoint accepts, and spotting texts it will refuse.
 */

/** Characters per request: the contract's cap (see `EMBEDDING_LIMITS`), so no batch is refused. */
export const REQUEST_CHAR_BUDGET = EMBEDDING_LIMITS.maxRequestChars;

/** Limits one batch must respect. */
export interface BatchLimits {
  maxInputs: number;
  maxChars: number;
}

/** The app's defaults: texts per request from the shared limits table, characters as above. */
export const DEFAULT_BATCH_LIMITS: BatchLimits = {
  maxInputs: EMBEDDING_LIMITS.maxInputsPerRequest,
  maxChars: REQUEST_CHAR_BUDGET,
};

/**
 * Greedy batches, in order: a batch closes when one more text would pass either limit. A text
 * longer than the character budget on its own still gets a batch of its own (the contract's
 * per-text cap, 200,000 characters, is far below the budget, so this never happens in practice).
 */
export function planBatches(
  texts: readonly string[],
  limits: BatchLimits = DEFAULT_BATCH_LIMITS,
): string[][] {
  const batches: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const text of texts) {
    const full =
      current.length >= limits.maxInputs || (current.length > 0 && chars + text.length > limits.maxChars);
    if (full) {
      batches.push(current);
      current = [];
      chars = 0;
    }
    current.push(text);
    chars += text.length;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Tokens per input of the models the product brief names, for when the endpoint's metadata
 * carries no context window. BGE large takes 512 tokens; GTE large 8,192.
 */
const KNOWN_INPUT_TOKENS: ReadonlyArray<[RegExp, number]> = [
  [/bge-large/i, 512],
  [/gte-large/i, 8192],
];

/** The most tokens one input may have on this endpoint, or null when unknown. */
export function inputTokenLimit(endpoint: Pick<Endpoint, 'name' | 'model' | 'contextWindow'>): number | null {
  if (endpoint.contextWindow) return endpoint.contextWindow;
  const names = `${endpoint.name} ${endpoint.model ?? ''}`;
  return KNOWN_INPUT_TOKENS.find(([pattern]) => pattern.test(names))?.[1] ?? null;
}

/**
 * A rough token count: about four characters per token for English text. Only used to warn
 * before sending; the server's own count decides.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Indices of texts whose estimated tokens pass `limit` (none when the limit is unknown). */
export function oversizedTexts(texts: readonly string[], limit: number | null): number[] {
  if (limit === null) return [];
  const out: number[] = [];
  texts.forEach((text, i) => {
    if (estimateTokens(text) > limit) out.push(i);
  });
  return out;
}
