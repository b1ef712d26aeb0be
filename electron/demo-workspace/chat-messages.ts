import { featureRefusal } from '../../shared/model-capabilities';
import type { DemoEndpoint } from './endpoints';
import { invalidParameter, isRecord } from './http-util';
import { checkChatReasoning } from './reasoning-signature';
import { capabilitiesOf } from './tool-params';
import { type ImageInfo, readImage } from './vision';

/**
 * Chat Completions `messages`, checked: roles, content (a string, or parts: text, images,
 * reasoning items sent back), assistant `tool_calls` and the `tool` messages that answer
 * them. Images are decoded here, so a broken one is a 400 before anything is generated.
 */

/** A tool call as a conversation carries it. */
export interface ToolCallIn {
  id: string;
  name: string;
  arguments: string;
}

/** One message, as the generators read it. */
export interface ChatMessageIn {
  role: string;
  /** The text (image parts and reasoning items are not part of it). */
  content: string;
  /** An assistant message's tool calls. */
  toolCalls?: ToolCallIn[];
  /** A tool message: the call it answers. */
  toolCallId?: string;
  /** A user message's images, in order. */
  images?: ImageInfo[];
}

const ROLES = new Set(['system', 'user', 'assistant', 'tool']);

/** Refuses images for a model the capability table knows as text only. */
export function checkVision(endpoint: DemoEndpoint, where: string): void {
  const refused = featureRefusal(capabilitiesOf(endpoint), 'vision');
  if (refused)
    throw invalidParameter(`${where}: model ${endpoint.name} does not accept image content. ${refused}`);
}

function readParts(parts: unknown[], i: number, role: string, endpoint: DemoEndpoint) {
  // Reasoning items sent back must be intact; their text is not part of the prompt.
  checkChatReasoning(role, parts, i);
  let text = '';
  const images: ImageInfo[] = [];
  parts.forEach((part, j) => {
    const where = `messages[${i}].content[${j}]`;
    if (!isRecord(part)) throw invalidParameter(`${where} must be an object.`);
    if (typeof part.text === 'string') text += part.text;
    if (part.type !== 'image_url') return;
    if (role !== 'user') throw invalidParameter(`${where}: images are only allowed in user messages.`);
    checkVision(endpoint, where);
    const image = part.image_url;
    images.push(readImage(isRecord(image) ? image.url : image, where));
  });
  return { text, images };
}

function readToolCalls(value: unknown, i: number): ToolCallIn[] {
  if (!Array.isArray(value) || value.length === 0)
    throw invalidParameter(`messages[${i}].tool_calls must be a non-empty list.`);
  return value.map((call, k) => {
    const where = `messages[${i}].tool_calls[${k}]`;
    if (!isRecord(call) || typeof call.id !== 'string' || call.id === '')
      throw invalidParameter(`${where} needs an id.`);
    const fn = call.function;
    if (call.type !== 'function' || !isRecord(fn) || typeof fn.name !== 'string')
      throw invalidParameter(
        `${where} must be {"id", "type": "function", "function": {"name", "arguments"}}.`,
      );
    if (typeof fn.arguments !== 'string')
      throw invalidParameter(`${where}.function.arguments must be a string (the arguments as JSON).`);
    return { id: call.id, name: fn.name, arguments: fn.arguments };
  });
}

function readMessage(message: unknown, i: number, endpoint: DemoEndpoint): ChatMessageIn {
  if (!isRecord(message)) throw invalidParameter(`messages[${i}] must be an object with role and content.`);
  const { role } = message;
  if (typeof role !== 'string' || !ROLES.has(role))
    throw invalidParameter(
      `messages[${i}].role must be one of system, user, assistant, tool; got ${JSON.stringify(role)}.`,
    );
  const out: ChatMessageIn = { role, content: '' };
  const content = message.content;
  if (typeof content === 'string') out.content = content;
  else if (Array.isArray(content)) {
    const { text, images } = readParts(content, i, role, endpoint);
    out.content = text;
    if (images.length > 0) out.images = images;
  } else if (content !== undefined && content !== null)
    throw invalidParameter(`messages[${i}].content must be a string or a list of content parts.`);
  if (role === 'assistant' && message.tool_calls !== undefined && message.tool_calls !== null) {
    out.toolCalls = readToolCalls(message.tool_calls, i);
    // Claude's API refuses empty text blocks: an empty content must be null or left out.
    if (content === '' && capabilitiesOf(endpoint).family === 'Claude')
      throw invalidParameter(
        `messages[${i}]: text content blocks must be non-empty. An assistant message with tool_calls must have null or no content, not "".`,
      );
  }
  if (role === 'tool') {
    if (typeof message.tool_call_id !== 'string' || message.tool_call_id === '')
      throw invalidParameter(`messages[${i}]: a tool message needs the tool_call_id of the call it answers.`);
    out.toolCallId = message.tool_call_id;
  }
  return out;
}

/** Every tool message must answer a call made by an earlier assistant message. */
function checkToolResults(messages: ChatMessageIn[]): void {
  const called = new Set<string>();
  messages.forEach((m, i) => {
    for (const call of m.toolCalls ?? []) called.add(call.id);
    if (m.toolCallId !== undefined && !called.has(m.toolCallId))
      throw invalidParameter(
        `messages[${i}]: a message with role 'tool' must answer a preceding message with 'tool_calls'; no call has id "${m.toolCallId}".`,
      );
  });
}

/** Reads and checks `messages`; throws a 400 on anything wrong. */
export function parseMessages(value: unknown, endpoint: DemoEndpoint): ChatMessageIn[] {
  if (!Array.isArray(value) || value.length === 0)
    throw invalidParameter('messages must be a non-empty list.');
  const messages = value.map((m, i) => readMessage(m, i, endpoint));
  checkToolResults(messages);
  return messages;
}
