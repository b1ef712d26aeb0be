import type { GenerationParams, TaskKind } from '../../shared/domain';
import { EMBEDDING_LIMITS, validateParams } from '../../shared/limits';
import { type ChatMessageIn, parseMessages } from './chat-messages';
import { type DemoEndpoint, speaksChat } from './endpoints';
import type { TextParams } from './generation';
import { DemoHttpError, invalidParameter, isRecord } from './http-util';
import type { ReasoningRequest } from './reasoning';
import { chatReasoning } from './reasoning-params';
import { type AnswerExtras, NO_EXTRAS } from './special-answers';
import { countChatTokens, countTokens } from './tokenizer';
import { readAnswerFormat, readToolOptions } from './tool-params';
import { imageTokens } from './vision';

/**
 * Turns an untrusted invocation body into a checked request, refusing (with the Databricks
 * error codes) what a real pay-per-token endpoint refuses: wrong task, bad types, parameters
 * out of range, unsupported parameters, inputs beyond the context window.
 */

/** Which route the request came through. */
export type InvocationRoute = 'invocations' | 'chat' | 'completions' | 'embeddings' | 'responses';

export type { ChatMessageIn } from './chat-messages';

export interface TextInvocation {
  kind: 'chat' | 'completions';
  messages: ChatMessageIn[];
  prompts: string[];
  params: TextParams;
  stream: boolean;
  /** Prompt tokens per prompt (chat: one entry for the whole conversation). */
  promptTokens: number[];
  /** Reasoning asked for or implied by the model (chat only), else null. */
  reasoning: ReasoningRequest | null;
  /** Tools and answer format (chat only). */
  extras: AnswerExtras;
}

export interface EmbeddingInvocation {
  kind: 'embeddings';
  inputs: string[];
  base64: boolean;
  promptTokens: number;
}

export type Invocation = TextInvocation | EmbeddingInvocation;

const NOT_SUPPORTED = ['presence_penalty', 'frequency_penalty', 'seed'] as const;
const NUMERIC = ['max_tokens', 'temperature', 'top_p', 'top_k', 'n'] as const;

/** The routes parseInvocation serves (Responses requests have their own parser). */
type TextRoute = Exclude<InvocationRoute, 'responses'>;

/** The 400 a Responses-only model gives Chat Completions and Completions requests. */
export const RESPONSES_ONLY_MESSAGE =
  'This model only supports the Responses API. Use POST /serving-endpoints/responses.';

function kindOf(body: Record<string, unknown>, route: TextRoute): Invocation['kind'] {
  const fields = { chat: 'messages', completions: 'prompt', embeddings: 'input' } as const;
  if (route !== 'invocations') {
    if (body[fields[route]] === undefined)
      throw invalidParameter(`${fields[route]} is required for this route.`);
    return route;
  }
  const present = (Object.keys(fields) as (keyof typeof fields)[]).filter(
    (k) => body[fields[k]] !== undefined,
  );
  if (present.length === 1) return present[0] as Invocation['kind'];
  if (present.length === 0)
    throw new DemoHttpError(
      400,
      'BAD_REQUEST',
      'The request must contain one of "messages", "prompt" or "input".',
    );
  throw new DemoHttpError(
    400,
    'BAD_REQUEST',
    `Send only one of ${present.map((k) => `"${fields[k]}"`).join(', ')}.`,
  );
}

function checkTask(kind: Invocation['kind'], endpoint: DemoEndpoint): void {
  const ok =
    kind === 'chat'
      ? endpoint.task === 'llm/v1/chat'
      : kind === 'completions'
        ? endpoint.task !== 'llm/v1/embeddings'
        : endpoint.task === 'llm/v1/embeddings';
  if (ok) return;
  const wants = {
    'llm/v1/chat': '"messages"',
    'llm/v1/completions': '"prompt"',
    'llm/v1/embeddings': '"input"',
    'agent/v1/responses': '"input" (the Responses API)',
  };
  throw new DemoHttpError(
    400,
    'BAD_REQUEST',
    `Endpoint ${endpoint.name} serves task ${endpoint.task} and does not accept ${kind} requests; send ${wants[endpoint.task]} instead.`,
  );
}

function parseStrings(value: unknown, name: string): string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || list.some((item) => typeof item !== 'string'))
    throw invalidParameter(`${name} must be a string or a non-empty list of strings.`);
  return list as string[];
}

