import type { DemoEndpoint, ReasoningEffort } from './endpoints';
import { invalidParameter, isRecord } from './http-util';
import { budgetRequest, effortRequest, type ReasoningRequest } from './reasoning';

/**
 * Reads the reasoning parameters of a request, refusing what the model refuses: `thinking`
 * on a model that is not hybrid, a budget under 1024 or not under max_tokens, an effort the
 * model does not list (values are never remapped). Absent parameters fall back to the
 * model's default effort (reasoning-only models) or to no reasoning (hybrid models).
 */

/** Claude's smallest thinking budget. */
export const MIN_THINKING_BUDGET = 1024;

const absent = (value: unknown): boolean => value === undefined || value === null;

const quoted = (values: readonly string[]): string => values.map((v) => `"${v}"`).join(', ');

function defaultRequest(endpoint: DemoEndpoint): ReasoningRequest | null {
  const effort = endpoint.reasoning?.defaultEffort;
  return effort ? effortRequest(effort) : null;
}

/** Validates an effort value against the endpoint's list; `name` is the parameter's name. */
function parseEffort(value: unknown, endpoint: DemoEndpoint, name: string): ReasoningRequest | null {
  const efforts = endpoint.reasoning?.efforts ?? [];
  if (efforts.length === 0) throw invalidParameter(`${name} is not supported by ${endpoint.name}.`);
  if (typeof value !== 'string' || !efforts.includes(value as ReasoningEffort))
    throw invalidParameter(
      `${name} must be one of ${quoted(efforts)} for ${endpoint.name}; got ${JSON.stringify(value)}.`,
    );
  return effortRequest(value as ReasoningEffort);
}

function parseThinking(value: unknown, endpoint: DemoEndpoint, maxTokens: number | undefined) {
  if (endpoint.reasoning?.chatParam !== 'thinking')
    throw invalidParameter(
      `thinking is not supported by ${endpoint.name}.${endpoint.reasoning?.chatParam === 'reasoning_effort' ? ' Use reasoning_effort instead.' : ''}`,
    );
  if (!isRecord(value))
    throw invalidParameter('thinking must be an object: {"type": "enabled", "budget_tokens": N}.');
  if (value.type === 'disabled') return null;
  if (value.type !== 'enabled')
    throw invalidParameter(
      `thinking.type must be "enabled" or "disabled"; got ${JSON.stringify(value.type)}.`,
    );
  const budget = value.budget_tokens;
  if (typeof budget !== 'number' || !Number.isInteger(budget))
    throw invalidParameter(
      `thinking.budget_tokens is required and must be a whole number; got ${JSON.stringify(budget)}.`,
    );
  if (budget < MIN_THINKING_BUDGET)
    throw invalidParameter(`thinking.budget_tokens must be at least ${MIN_THINKING_BUDGET}; got ${budget}.`);
  if (maxTokens !== undefined && budget >= maxTokens)
    throw invalidParameter(
      `thinking.budget_tokens must be less than max_tokens; got budget_tokens ${budget} and max_tokens ${maxTokens}.`,
    );
  return budgetRequest(budget);
}

/** Reads `thinking` / `reasoning_effort` of a Chat Completions request. */
export function chatReasoning(
  body: Record<string, unknown>,
  endpoint: DemoEndpoint,
  maxTokens: number | undefined,
): ReasoningRequest | null {
  const thinking = body.thinking;
  const effort = body.reasoning_effort;
  if (!absent(thinking) && !absent(effort))
    throw invalidParameter('Send either thinking or reasoning_effort, not both.');
  if (!absent(thinking)) return parseThinking(thinking, endpoint, maxTokens);
  if (!absent(effort)) {
    if (endpoint.reasoning?.chatParam === 'thinking')
      throw invalidParameter(
        `reasoning_effort is not supported by ${endpoint.name}; enable reasoning with thinking: {"type": "enabled", "budget_tokens": N}.`,
      );
    return parseEffort(effort, endpoint, 'reasoning_effort');
  }
  return defaultRequest(endpoint);
}

/** Reads `reasoning: {effort, summary}` of a Responses API request. */
export function responsesReasoning(body: Record<string, unknown>, endpoint: DemoEndpoint) {
  const reasoning = body.reasoning;
  if (absent(reasoning)) return defaultRequest(endpoint);
  if (!isRecord(reasoning)) throw invalidParameter('reasoning must be an object like {"effort": "medium"}.');
  const summary = reasoning.summary;
  if (!absent(summary) && !['auto', 'concise', 'detailed'].includes(summary as string))
    throw invalidParameter(
      `reasoning.summary must be one of "auto", "concise", "detailed"; got ${JSON.stringify(summary)}.`,
    );
  if (absent(reasoning.effort)) return defaultRequest(endpoint);
  return parseEffort(reasoning.effort, endpoint, 'reasoning.effort');
}
