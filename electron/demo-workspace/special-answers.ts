import type { ChatMessageIn } from './chat-messages';
import { sourceOf, valueFor } from './schema-values';
import { type PlannedCall, planCalls, resultsAnswer, toolsToCall } from './tool-calls';
import type { AnswerFormat, ToolOptions } from './tool-params';
import { readTopic } from './topic';
import { describeImages } from './vision';

/**
 * The answers that are not free text, for Chat Completions and the Responses API alike, in
 * this order: tool calls (tool-calls.ts decides), a JSON answer when a format asks for one,
 * the quoted tool results after a tool message, the description of the last user message's
 * images. Anything else is the generators' usual markdown.
 */

/** What a request adds to plain chat. */
export interface AnswerExtras {
  tools: ToolOptions | null;
  format: AnswerFormat | null;
}

export const NO_EXTRAS: AnswerExtras = { tools: null, format: null };

/** The model calls tools, or answers exactly this text (still cut by max_tokens and stop). */
export type SpecialAnswer = { kind: 'calls'; calls: PlannedCall[] } | { kind: 'text'; text: string };

const lastUser = (messages: readonly ChatMessageIn[]) =>
  [...messages].reverse().find((m) => m.role === 'user');

/** The text an answer would have without a format: quoted results, image descriptions or null. */
function plainAnswer(messages: readonly ChatMessageIn[]): string | null {
  const results = resultsAnswer(messages);
  if (results !== null) return results;
  const images = lastUser(messages)?.images ?? [];
  return images.length > 0 ? describeImages(images) : null;
}

/** A JSON answer: from the schema, or a small object about the prompt for `json_object`. */
function jsonAnswer(format: AnswerFormat, messages: readonly ChatMessageIn[]): string {
  const prompt = lastUser(messages)?.content ?? '';
  // Strings and numbers come from the prompt first, then from tool results of the turn.
  const results = messages.filter((m) => m.role === 'tool').map((m) => m.content);
  const source = sourceOf([prompt, ...results].join('\n'));
  if (format.type === 'json_schema') return JSON.stringify(valueFor(format.schema, source));
  const topic = readTopic(prompt);
  const answer = plainAnswer(messages) ?? `A short answer about ${topic.phrase || 'your question'}.`;
  return JSON.stringify({ topic: topic.phrase, keywords: topic.keywords, answer });
}

/** The special answer to a conversation, or null for the usual generated markdown. */
export function specialAnswer(
  messages: readonly ChatMessageIn[],
  extras: AnswerExtras,
): SpecialAnswer | null {
  if (extras.tools) {
    const tools = toolsToCall(extras.tools, messages);
    if (tools.length > 0) return { kind: 'calls', calls: planCalls(tools, messages) };
  }
  if (extras.format) return { kind: 'text', text: jsonAnswer(extras.format, messages) };
  const text = plainAnswer(messages);
  return text === null ? null : { kind: 'text', text };
}
