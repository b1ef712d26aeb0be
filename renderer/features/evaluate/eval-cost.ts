import type { ChatMessage, GenerationParams } from '../../../shared/domain';
import { type EvalTemplate, renderTemplate } from '../../../shared/eval-template';
import type { Price } from '../../../shared/pricing';
import type { EvalVariant } from '../../core/db/eval-records';

/*
 * The worst case of a run before it starts: every request's estimated prompt tokens plus its
 * full `max_tokens`, at each endpoint's price. An unset max_tokens is assumed at
 * ASSUMED_MAX_TOKENS (said so on screen), an endpoint without a known price makes the total
 * "at least". Above CONFIRM_ABOVE the user confirms first.
 */

/** Characters per token for the estimate (the privileged side's ~4 for English BPE). */
const CHARS_PER_TOKEN = 4;
/** Tokens a message costs beyond its text (role, separators). */
const PER_MESSAGE = 4;

/** The output assumed for a variant without max_tokens. */
export const ASSUMED_MAX_TOKENS = 4_096;

/** Above either number the run asks for confirmation. */
export const CONFIRM_ABOVE = { costUsd: 1, requests: 1_000 } as const;

/** Estimated prompt tokens of `messages`. */
export function estimatePromptTokens(messages: readonly Pick<ChatMessage, 'content'>[]): number {
  return messages.reduce((sum, m) => sum + PER_MESSAGE + Math.ceil(m.content.length / CHARS_PER_TOKEN), 0);
}

/** The messages one row sends: the rendered system prompt (when not empty) and user message. */
export function rowMessages(template: EvalTemplate, values: Readonly<Record<string, string>>): ChatMessage[] {
  const filled = renderTemplate(template, values);
  const messages: ChatMessage[] = [];
  if (filled.system.trim() !== '') messages.push({ role: 'system', content: filled.system });
  messages.push({ role: 'user', content: filled.user });
  return messages;
}

/** The estimate for one variant. */
export interface VariantEstimate {
  variantId: string;
  endpoint: string;
  requests: number;
  promptTokens: number;
  maxOutputTokens: number;
  /** True when max_tokens was not set and ASSUMED_MAX_TOKENS stood in. */
  assumedMaxTokens: boolean;
  /** Null when the endpoint has no known price. */
  costUsd: number | null;
}

/** The whole run's estimate. */
export interface RunEstimate {
  requests: number;
  variants: VariantEstimate[];
  /** Sum of the priced variants. */
  costUsd: number;
  /** Endpoints without a known price (the total leaves them out). */
  unpriced: string[];
  needsConfirmation: boolean;
}

const outputTokens = (params: GenerationParams) => {
  const n = params.n ?? 1;
  return (params.max_tokens ?? ASSUMED_MAX_TOKENS) * n;
};

/**
 * The worst case of running `rows` (`pending` of them still to run, all by default) through
 * every variant with an endpoint.
 */
export function estimateRun(
  template: EvalTemplate,
  rows: readonly Readonly<Record<string, string>>[],
  variants: readonly EvalVariant[],
  priceFor: (endpoint: string) => Price | null,
): RunEstimate {
  let promptTokens = 0;
  for (const row of rows) promptTokens += estimatePromptTokens(rowMessages(template, row));
  const estimates = variants.flatMap((v): VariantEstimate[] => {
    if (!v.endpoint) return [];
    const price = priceFor(v.endpoint);
    const out = outputTokens(v.params) * rows.length;
    return [
      {
        variantId: v.id,
        endpoint: v.endpoint,
        requests: rows.length,
        promptTokens,
        maxOutputTokens: out,
        assumedMaxTokens: v.params.max_tokens === undefined,
        costUsd: price
          ? (promptTokens * price.inputPerMillion + out * price.outputPerMillion) / 1_000_000
          : null,
      },
    ];
  });
  const requests = estimates.reduce((s, e) => s + e.requests, 0);
  const costUsd = estimates.reduce((s, e) => s + (e.costUsd ?? 0), 0);
  return {
    requests,
    variants: estimates,
    costUsd,
    unpriced: [...new Set(estimates.filter((e) => e.costUsd === null).map((e) => e.endpoint))],
    needsConfirmation: costUsd > CONFIRM_ABOVE.costUsd || requests > CONFIRM_ABOVE.requests,
  };
}
