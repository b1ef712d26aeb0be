import type { DemoConfig } from './config';
import type { EndpointRegistry } from './endpoint-registry';
import { type DemoEndpoint, speaksChat } from './endpoints';
import { DemoHttpError, isRecord } from './http-util';
import { generate } from './invocations';
import { parseInvocation, type TextInvocation } from './request-parsing';
import { SqlStatementError } from './sql-errors';
import type { AiQueryCall, ParamValue } from './sql-parser';

/**
 * `ai_query` against the demo's own models. Each row is answered exactly as the endpoint would
 * answer a direct request with one user message holding the row's prompt and the same
 * parameters (the same request checks and the same non-streaming generation), so a
 * temperature-0 result equals what chat shows for that prompt.
 *
 * Statement-level problems (checked once, before any row): an unknown or unready endpoint, an
 * endpoint ai_query can't answer here (embeddings, Responses-only models, agents), model
 * parameters (`AI_FUNCTION_INVALID_MODEL_PARAMETERS.*`), a response format the endpoint refuses.
 * Row-level problems (a prompt beyond the context window, an empty prompt a model refuses, the
 * failure marker below) become the row's `errorMessage` with `failOnError => false`, or fail
 * the statement otherwise.
 */

/**
 * A prompt holding this text fails its row on purpose (a stand-in for a transient model
 * error), so a run can show a failed row next to answered ones.
 */
export const ROW_FAILURE_MARKER = '[[demo:row-error]]';

/** What modelParameters may hold, with their types. */
const PARAMETER_TYPES: Record<string, 'number' | 'string' | 'strings'> = {
  max_tokens: 'number',
  temperature: 'number',
  top_p: 'number',
  top_k: 'number',
  n: 'number',
  stop: 'strings',
  reasoning_effort: 'string',
};

const NUMERIC = new Set(['max_tokens', 'temperature', 'top_p', 'top_k', 'n']);

/** A checked ai_query call, ready to answer rows. */
export interface AiQueryPlan {
  endpoint: DemoEndpoint;
  style: 'chat' | 'completions';
  /** The invocation body without its prompt: parameters and response format. */
  base: Record<string, unknown>;
  failOnError: boolean;
}

/** One row's answer: the text, or why the row failed. */
export type RowAnswer = { ok: true; text: string } | { ok: false; message: string };

function invalidParameters(call: AiQueryCall, sub: string, detail: string): SqlStatementError {
  const given = JSON.stringify(call.modelParameters ?? {});
  return new SqlStatementError(
    `AI_FUNCTION_INVALID_MODEL_PARAMETERS.${sub}`,
    `The provided model parameters (${given}) are invalid in the AI_QUERY function for serving endpoint "${call.endpoint}". ${detail} SQLSTATE: 22023`,
  );
}

function resolveEndpoint(registry: EndpointRegistry, name: string): DemoEndpoint {
  try {
    return registry.invocable(name);
  } catch (err) {
    if (!(err instanceof DemoHttpError)) throw err;
    throw new SqlStatementError(
      'AI_FUNCTION_HTTP_REQUEST_ERROR',
      `Error from the serving endpoint "${name}": ${err.status} ${err.errorCode} ${err.message}`,
    );
  }
}

function checkParameters(call: AiQueryCall): Record<string, ParamValue> {
  const params = call.modelParameters ?? {};
  for (const [key, value] of Object.entries(params)) {
    const type = PARAMETER_TYPES[key];
    if (!type)
      throw invalidParameters(
        call,
        'UNSUPPORTED_MODEL_PARAMETER',
        `The "${key}" parameter is not supported for the serving endpoint.`,
      );
    const ok =
      type === 'number'
        ? typeof value === 'number'
        : type === 'string'
          ? typeof value === 'string'
          : Array.isArray(value);
    if (!ok)
      throw invalidParameters(
        call,
        'INVALID_PARAMETER_DATA_TYPE',
        `The "${key}" parameter has invalid data type. Expected ${type === 'strings' ? 'ARRAY<STRING>' : type.toUpperCase()} data type but found ${JSON.stringify(value)}.`,
      );
  }
  return params;
}

