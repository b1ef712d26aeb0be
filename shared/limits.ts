import type { ChatMessage, GenerationParams, TaskKind } from './domain';
import { MAX_TEXT_CHARS } from './domain-constants';
import { featureRefusal, type ModelCapabilities, reasoningProblems } from './model-capabilities';
import { NOT_IN_RESPONSES } from './request-body';

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

/**
 * Images in a user message: at most this many; each at most `maxEncodedBytes` (5 MB) as the
 * re-encoded image file (its base64 data URL about 6.7 MB: `MAX_IMAGE_URL_CHARS`), its longer side scaled down to `maxSide` pixels
 * (what vision models work at anyway); files above `maxFileBytes` are refused when attached.
 * All the images of one request — the whole history's, since every turn sends them again —
 * together at most `maxRequestEncodedBytes` (their data URLs' length): OpenAI's own request
 * cap, and what one loopback WebSocket frame is sized for (electron/web-host/server.ts).
 * Databricks' pay-per-token endpoints take less (16 MB a request); they say so themselves.
 */
export const IMAGE_LIMITS = {
  maxPerMessage: 20,
  maxSide: 1568,
  maxEncodedBytes: 5 * 1024 * 1024,
  maxFileBytes: 40 * 1024 * 1024,
  maxRequestEncodedBytes: 50 * 1024 * 1024,
} as const;

/** Model steps an answer may take with tools: at most this many (the default is 5). */
export const TOOL_STEP_LIMIT = { min: 1, max: 25 } as const;

/**
 * Embedding request limits: texts per request and characters per text and per request
 * (batching respects them). A million characters is at most ~4 MB of UTF-8, and stays under
 * the server's 16 MB body cap even if every character needed a JSON escape.
 */
export const EMBEDDING_LIMITS = {
  maxInputsPerRequest: 150,
  maxTextChars: 200_000,
  maxRequestChars: 1_000_000,
} as const;

/**
 * The text one generation request may carry: four million characters in all (prompt, system
 * prompt, the whole history with its reasoning and tool results) — about a million tokens, the
 * largest context window served today, and a few MB on the wire. Each text field is bounded by
 * the same number in the contract; the request as a whole by `requestTextProblem`.
 */
export const TEXT_LIMITS = { maxRequestChars: MAX_TEXT_CHARS } as const;

type TextBearing = Pick<ChatMessage, 'content' | 'reasoning' | 'items'>;

/** The characters of text one request carries: every message's content, reasoning and tool items. */
export function requestTextChars(messages: readonly TextBearing[]): number {
  let chars = 0;
  for (const m of messages) {
    chars += m.content.length;
    for (const item of m.reasoning ?? [])
      for (const part of item.summary)
        chars +=
          part.type === 'summary_text' ? part.text.length + (part.signature?.length ?? 0) : part.data.length;
    for (const item of m.items ?? []) {
      if (item.type === 'text') chars += item.text.length;
      else if (item.type === 'function_call') chars += item.arguments.length;
      else if (item.type === 'function_call_output') chars += item.output.length;
    }
  }
  return chars;
}

const millions = (chars: number) => `${(chars / 1_000_000).toFixed(1).replace(/\.0$/, '')} million`;

/** Why the text of one request is too long (null when it fits): the contract's check, and the UI's. */
export function requestTextProblem(chars: number, what = 'This conversation'): string | null {
  const cap = TEXT_LIMITS.maxRequestChars;
  if (chars <= cap) return null;
  return (
    `${what} is ${millions(chars)} characters long; one request can carry at most ${millions(cap)} ` +
    '(about a million tokens). Shorten it or start a new conversation.'
  );
}

/**
 * Checks parameters against the task's table and, when known, the endpoint's context
 * window (max_tokens cannot exceed it). Returns one message per problem, naming the
 * parameter and the allowed range; an empty array means valid.
 */
export function validateParams(
  params: GenerationParams,
  task: TaskKind,
  contextWindow?: number | null,
  capabilities?: ModelCapabilities,
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
  problems.push(...reasoningParamProblems(params, task, capabilities));
  problems.push(...toolParamProblems(params, task, capabilities));
  return problems;
}

const isObjectSchema = (schema: Record<string, unknown>): boolean => schema.type === 'object';

/**
 * Tools, `tool_choice` and `response_format`: chat only; unique tool names whose parameters
 * are an object schema; a named choice that is one of the tools; `strict` tool schemas only
 * for GPT models (the others refuse them); a JSON schema format whose root is an object;
 * and, when the model is known, that it takes tools and response formats at all.
 */
