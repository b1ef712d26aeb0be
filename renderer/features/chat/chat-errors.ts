import type { ChatMessage, Endpoint } from '../../../shared/domain';
import type { StudioError } from '../../../shared/errors';
import { usableFor } from '../../../shared/tasks';
import { CHARS_PER_TOKEN, estimateTokens } from './chat-history';

/*
 * Turns a failed request into something the user can act on: which actions to offer, and
 * for a context overflow, by how much the request is over the window.
 */

/** What the chat offers after an error. */
export type ErrorAction = 'retry' | 'trim' | 'pick-endpoint' | 'credentials' | 'params';

/** The actions for an error code, most useful first. */
export function actionsFor(error: StudioError): ErrorAction[] {
  switch (error.code) {
    case 'CONTEXT_TOO_LONG':
      return ['trim', 'pick-endpoint'];
    case 'RATE_LIMITED':
      return ['retry'];
    case 'AUTH':
    case 'PERMISSION':
    case 'NOT_CONFIGURED':
      return ['credentials'];
    case 'NOT_FOUND':
      return ['pick-endpoint'];
    case 'BAD_PARAMETER':
      return ['params', 'retry'];
    case 'INVALID_INPUT':
    case 'INVALID_REQUEST':
      return [];
    default:
      // NETWORK, TIMEOUT, UNAVAILABLE, SERVER, BAD_RESPONSE, INTERNAL, …: worth another try.
      return ['retry'];
  }
}

/** How far a request is over an endpoint's context window. */
export interface Overflow {
  /** Prompt tokens of the refused request. */
  requestTokens: number;
  window: number;
  /** requestTokens − window (always more than 0: no overflow is made up). */
  over: number;
  /** False when the server said the numbers; true when they are the app's estimate. */
  estimated: boolean;
  /** Characters per token, calibrated from the server's count when it gave one. */
  charsPerToken: number;
}

/** "The input has 40000 tokens; the context window of X is 32768 tokens." and similar. */
const SERVER_TOKENS = /(?:input|prompt|request)[^.\d]{0,40}?(\d[\d,]*)\s*tokens/i;
const SERVER_WINDOW =
  /(?:context window|context length|maximum context)[^.\d]{0,80}?(\d[\d,]*)\s*tokens|(\d[\d,]*)[- ]token context/i;

const toInt = (text: string | undefined): number | null => {
  if (!text) return null;
  const n = Number.parseInt(text.replace(/,/g, ''), 10);
  return Number.isFinite(n) && n > 0 ? n : null;
};

/**
 * The overflow of a CONTEXT_TOO_LONG error. Uses the server's numbers when its words have
 * them; otherwise estimates from the request (~4 characters per token) and the endpoint's
 * known window. Null when the window is unknown and the server gave no numbers, and when the
 * request does not exceed the window by these numbers: the server's limit is then lower than
 * the table says (or counts what the app can't), and no "over by" figure would be true.
 */
export function overflowOf(
  error: StudioError,
  request: readonly ChatMessage[],
  knownWindow: number | null,
): Overflow | null {
  if (error.code !== 'CONTEXT_TOO_LONG') return null;
  // Saved errors from before `serverMessage` quote the server inside the message.
  const words = `${error.serverMessage ?? ''} ${error.message}`;
  const chars = request.reduce((sum, m) => sum + m.content.length, 0);
  const saidTokens = toInt(SERVER_TOKENS.exec(words)?.[1]);
  const windowMatch = SERVER_WINDOW.exec(words);
  const window = toInt(windowMatch?.[1] ?? windowMatch?.[2]) ?? knownWindow;
  if (window === null) return null;
  const requestTokens = saidTokens ?? estimateTokens(request);
  if (requestTokens <= window) return null;
  const charsPerToken = saidTokens && chars > 0 ? Math.max(0.5, chars / saidTokens) : CHARS_PER_TOKEN;
  return {
    requestTokens,
    window,
    over: requestTokens - window,
    estimated: saidTokens === null,
    charsPerToken,
  };
}

/** Chat endpoints whose known window is larger than `needed` tokens, largest first. */
export function largerEndpoints(
  endpoints: readonly Endpoint[],
  current: string | null,
  needed: number,
): Endpoint[] {
  return endpoints
    .filter((e) => usableFor(e, 'chat') && e.name !== current && (e.contextWindow ?? 0) > needed)
    .sort((a, b) => (b.contextWindow ?? 0) - (a.contextWindow ?? 0));
}

/** Chat endpoints other than `current` (to replace one that is not found). */
export function otherChatEndpoints(endpoints: readonly Endpoint[], current: string | null): Endpoint[] {
  return endpoints.filter((e) => usableFor(e, 'chat') && e.name !== current);
}
