import type { ChatMessage, GenerationParams } from './domain';

/*
 * The request bodies the workspace client sends, built in one place so that what the UI
 * previews ("View request", "Code") is byte-for-byte what goes over the wire. The client
 * adds only `stream: true`.
 */

/**
 * The sampling parameters ever sent, in the order they appear in a body. An allowlist:
 * presence/frequency penalties and `seed` are not supported by the Foundation Model APIs,
 * so even if something smuggles them into a params object they never reach the server.
 */
export const SENT_PARAM_KEYS = ['max_tokens', 'temperature', 'top_p', 'top_k', 'n', 'stop'] as const;

/** A parameter that can appear in a body. */
export type SentParamKey = (typeof SENT_PARAM_KEYS)[number];

/**
 * The set parameters only, in a fixed order: an unset control (undefined or null) sends
 * nothing, and an empty stop list is the same as no stop list (sending `[]` means nothing).
 */
export function sentParams(params: GenerationParams): Partial<GenerationParams> {
  const source = params as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of SENT_PARAM_KEYS) {
    const value = source[key];
    if (value === undefined || value === null) continue;
    if (key === 'stop') {
      if (!Array.isArray(value) || value.length === 0) continue;
      out.stop = [...value];
    } else out[key] = value;
  }
  return out;
}

/**
 * The chat body (without `stream`): `messages` as `{role, content}` only, then the set
 * parameters. Extra fields on a message object are dropped: the API takes exactly these.
 */
export function buildChatBody(messages: ChatMessage[], params: GenerationParams): Record<string, unknown> {
  return {
    messages: messages.map((m) => ({ role: m.role, content: m.content })),
    ...sentParams(params),
  };
}

/** The completions body (without `stream`): the raw prompt, then the set parameters. */
export function buildCompletionBody(prompt: string, params: GenerationParams): Record<string, unknown> {
  return { prompt, ...sentParams(params) };
}