function toolParamProblems(
  params: GenerationParams,
  task: TaskKind,
  capabilities: ModelCapabilities | undefined,
): string[] {
  const problems: string[] = [];
  const tools = params.tools ?? [];
  const format = params.response_format;
  const usesTools = tools.length > 0;
  const usesFormat = format !== undefined && format.type !== 'text';
  if ((usesTools || usesFormat) && task !== 'chat' && task !== 'other')
    problems.push(`Tools and response formats are for chat endpoints, not ${task}.`);
  const names = new Set<string>();
  for (const tool of tools) {
    if (names.has(tool.name)) problems.push(`Two tools are named "${tool.name}"; tool names must be unique.`);
    names.add(tool.name);
    if (!isObjectSchema(tool.parameters))
      problems.push(`Tool "${tool.name}": its parameters must be a JSON Schema with "type": "object".`);
    if (
      tool.strict &&
      capabilities &&
      capabilities.family !== 'Unknown' &&
      !capabilities.family.startsWith('GPT')
    )
      problems.push(
        `${capabilities.family} models refuse "strict" in tool schemas: turn Strict off for "${tool.name}".`,
      );
  }
  const choice = params.tool_choice;
  if (usesTools && choice && typeof choice === 'object' && !names.has(choice.function.name))
    problems.push(`tool_choice names "${choice.function.name}", which is not one of the tools.`);
  if (format?.type === 'json_schema' && !isObjectSchema(format.json_schema.schema))
    problems.push('The response schema\'s root must be "type": "object".');
  const steps = params.max_tool_steps;
  if (
    steps !== undefined &&
    (!Number.isInteger(steps) || steps < TOOL_STEP_LIMIT.min || steps > TOOL_STEP_LIMIT.max)
  )
    problems.push(
      `Tool steps must be a whole number from ${TOOL_STEP_LIMIT.min} to ${TOOL_STEP_LIMIT.max}; got ${steps}.`,
    );
  if (capabilities) {
    const toolsRefused = usesTools ? featureRefusal(capabilities, 'tools') : null;
    if (toolsRefused) problems.push(`${toolsRefused} Remove the tools or pick another endpoint.`);
    const formatRefused = usesFormat ? featureRefusal(capabilities, 'structuredOutputs') : null;
    if (formatRefused)
      problems.push(`${formatRefused} Set the response format to text or pick another endpoint.`);
  }
  return problems;
}

/** The encoded size of all the images of a request: their data URLs' length (ASCII: one byte each). */
export function requestImageBytes(messages: readonly Pick<ChatMessage, 'images'>[]): number {
  let bytes = 0;
  for (const m of messages) for (const image of m.images ?? []) bytes += image.url.length;
  return bytes;
}

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;

/**
 * Why the images of one request are too big together (null when they fit): the contract's
 * check on `chat:start`, and the UI's before sending.
 */
export function requestImagesProblem(messages: readonly Pick<ChatMessage, 'images'>[]): string | null {
  const bytes = requestImageBytes(messages);
  const cap = IMAGE_LIMITS.maxRequestEncodedBytes;
  if (bytes <= cap) return null;
  return (
    `The images in this conversation add up to ${megabytes(bytes)} once encoded; one request can carry ` +
    `at most ${megabytes(cap)} of images (every turn sends the earlier ones again). ` +
    'Remove some images or start a new conversation.'
  );
}

/**
 * Why these messages can't be sent to this model (empty when they can): images to a model the
 * table knows as text only, too many images in one message, or too many bytes of images in
 * the request.
 */
export function imageProblems(messages: readonly ChatMessage[], capabilities: ModelCapabilities): string[] {
  const problems: string[] = [];
  const withImages = messages.filter((m) => (m.images?.length ?? 0) > 0);
  if (withImages.length === 0) return problems;
  const refused = featureRefusal(capabilities, 'vision');
  if (refused)
    problems.push(`${refused} Remove the images or pick a vision model (Claude, Llama 4, Gemini, GPT-5).`);
  if (withImages.some((m) => (m.images?.length ?? 0) > IMAGE_LIMITS.maxPerMessage))
    problems.push(`At most ${IMAGE_LIMITS.maxPerMessage} images per message.`);
  const tooBig = requestImagesProblem(withImages);
  if (tooBig) problems.push(tooBig);
  return problems;
}

/**
 * The reasoning settings and the protocol: a budget must be a whole number below max_tokens
 * (and, when the model is known, the kind of control it takes); an effort must be one the
 * model accepts; a Responses-only endpoint has no field for top_k, n, stop or a budget.
 */
function reasoningParamProblems(
  params: GenerationParams,
  task: TaskKind,
  capabilities: ModelCapabilities | undefined,
): string[] {
  const problems: string[] = [];
  const { thinking_budget: budget, reasoning_effort: effort, max_tokens: maxTokens } = params;
  if ((budget !== undefined || effort !== undefined) && task !== 'chat' && task !== 'other')
    problems.push(`Reasoning settings are for chat endpoints, not ${task}.`);
  if (budget !== undefined && (!Number.isInteger(budget) || budget < 1))
    problems.push(`thinking budget must be a whole number of tokens; got ${budget}.`);
  else if (budget !== undefined && maxTokens !== undefined && budget >= maxTokens)
    problems.push(`The thinking budget (${budget}) must be below max_tokens (${maxTokens}).`);
  else if (capabilities)
    problems.push(...reasoningProblems(capabilities, { budgetTokens: budget, effort }, maxTokens));
  if (capabilities?.protocol === 'responses') {
    const refused = NOT_IN_RESPONSES.filter(
      (k) => params[k] !== undefined && !(k === 'stop' && params.stop?.length === 0),
    );
    if (refused.length > 0)
      problems.push(
        `This endpoint speaks the Responses API, which has no ${refused.join(', ')}; unset them.`,
      );
  }
  return [...new Set(problems)];
}
