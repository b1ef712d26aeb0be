import { type CodeSnippet, codeSnippets } from '../../../shared/code-export';
import type { ChatMessage, GenerationParams } from '../../../shared/domain';
import type { WireProtocol } from '../../../shared/model-capabilities';
import {
  buildChatBody,
  buildCompletionBody,
  buildResponsesBody,
  withStream,
} from '../../../shared/request-body';

/*
 * What "View request" and "Code" show, computed from the same builders the workspace client
 * sends with (shared/request-body.ts), so the preview is byte-for-byte the request: a Chat
 * Completions body, or for an endpoint that speaks the Responses API (a Responses-only model,
 * an agent) the Responses body and route.
 */

/** The request being previewed. */
export interface PreviewInput {
  kind: 'chat' | 'completions';
  endpoint: string | null;
  /** For chat: exactly the messages the next send carries (system prompt first). */
  messages?: ChatMessage[];
  /** For completions: the raw prompt. */
  prompt?: string;
  params: GenerationParams;
  /** The current workspace's host; null when none is connected. */
  host: string | null;
  /** For chat: the protocol the endpoint speaks (Chat Completions when absent). */
  protocol?: WireProtocol;
  /** For a Responses chat: the endpoint is an agent, called on its own invocations route. */
  agent?: boolean;
}

/** The preview: the URL, the body as sent (with `stream`) and the code snippets. */
export interface RequestPreview {
  method: 'POST';
  url: string;
  /** The body as the client sends it (the builder's body plus `stream`: false when turned off). */
  sentBody: Record<string, unknown>;
  /** `sentBody`, pretty-printed. */
  json: string;
  snippets: CodeSnippet[];
}

/** Shown instead of a missing endpoint or host, so the preview is still readable. */
export const PLACEHOLDER_ENDPOINT = 'your-endpoint-name';
export const PLACEHOLDER_HOST = 'https://your-workspace-host';

const invocationsUrl = (host: string, endpoint: string) =>
  `${host}/serving-endpoints/${encodeURIComponent(endpoint)}/invocations`;

/**
 * The Responses API's route, as the privileged side calls it: the shared
 * `/serving-endpoints/responses` naming the endpoint as `model`, or an agent's own
 * invocations route (which takes the same body).
 */
const responsesUrl = (host: string, endpoint: string, agent: boolean) =>
  agent ? invocationsUrl(host, endpoint) : `${host}/serving-endpoints/responses`;

/** Builds everything the request dialogs show. */
export function requestPreview(input: PreviewInput): RequestPreview {
  const host = input.host || PLACEHOLDER_HOST;
  const endpoint = input.endpoint || PLACEHOLDER_ENDPOINT;
  const responses = input.kind === 'chat' && input.protocol === 'responses';
  const body = responses
    ? buildResponsesBody(endpoint, input.messages ?? [], input.params)
    : input.kind === 'chat'
      ? buildChatBody(input.messages ?? [], input.params)
      : buildCompletionBody(input.prompt ?? '', input.params);
  // Exactly what the workspace client does before sending.
  const sentBody = withStream(body, input.params);
  return {
    method: 'POST',
    url: responses ? responsesUrl(host, endpoint, input.agent === true) : invocationsUrl(host, endpoint),
    sentBody,
    json: JSON.stringify(sentBody, null, 2),
    // The snippets leave streaming out: each prints the whole answer, which is what a
    // copied snippet is for; every other field is the same.
    snippets: codeSnippets({ kind: responses ? 'responses' : input.kind, host, endpoint, body }),
  };
}
