import type { ChatMessage, OutputItem } from '../../../shared/domain';
import type { ImageAttachment, MessageRecord } from '../../core/db/records';
import { previewImageUrl } from '../../core/images';
import { pendingCalls } from '../../core/tool-loop';

/*
 * What is sent to the model: the thread as chat messages, optionally fitted to the context
 * window, and the request that continues an interrupted answer. Token counts here are
 * estimates (no tokenizer for the served models lives in the renderer): ~4 characters per
 * token for English prose, corrected by what the server said when it refused a request.
 */

/** Characters per token assumed before the server told us better. */
export const CHARS_PER_TOKEN = 4;
/** Tokens a chat template adds per message (role markers) and to prime the reply. */
const PER_MESSAGE = 4;
const PRIMER = 3;

/** The user message sent to continue a cut-off answer (see `continueRequest`). */
export const CONTINUE_PROMPT =
  'Your previous answer was cut off. Continue it exactly where it stopped: do not repeat anything, do not add a preface, start with the next character.';

/**
 * The data URL of an attached picture. What is sent resolves it from the stored bytes; View
 * request and Code (which render the same messages) use `previewImageUrl`, which shows the
 * type and size instead of megabytes of base64.
 */
export type ImageUrlOf = (attachment: ImageAttachment) => string;

/**
 * A message as sent. A user message carries its pictures as data URLs (`urlOf`), after its
 * text, every time it is sent (history too). An answer carries the reasoning and the agent
 * items of the choice on screen, unchanged: the same objects, so every signature goes back
 * exactly as it came (a model refuses reasoning whose signature is missing or does not match).
 */
export function chatMessageOf(m: MessageRecord, urlOf: ImageUrlOf = previewImageUrl): ChatMessage {
  if (m.role !== 'assistant') {
    // A picture whose bytes are gone resolves to '' and is left out (never a broken URL).
    const images = (m.attachments ?? []).map((a) => ({ url: urlOf(a) })).filter((i) => i.url !== '');
    return { role: m.role, content: m.content, ...(images.length > 0 ? { images } : {}) };
  }
  const choice = m.choices?.[m.selectedChoice ?? 0];
  const { content, items } = answeredItems(m.content, choice?.items);
  return {
    role: m.role,
    content,
    ...(choice?.reasoning?.length ? { reasoning: choice.reasoning } : {}),
    ...(items.length ? { items } : {}),
  };
}

/**
 * An answer's items as they can be sent: calls that never got a result are left out (a
 * server refuses `tool_calls` without their `tool` messages, e.g. when the user wrote on
 * instead of answering them). When no call is left, text said before them joins the content.
 */
function answeredItems(
  content: string,
  items: readonly OutputItem[] | undefined,
): { content: string; items: OutputItem[] } {
  const pending = new Set(pendingCalls(items).map((c) => c.callId));
  if (pending.size === 0) return { content, items: [...(items ?? [])] };
  const kept = (items ?? []).filter((i) => !(i.type === 'function_call' && pending.has(i.callId)));
  if (kept.some((i) => i.type === 'function_call')) return { content, items: kept };
  const said = kept.flatMap((i) => (i.type === 'text' ? [i.text] : []));
  return { content: [...said, content].filter((t) => t !== '').join('\n\n'), items: [] };
}

/** The thread as the chat messages sent: system prompt first, empty answers left out. */
export function requestMessages(
  thread: readonly MessageRecord[],
  systemPrompt: string,
  urlOf: ImageUrlOf = previewImageUrl,
): ChatMessage[] {
  const system = systemPrompt.trim();
  const out: ChatMessage[] = system ? [{ role: 'system', content: systemPrompt }] : [];
  for (const m of thread) {
    // A stop before the first token leaves nothing worth sending (reasoning alone included:
    // an answer cut off while thinking has no turn to send it back with). A message of
    // pictures alone is worth sending.
    const sent = chatMessageOf(m, urlOf);
    if (sent.content.length === 0 && !sent.items?.length && !sent.images?.length) continue;
    out.push(sent);
  }
  return out;
}

/** The picture ids a thread carries (each once), in order. */
export function attachmentIdsOf(thread: readonly MessageRecord[]): string[] {
  return [...new Set(thread.flatMap((m) => (m.attachments ?? []).map((a) => a.id)))];
}

/** Characters a message puts on the wire: its text, its reasoning and its items. */
function sentChars(m: ChatMessage): number {
  let chars = m.content.length;
  for (const item of m.reasoning ?? [])
    for (const part of item.summary)
      chars +=
        part.type === 'summary_text' ? part.text.length + (part.signature?.length ?? 0) : part.data.length;
  for (const item of m.items ?? [])
    chars +=
      item.type === 'function_call'
        ? item.name.length + item.arguments.length
        : item.type === 'text'
          ? item.text.length
          : item.output.length;
  return chars;
}

/** Estimated prompt tokens of `messages` (reasoning sent back counts too). */
export function estimateTokens(messages: readonly ChatMessage[], charsPerToken = CHARS_PER_TOKEN): number {
  let total = PRIMER;
  for (const m of messages) total += PER_MESSAGE + Math.ceil(sentChars(m) / charsPerToken);
  return total;
}

/** What fitting did: the messages to send and how many older ones were left out. */
export interface Fitted {
  messages: ChatMessage[];
  dropped: number;
}

/**
 * Drops the oldest turns (never the system prompt, never the last message) until the
 * estimate fits `budget` tokens. Whole turns go: a user message and the answers after it,
 * so the model never sees an answer without its question.
 */
export function fitToWindow(messages: readonly ChatMessage[], budget: number, charsPerToken: number): Fitted {
  const system = messages[0]?.role === 'system' ? [messages[0]] : [];
  let rest = messages.slice(system.length);
  let dropped = 0;
  while (rest.length > 1 && estimateTokens([...system, ...rest], charsPerToken) > budget) {
    // Drop up to (not including) the next user message after the first.
    let cut = 1;
    while (cut < rest.length - 1 && rest[cut]?.role !== 'user') cut++;
    rest = rest.slice(cut);
    dropped += cut;
  }
  return { messages: [...system, ...rest], dropped };
}

/**
 * The request that continues `partial`. Databricks' chat endpoints do not document an
 * assistant prefill (a trailing assistant message may be refused or answered as a closed
 * turn), so the partial answer is sent as an assistant turn followed by an explicit user
 * instruction to continue from its last character (with its reasoning, as any answer is
 * sent back). The reply is appended to the same message.
 */
export function continueRequest(history: readonly ChatMessage[], partial: ChatMessage): ChatMessage[] {
  return [...history, partial, { role: 'user', content: CONTINUE_PROMPT }];
}

/** A conversation title from its first message: one line, at most ~60 characters. */
export function titleFrom(text: string, max = 60): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line || 'New conversation';
  const cut = line.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