function checkFormat(call: AiQueryCall): Record<string, unknown> | null {
  if (call.responseFormat === null) return null;
  let format: unknown;
  try {
    format = JSON.parse(call.responseFormat);
  } catch {
    format = null;
  }
  if (!isRecord(format))
    throw new SqlStatementError(
      'AI_FUNCTION_INVALID_RESPONSE_FORMAT_TYPE',
      `The responseFormat of AI_QUERY must be a JSON object describing the format; got ${call.responseFormat.slice(0, 200)}.`,
    );
  return format;
}

/** The invocation body for one prompt. */
function bodyFor(plan: Pick<AiQueryPlan, 'style' | 'base'>, prompt: string): Record<string, unknown> {
  return plan.style === 'chat'
    ? { ...plan.base, messages: [{ role: 'user', content: prompt }] }
    : { ...plan.base, prompt };
}

/** Checks a call once for a statement; throws SqlStatementError. */
export function planAiQuery(call: AiQueryCall, registry: EndpointRegistry): AiQueryPlan {
  const endpoint = resolveEndpoint(registry, call.endpoint);
  if (
    endpoint.task === 'llm/v1/embeddings' ||
    endpoint.task === 'agent/v1/responses' ||
    !speaksChat(endpoint)
  )
    throw new SqlStatementError(
      'AI_FUNCTION_UNSUPPORTED_REQUEST',
      `The demo workspace's AI_QUERY answers chat and completions endpoints only; "${call.endpoint}" serves ${endpoint.task}${speaksChat(endpoint) ? '' : ' through the Responses API'}.`,
    );
  const style = endpoint.task === 'llm/v1/chat' ? 'chat' : 'completions';
  const params = checkParameters(call);
  const format = checkFormat(call);
  const base: Record<string, unknown> = { ...params };
  if (format) base.response_format = format;
  const plan: AiQueryPlan = { endpoint, style, base, failOnError: call.failOnError };
  // The parameters and format are checked by the endpoint's own request rules, once.
  try {
    parseInvocation(bodyFor(plan, 'x'), endpoint, 'invocations');
  } catch (err) {
    if (!(err instanceof DemoHttpError)) throw err;
    if (format && /response_format|json_schema|schema/i.test(err.message))
      throw new SqlStatementError(
        'AI_FUNCTION_INVALID_RESPONSE_FORMAT_TYPE',
        `The serving endpoint "${call.endpoint}" refused the responseFormat: ${err.message}`,
      );
    const numeric = [...NUMERIC].some((k) => err.message.startsWith(k) || err.message.includes(` ${k} `));
    throw invalidParameters(
      call,
      numeric ? 'INVALID_NUMERIC_PARAMETER' : 'UNSUPPORTED_MODEL_PARAMETER',
      err.message,
    );
  }
  return plan;
}

/** Answers one row's prompt (never throws for the row's own problems). */
export function answerRow(plan: AiQueryPlan, prompt: string, config: DemoConfig): RowAnswer {
  const name = plan.endpoint.name;
  if (prompt.includes(ROW_FAILURE_MARKER))
    return {
      ok: false,
      message: `Error from the serving endpoint "${name}": 500 INTERNAL_ERROR The model failed to answer this row (the prompt holds ${ROW_FAILURE_MARKER}).`,
    };
  let inv: TextInvocation;
  try {
    const parsed = parseInvocation(bodyFor(plan, prompt), plan.endpoint, 'invocations');
    if (parsed.kind === 'embeddings') throw new Error('unreachable: embeddings were refused in the plan');
    inv = parsed;
  } catch (err) {
    if (!(err instanceof DemoHttpError)) throw err;
    return {
      ok: false,
      message: `Error from the serving endpoint "${name}": ${err.status} ${err.errorCode} ${err.message}`,
    };
  }
  const [choice] = generate(inv, plan.endpoint, config);
  return { ok: true, text: choice?.text ?? '' };
}
