import { validateParams } from '../../shared/limits';
import { checkVision } from './chat-messages';
import type { DemoEndpoint } from './endpoints';
import type { TextParams } from './generation';
import { DemoHttpError, invalidParameter, isRecord } from './http-util';
import type { ReasoningRequest } from './reasoning';
import { responsesReasoning } from './reasoning-params';
import { checkResponsesReasoning } from './reasoning-signature';
import { type ChatMessageIn, checkContext, extrasTokens } from './request-parsing';
import type { AnswerExtras } from './special-answers';
import { countChatTokens } from './tokenizer';
import { readAnswerFormat, readToolOptions } from './tool-params';
import { type ImageInfo, imageTokens, readImage } from './vision';

/**
 * Turns an untrusted Responses API body (`POST /serving-endpoints/responses`, or an agent's
 * invocations route) into a checked request. Every field is optional but `input`; `input`
 * is a string or a list of items: messages (string content or `input_text` / `output_text`
 * parts), reasoning items (which must be ones this workspace returned), function calls and
 * their outputs. Unknown content parts are skipped; unknown item types are refused.
 */

/** A checked Responses request. */
export interface ResponsesInvocation {
  /** The conversation as role + text (instructions first): it seeds and counts the prompt. */
  messages: ChatMessageIn[];
  /** What the answer is about: the last user message (else the last message). */
  promptText: string;
  instructions: string | null;
  params: TextParams;
  maxOutputTokens: number | undefined;
  stream: boolean;
  promptTokens: number;
  reasoning: ReasoningRequest | null;
  /** Tools and answer format (`tools`, `tool_choice`, `text.format`). */
  extras: AnswerExtras;
}

/** Agent endpoints reject longer input item ids; the demo applies it to every Responses route. */
const MAX_ITEM_ID = 64;

const bad = (message: string): DemoHttpError => new DemoHttpError(400, 'BAD_REQUEST', message);

const TEXT_PARTS = new Set(['input_text', 'output_text', 'text']);

function partsText(content: unknown, where: string): string {
  if (typeof content === 'string') return content;
  if (content === undefined || content === null) return '';
  if (!Array.isArray(content))
    throw invalidParameter(`${where}.content must be a string or a list of parts.`);
  return content
    .map((part) => (isRecord(part) && TEXT_PARTS.has(part.type as string) ? String(part.text ?? '') : ''))
    .join('');
}

/** The `input_image` parts of a message, decoded (user messages of vision models only). */
function partsImages(content: unknown, where: string, role: string, endpoint: DemoEndpoint): ImageInfo[] {
  if (!Array.isArray(content)) return [];
  const images: ImageInfo[] = [];
  content.forEach((part, j) => {
    if (!isRecord(part) || part.type !== 'input_image') return;
    const at = `${where}.content[${j}]`;
    if (role !== 'user') throw invalidParameter(`${at}: images are only allowed in user messages.`);
    checkVision(endpoint, at);
    // The Responses API takes the URL as a string; an `{url}` object is read too.
    images.push(readImage(isRecord(part.image_url) ? part.image_url.url : part.image_url, at));
  });
  return images;
}

const str = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);

/** One input item as a conversation message. */
function readItem(item: unknown, i: number, endpoint: DemoEndpoint): ChatMessageIn {
  const where = `input[${i}]`;
  if (!isRecord(item)) throw invalidParameter(`${where} must be an object.`);
  if (typeof item.id === 'string' && item.id.length > MAX_ITEM_ID)
    throw invalidParameter(`${where}.id is longer than ${MAX_ITEM_ID} characters (${item.id.length}).`);
  const type = item.type ?? 'message';
  switch (type) {
    case 'message': {
      const role = item.role === 'developer' ? 'system' : item.role;
      if (typeof role !== 'string' || !['user', 'assistant', 'system'].includes(role))
        throw invalidParameter(
          `${where}.role must be one of user, assistant, system, developer; got ${JSON.stringify(item.role)}.`,
        );
      const images = partsImages(item.content, where, role, endpoint);
      const message = { role, content: partsText(item.content, where) };
      return images.length > 0 ? { ...message, images } : message;
    }
    case 'reasoning':
      return { role: 'assistant', content: checkResponsesReasoning(item, i) };
    case 'function_call': {
      const call = { id: str(item.call_id), name: str(item.name), arguments: str(item.arguments) };
      return { role: 'assistant', content: `${call.name}(${call.arguments})`, toolCalls: [call] };
    }
    case 'function_call_output':
      return { role: 'tool', content: str(item.output), toolCallId: str(item.call_id) };
    case 'item_reference':
      throw bad(`${where}: item references are not supported; this workspace stores no responses.`);
    default:
      throw invalidParameter(`${where}.type ${JSON.stringify(type)} is not supported.`);
  }
}

