/*
 * What code export needs to know about a request body (code-export.ts renders it): its input
 * and other fields, which fields the OpenAI clients take by name, which parts the openai
 * TypeScript types don't describe, and why the Databricks SDK's query() can't say it.
 */

/** What to render: the body is exactly what the app sends, minus `stream`. */
export interface CodeRequest {
  /**
   * `chat` and `completions`: Chat Completions bodies (buildChatBody / buildCompletionBody);
   * `responses`: a Responses API body (buildResponsesBody), for Responses-only endpoints and
   * agents, sent to `/serving-endpoints/responses` with the endpoint as `model`.
   */
  kind: 'chat' | 'completions' | 'responses';
  /** Workspace host, e.g. https://adb-1.2.azuredatabricks.net (no trailing slash). */
  host: string;
  endpoint: string;
  body: Record<string, unknown>;
}

/** The body's input key per kind. */
export const INPUT_KEY = { chat: 'messages', completions: 'prompt', responses: 'input' } as const;

/** The body's input (messages, prompt or input items) and everything else, in body order. */
export function splitBody(req: CodeRequest): { input: [string, unknown]; rest: [string, unknown][] } {
  const inputKey = INPUT_KEY[req.kind];
  // A Responses body names the endpoint as `model`; every snippet sets it itself.
  const rest = Object.entries(req.body).filter(
    ([k, v]) => k !== inputKey && k !== 'model' && v !== undefined,
  );
  return { input: [inputKey, req.body[inputKey]], rest };
}

export const messagesOf = (value: unknown): { role: string; content: unknown }[] =>
  Array.isArray(value) ? (value as { role: string; content: unknown }[]) : [];

/** Parameters each OpenAI client method takes by name; anything else is a Databricks extension. */
export const OPENAI_PARAMS: Record<CodeRequest['kind'], ReadonlySet<string>> = {
  chat: new Set([
    'max_tokens',
    'temperature',
    'top_p',
    'n',
    'stop',
    'reasoning_effort',
    'stream',
    'tools',
    'tool_choice',
    'response_format',
  ]),
  completions: new Set(['max_tokens', 'temperature', 'top_p', 'n', 'stop', 'stream']),
  responses: new Set([
    'instructions',
    'max_output_tokens',
    'temperature',
    'top_p',
    'reasoning',
    'stream',
    'tools',
    'tool_choice',
    'text',
  ]),
};

/** Content parts the openai types describe in a chat message (text and images). */
const TYPED_PARTS = new Set(['text', 'image_url']);

/**
 * Whether the input has turns the OpenAI client's types don't describe: a chat message whose
 * content array holds reasoning (an assistant turn that reasoned), or a Responses reasoning item
 * or assistant message (the types want ids and annotations the API doesn't need). Tool calls,
 * tool results and images are in the types.
 */
export function hasReasoningTurns(req: CodeRequest): boolean {
  const items = messagesOf(req.body[INPUT_KEY[req.kind]]);
  if (req.kind === 'chat')
    return items.some(
      (m) =>
        Array.isArray(m.content) &&
        m.content.some((p) => !TYPED_PARTS.has((p as { type?: unknown } | null)?.type as string)),
    );
  if (req.kind === 'responses')
    return items.some((m) => {
      const type = (m as { type?: unknown }).type;
      return type === 'reasoning' || type === 'message' || m.role === 'assistant';
    });
  return false;
}

/**
 * Fields the openai types require that a Responses body leaves out (the API doesn't need them):
 * `strict` on a function tool, `detail` on an input image.
 */
export function missingRequiredFields(req: CodeRequest): string[] {
  if (req.kind !== 'responses') return [];
  const gaps: string[] = [];
  const tools = Array.isArray(req.body.tools) ? (req.body.tools as Record<string, unknown>[]) : [];
  if (tools.some((t) => !('strict' in t))) gaps.push('tools without `strict`');
  const parts = messagesOf(req.body.input).flatMap((m) => (Array.isArray(m.content) ? m.content : []));
  if (parts.some((p) => (p as { type?: unknown } | null)?.type === 'input_image'))
    gaps.push('images without `detail`');
  return gaps;
}

/** Body fields query() can't carry (its `extra_params` is a map of strings), by what they are. */
const SDK_OBJECT_FIELDS: [string, string][] = [
  ['thinking', 'reasoning settings'],
  ['reasoning_effort', 'reasoning settings'],
  ['tools', 'tools'],
  ['tool_choice', 'tools'],
  ['response_format', 'a response format'],
];

/**
 * Why the SDK's query() can't say this body, or null when it can (plain chat messages and
 * completions). Its ChatMessage holds a role (system, user or assistant) and a string, so tool
 * calls, tool results, images and reasoning turns don't fit; tools, response formats and
 * reasoning settings are objects its `extra_params` (a map of strings) can't carry; and it has
 * no Responses API. Those go through the OpenAI client the SDK hands out (`get_open_ai_client()`).
 */
export function sdkQueryRefusal(req: CodeRequest): string | null {
  if (req.kind === 'completions') return null;
  if (req.kind === 'responses') return 'query() has no Responses API';
  const reasons = new Set<string>();
  for (const [key, what] of SDK_OBJECT_FIELDS) if (key in req.body) reasons.add(what);
  const messages = messagesOf(req.body.messages) as Record<string, unknown>[];
  if (messages.some((m) => m.role === 'tool' || 'tool_calls' in m)) reasons.add('tool calls and results');
  const parts = messages.flatMap((m) =>
    Array.isArray(m.content) ? (m.content as { type?: unknown }[]) : [],
  );
  if (parts.some((p) => p?.type === 'image_url')) reasons.add('images');
  if (hasReasoningTurns(req)) reasons.add('reasoning turns');
  return reasons.size === 0
    ? null
    : `query() takes plain text messages and simple parameters; ${[...reasons].join(', ')} don't fit`;
}
