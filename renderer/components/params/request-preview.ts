import { type CodeSnippet, codeSnippets } from '../../../shared/code-export';
import type { ChatMessage, GenerationParams } from '../../../shared/domain';
import { buildChatBody, buildCompletionBody, withStream } from '../../../shared/request-body';

/*
 * What "View request" and "Code" show, computed from the same builders the workspace client
 * sends with (shared/request-body.ts), so the preview is byte-for-byte the request.
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

/** Builds everything the request dialogs show. */
export function requestPreview(input: PreviewInput): RequestPreview {
  const host = input.host || PLACEHOLDER_HOST;
  const endpoint = input.endpoint || PLACEHOLDER_ENDPOINT;
  const body =
    input.kind === 'chat'
      ? buildChatBody(input.messages ?? [], input.params)
      : buildCompletionBody(input.prompt ?? '', input.params);
  // Exactly what the workspace client does before sending.
  const sentBody = withStream(body, input.params);
  return {
    method: 'POST',
    url: `${host}/serving-endpoints/${encodeURIComponent(endpoint)}/invocations`,
    sentBody,
    json: JSON.stringify(sentBody, null, 2),
    // The snippets leave streaming out: each prints the whole answer, which is what a
    // copied snippet is for; every other field is the same.
    snippets: codeSnippets({ kind: input.kind, host, endpoint, body }),
  };
}