function readInput(input: unknown, endpoint: DemoEndpoint): ChatMessageIn[] {
  if (typeof input === 'string') return [{ role: 'user', content: input }];
  if (input === undefined || input === null)
    throw invalidParameter('input is required: a string or a list of input items.');
  if (!Array.isArray(input) || input.length === 0)
    throw invalidParameter('input must be a string or a non-empty list of input items.');
  const messages = input.map((item, i) => readItem(item, i, endpoint));
  // Every function_call_output answers an earlier function_call.
  const called = new Set<string>();
  messages.forEach((m, i) => {
    for (const call of m.toolCalls ?? []) called.add(call.id);
    if (m.toolCallId !== undefined && !called.has(m.toolCallId))
      throw invalidParameter(
        `input[${i}]: no tool call found for function call output with call_id "${m.toolCallId}".`,
      );
  });
  return messages;
}

function optionalNumber(body: Record<string, unknown>, key: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number')
    throw invalidParameter(`${key} must be a number; got ${JSON.stringify(value)}.`);
  return value;
}

function readMaxOutput(body: Record<string, unknown>, endpoint: DemoEndpoint): number | undefined {
  const max = optionalNumber(body, 'max_output_tokens');
  if (max === undefined) return undefined;
  if (!Number.isInteger(max) || max < 1 || max > endpoint.contextWindow)
    throw invalidParameter(
      `max_output_tokens must be a whole number between 1 and ${endpoint.contextWindow}; got ${max}.`,
    );
  return max;
}

function readSampling(body: Record<string, unknown>): { temperature: number; topP: number } {
  const temperature = optionalNumber(body, 'temperature');
  const topP = optionalNumber(body, 'top_p');
  const problems = validateParams(
    { ...(temperature !== undefined ? { temperature } : {}), ...(topP !== undefined ? { top_p: topP } : {}) },
    'chat',
  );
  if (problems.length > 0) throw invalidParameter(problems.join(' '));
  return { temperature: temperature ?? 1, topP: topP ?? 1 };
}

/** Validates a Responses body for an endpoint that speaks the Responses API. */
export function parseResponsesRequest(body: unknown, endpoint: DemoEndpoint): ResponsesInvocation {
  if (!isRecord(body)) throw bad('The request body must be a JSON object.');
  if (body.previous_response_id !== undefined && body.previous_response_id !== null)
    throw bad(
      'previous_response_id is not supported: this workspace stores no responses; send the whole conversation as input.',
    );
  if (body.stream !== undefined && body.stream !== null && typeof body.stream !== 'boolean')
    throw invalidParameter('stream must be true or false.');
  const instructions = body.instructions ?? null;
  if (instructions !== null && typeof instructions !== 'string')
    throw invalidParameter('instructions must be a string.');
  const conversation = readInput(body.input, endpoint);
  const extras: AnswerExtras = {
    tools: readToolOptions(body, endpoint, 'responses'),
    format: readAnswerFormat(body, endpoint, 'responses'),
  };
  const messages = instructions ? [{ role: 'system', content: instructions }, ...conversation] : conversation;
  const maxOutputTokens = readMaxOutput(body, endpoint);
  const promptTokens = countChatTokens(messages) + extrasTokens(extras) + imageTokens(messages);
  checkContext(promptTokens, maxOutputTokens, endpoint);
  const lastUser = [...conversation].reverse().find((m) => m.role === 'user') ?? conversation.at(-1);
  const params: TextParams = { ...readSampling(body), n: 1, stop: [] };
  if (maxOutputTokens !== undefined) params.maxTokens = maxOutputTokens;
  return {
    messages,
    promptText: lastUser?.content ?? '',
    instructions,
    params,
    maxOutputTokens,
    stream: body.stream === true,
    promptTokens,
    reasoning: responsesReasoning(body, endpoint),
    extras,
  };
}