/** Reads the sampling parameters with their types checked; null counts as absent. */
function readParams(body: Record<string, unknown>): GenerationParams {
  for (const key of NOT_SUPPORTED) {
    if (body[key] !== undefined && body[key] !== null)
      throw invalidParameter(`${key} is not supported by Foundation Model APIs; remove it from the request.`);
  }
  const params: GenerationParams = {};
  for (const key of NUMERIC) {
    const value = body[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number')
      throw invalidParameter(`${key} must be a number; got ${JSON.stringify(value)}.`);
    params[key] = value;
  }
  if (body.stop !== undefined && body.stop !== null) params.stop = parseStrings(body.stop, 'stop');
  return params;
}

function checkRanges(params: GenerationParams, task: TaskKind, contextWindow: number | null): void {
  const problems = validateParams(params, task, contextWindow);
  if (problems.length > 0) throw invalidParameter(problems.join(' '));
}

function tooLong(detail: string): DemoHttpError {
  return new DemoHttpError(400, 'BAD_REQUEST', `Input is too long. ${detail}`);
}

function parseEmbeddings(body: Record<string, unknown>, endpoint: DemoEndpoint): EmbeddingInvocation {
  checkRanges(readParams(body), 'embeddings', null);
  if (body.stream === true) throw invalidParameter('stream is not supported for embeddings.');
  const format = body.encoding_format ?? 'float';
  if (format !== 'float' && format !== 'base64')
    throw invalidParameter(`encoding_format must be "float" or "base64"; got ${JSON.stringify(format)}.`);
  const inputs = parseStrings(body.input, 'input');
  if (inputs.length > EMBEDDING_LIMITS.maxInputsPerRequest)
    throw invalidParameter(
      `input may contain at most ${EMBEDDING_LIMITS.maxInputsPerRequest} texts per request; got ${inputs.length}.`,
    );
  let promptTokens = 0;
  inputs.forEach((text, i) => {
    const tokens = countTokens(text);
    if (tokens > endpoint.contextWindow)
      throw tooLong(
        `Input ${i} has ${tokens} tokens; ${endpoint.name} accepts at most ${endpoint.contextWindow} tokens per input.`,
      );
    promptTokens += tokens;
  });
  return { kind: 'embeddings', inputs, base64: format === 'base64', promptTokens };
}

/** Refuses an input (plus max tokens) beyond the endpoint's context window: 400 "Input is too long." */
export function checkContext(tokens: number, maxTokens: number | undefined, endpoint: DemoEndpoint): void {
  const window = endpoint.contextWindow;
  if (tokens > window)
    throw tooLong(
      `The input has ${tokens} tokens; the context window of ${endpoint.name} is ${window} tokens.`,
    );
  if (maxTokens !== undefined && tokens + maxTokens > window)
    throw tooLong(
      `The input has ${tokens} tokens and max_tokens is ${maxTokens}; together they exceed the ${window}-token context window of ${endpoint.name}.`,
    );
}

/** Tools, tool_choice and response_format of a chat request; completions take none. */
function chatExtras(body: Record<string, unknown>, endpoint: DemoEndpoint): AnswerExtras {
  return { tools: readToolOptions(body, endpoint, 'chat'), format: readAnswerFormat(body, endpoint, 'chat') };
}

/** Prompt tokens the tool definitions and the answer schema add (models read them too). */
export function extrasTokens(extras: AnswerExtras): number {
  const tools = extras.tools ? countTokens(JSON.stringify(extras.tools.tools)) : 0;
  const format = extras.format ? countTokens(JSON.stringify(extras.format)) : 0;
  return tools + format;
}

/** Validates an invocation body for an endpoint; throws DemoHttpError on any problem. */
export function parseInvocation(body: unknown, endpoint: DemoEndpoint, route: TextRoute): Invocation {
  if (!isRecord(body)) throw new DemoHttpError(400, 'BAD_REQUEST', 'The request body must be a JSON object.');
  const kind = kindOf(body, route);
  if (kind !== 'embeddings' && !speaksChat(endpoint))
    throw new DemoHttpError(400, 'BAD_REQUEST', RESPONSES_ONLY_MESSAGE);
  checkTask(kind, endpoint);
  if (kind === 'embeddings') return parseEmbeddings(body, endpoint);
  const raw = readParams(body);
  checkRanges(raw, kind === 'chat' ? 'chat' : 'completions', endpoint.contextWindow);
  if (body.stream !== undefined && body.stream !== null && typeof body.stream !== 'boolean')
    throw invalidParameter('stream must be true or false.');
  const messages = kind === 'chat' ? parseMessages(body.messages, endpoint) : [];
  const extras = kind === 'chat' ? chatExtras(body, endpoint) : NO_EXTRAS;
  const prompts = kind === 'chat' ? [] : parseStrings(body.prompt, 'prompt');
  const promptTokens =
    kind === 'chat'
      ? [countChatTokens(messages) + extrasTokens(extras) + imageTokens(messages)]
      : prompts.map(countTokens);
  for (const tokens of promptTokens) checkContext(tokens, raw.max_tokens, endpoint);
  const params: TextParams = {
    temperature: raw.temperature ?? 1,
    topP: raw.top_p ?? 1,
    n: raw.n ?? 1,
    stop: raw.stop ?? [],
  };
  if (raw.max_tokens !== undefined) params.maxTokens = raw.max_tokens;
  if (raw.top_k !== undefined) params.topK = raw.top_k;
  const reasoning = kind === 'chat' ? chatReasoning(body, endpoint, raw.max_tokens) : null;
  return { kind, messages, prompts, params, stream: body.stream === true, promptTokens, reasoning, extras };
}
