import type { ChatMessage } from '../../../shared/domain';
import type { StudioError } from '../../../shared/errors';
import { buildChatBody } from '../../../shared/request-body';
import type { ChatRequest } from '../types';
import { ChatStreamParser } from './chat-stream';
import type { StreamRequest } from './stream-invocation';
import type { WireCall } from './stream-output';
import type { WorkspaceTransport } from './transport';

/*
 * Which request a generation sends: the route and body per API flavor (Databricks or an
 * OpenAI-compatible server), and the one fallback each may take. The bodies come from the same
 * builders the UI previews (shared/request-body.ts); only `stream: true` (and, for OpenAI
 * servers, `stream_options`) is added here.
 */

const invocations = (endpoint: string) => `/serving-endpoints/${encodeURIComponent(endpoint)}/invocations`;

/** A Chat Completions (or text completions) call. */
export function chatCall(
  transport: WorkspaceTransport,
  endpoint: string,
  route: 'chat' | 'completions',
  payload: Record<string, unknown>,
): WireCall {
  const parser: WireCall['parser'] = (out, headerModel) => new ChatStreamParser(out, headerModel);
  if (!transport.openai) return { path: invocations(endpoint), body: { ...payload, stream: true }, parser };
  // OpenAI servers only send usage in streams when asked to (stream_options.include_usage).
  return {
    path: `/${route === 'chat' ? 'chat/completions' : 'completions'}`,
    body: { model: endpoint, ...payload, stream: true, stream_options: { include_usage: true } },
    parser,
  };
}

/** An OpenAI server's 400 that may be about `stream_options` (a too-long prompt won't change). */
const mayBeStreamOptions = (error: StudioError): boolean =>
  error.status === 400 && error.code !== 'CONTEXT_TOO_LONG';

/** The prompt's size in characters, for the estimate when the server sends no usage. */
const promptChars = (messages: ChatMessage[]) => messages.reduce((n, m) => n + m.content.length, 0);

/**
 * The streamed request for a chat, falling back once, before any token, on an OpenAI server:
 * without `stream_options`, which older servers refuse.
 */
export function chatStreamRequest(transport: WorkspaceTransport, request: ChatRequest): StreamRequest {
  const { endpoint, messages, params } = request;
  const call = chatCall(transport, endpoint, 'chat', buildChatBody(messages, params));
  const fallback = (error: StudioError) =>
    transport.openai && mayBeStreamOptions(error) ? withoutStreamOptions(call) : null;
  return { endpoint, promptChars: promptChars(messages), call, fallback };
}

/** A call without `stream_options`. */
export function withoutStreamOptions(call: WireCall): WireCall {
  const { stream_options: _dropped, ...body } = call.body;
  return { ...call, body };
}

/** The streamed request for a text completion (Chat Completions' older sibling; no fallback but `stream_options`). */
export function completionStreamRequest(
  transport: WorkspaceTransport,
  endpoint: string,
  payload: Record<string, unknown>,
  chars: number,
): StreamRequest {
  const call = chatCall(transport, endpoint, 'completions', payload);
  const fallback = (error: StudioError) =>
    transport.openai && mayBeStreamOptions(error) ? withoutStreamOptions(call) : null;
  return { endpoint, call, promptChars: chars, fallback };
}
