import type { ChatMessage, GenerationParams } from '../../../shared/domain';
import type { StudioError } from '../../../shared/errors';
import { capabilitiesFor, type WireProtocol } from '../../../shared/model-capabilities';
import {
  buildChatBody,
  buildResponsesBody,
  isStreamed,
  NOT_IN_RESPONSES,
} from '../../../shared/request-body';
import { isResponsesAgent } from '../../../shared/tasks';
import type { ChatRequest } from '../types';
import { ChatStreamParser } from './chat-stream';
import { pathSegment } from './path-segment';
import { ResponsesStreamParser } from './responses-stream';
import type { StreamRequest } from './stream-invocation';
import type { WireCall } from './stream-output';
import type { WorkspaceTransport } from './transport';

/*
 * Which request a generation sends: the route and body per API flavor (Databricks or an
 * OpenAI-compatible server) and per wire protocol (Chat Completions, the Responses API, an
 * agent's invocations), and the one fallback each may take. The bodies come from the same
 * builders the UI previews (shared/request-body.ts); only `stream` — true, or false when the
 * parameters turn streaming off — and, for an OpenAI server's stream, `stream_options` are
 * added here, as `withStream` adds them to the preview.
 */

/** Endpoint name → protocol learned from the server's own refusal, for the client's life. */
export type LearnedProtocols = Map<string, WireProtocol>;

const invocations = (endpoint: string) => `/serving-endpoints/${pathSegment(endpoint)}/invocations`;

/** A Chat Completions (or text completions) call; `stream: false` asks for one JSON answer. */
export function chatCall(
  transport: WorkspaceTransport,
  endpoint: string,
  route: 'chat' | 'completions',
  payload: Record<string, unknown>,
  stream = true,
): WireCall {
  const parser: WireCall['parser'] = (out, headerModel) => new ChatStreamParser(out, headerModel);
  if (!transport.openai) return { path: invocations(endpoint), body: { ...payload, stream }, parser };
  // OpenAI servers only send usage in streams when asked to (stream_options.include_usage);
  // a whole answer always carries it.
  const usage = stream ? { stream_options: { include_usage: true } } : {};
  return {
    path: `/${route === 'chat' ? 'chat/completions' : 'completions'}`,
    body: { model: endpoint, ...payload, stream, ...usage },
    parser,
  };
}

/**
 * A Responses API call: `POST /serving-endpoints/responses` naming the endpoint as `model`
 * (`{base}/responses` on an OpenAI server), or, for an agent, its own invocations route
 * with the same body.
 */
export function responsesCall(
  transport: WorkspaceTransport,
  endpoint: string,
  body: Record<string, unknown>,
  agent: boolean,
  stream = true,
): WireCall {
  const ctx = { endpoint, host: transport.host };
  const path = agent
    ? invocations(endpoint)
    : transport.openai
      ? '/responses'
      : '/serving-endpoints/responses';
  return {
    path,
    body: { ...body, stream },
    parser: (out, headerModel) => new ResponsesStreamParser(out, headerModel, ctx),
  };
}

/** A 400 whose message says the endpoint takes only the Responses API ("Use the Responses API"). */
export const namesResponsesApi = (error: StudioError): boolean =>
  error.status === 400 && /responses api/i.test(`${error.serverMessage ?? ''} ${error.message}`);

/**
 * An OpenAI server's 400 that may be about `stream_options` (a too-long prompt won't change),
 * for a call that sent them (a whole answer's does not).
 */
const mayBeStreamOptions = (error: StudioError, call: WireCall): boolean =>
  error.status === 400 && error.code !== 'CONTEXT_TOO_LONG' && 'stream_options' in call.body;

/** Whether the parameters can all be said in the Responses API (else falling back would drop some). */
const fitsResponses = (params: GenerationParams): boolean =>
  NOT_IN_RESPONSES.every((k) => params[k] === undefined || (k === 'stop' && params.stop?.length === 0));

/** The protocol a chat with `endpoint` is sent with: learned, else the listing's, else the model table's. */
export function chatProtocol(request: ChatRequest, learned: LearnedProtocols): WireProtocol {
  const { endpoint, target } = request;
  return (
    learned.get(endpoint) ??
    target?.protocol ??
    capabilitiesFor({ name: endpoint, model: target?.model, task: target?.task }).protocol
  );
}

/** The prompt's size in characters, for the estimate when the server sends no usage. */
const promptChars = (messages: ChatMessage[]) => messages.reduce((n, m) => n + m.content.length, 0);

/**
 * The streamed request for a chat. Chat Completions falls back once, before any token: to the
 * Responses API when the server says the endpoint takes only that (remembered in `learned`
 * for the next turns; not when a parameter the Responses API lacks is set — then the
 * server's refusal stands, and the next turn's validation says which), or, on an OpenAI
 * server, without `stream_options`, which older servers refuse.
 */
export function chatStreamRequest(
  transport: WorkspaceTransport,
  request: ChatRequest,
  learned: LearnedProtocols,
): StreamRequest {
  const { endpoint, messages, params } = request;
  const agent = isResponsesAgent(request.target?.task);
  const stream = isStreamed(params);
  const viaResponses = () =>
    responsesCall(transport, endpoint, buildResponsesBody(endpoint, messages, params), agent, stream);
  const base = {
    endpoint,
    promptChars: promptChars(messages),
    ...(request.retryRateLimited === false ? { retryRateLimited: false } : {}),
  };
  if (agent || chatProtocol(request, learned) === 'responses') return { ...base, call: viaResponses() };
  const call = chatCall(transport, endpoint, 'chat', buildChatBody(messages, params), stream);
  const fallback = (error: StudioError) => {
    if (namesResponsesApi(error)) {
      learned.set(endpoint, 'responses');
      return fitsResponses(params) ? viaResponses() : null;
    }
    return transport.openai && mayBeStreamOptions(error, call) ? withoutStreamOptions(call) : null;
  };
  return { ...base, call, fallback };
}

/** A call without `stream_options`. */
export function withoutStreamOptions(call: WireCall): WireCall {
  const { stream_options: _dropped, ...body } = call.body;
  return { ...call, body };
}

/**
 * The request for a text completion (Chat Completions' older sibling; no fallback but
 * `stream_options`), streamed unless `stream` is false.
 */
export function completionStreamRequest(
  transport: WorkspaceTransport,
  endpoint: string,
  payload: Record<string, unknown>,
  chars: number,
  stream = true,
): StreamRequest {
  const call = chatCall(transport, endpoint, 'completions', payload, stream);
  const fallback = (error: StudioError) =>
    transport.openai && mayBeStreamOptions(error, call) ? withoutStreamOptions(call) : null;
  return { endpoint, call, promptChars: chars, fallback };
}
