import { jsKey, jsLiteral, pyLiteral, pyString, shellQuote } from './code-literals';

/*
 * Turns a request body (as built by request-body.ts) into runnable code: curl, Python with
 * the Databricks SDK, Python with the OpenAI client and TypeScript with the `openai` package.
 * The token is always read from the DATABRICKS_TOKEN environment variable, never inlined.
 * Written by hand because no library renders one request body into these four idioms; every
 * string is escaped for its language (code-literals.ts).
 */

export { jsLiteral, pyLiteral, pyString, shellQuote } from './code-literals';

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

export type SnippetId = 'curl' | 'python-sdk' | 'python-openai' | 'typescript';

/** One runnable snippet. */
export interface CodeSnippet {
  id: SnippetId;
  /** Tab label. */
  label: string;
  /** Language name for highlighting. */
  language: 'bash' | 'python' | 'typescript';
  code: string;
}

// ------------------------------------------------------------------ helpers

/** The body's input key per kind. */
const INPUT_KEY = { chat: 'messages', completions: 'prompt', responses: 'input' } as const;

/** The body's input (messages, prompt or input items) and everything else, in body order. */
function splitBody(req: CodeRequest): { input: [string, unknown]; rest: [string, unknown][] } {
  const inputKey = INPUT_KEY[req.kind];
  // A Responses body names the endpoint as `model`; every snippet sets it itself.
  const rest = Object.entries(req.body).filter(
    ([k, v]) => k !== inputKey && k !== 'model' && v !== undefined,
  );
  return { input: [inputKey, req.body[inputKey]], rest };
}

const url = (req: CodeRequest) =>
  req.kind === 'responses'
    ? `${req.host}/serving-endpoints/responses`
    : `${req.host}/serving-endpoints/${encodeURIComponent(req.endpoint)}/invocations`;

const messagesOf = (value: unknown): { role: string; content: unknown }[] =>
  Array.isArray(value) ? (value as { role: string; content: unknown }[]) : [];

/** Parameters each OpenAI client method takes by name; anything else is a Databricks extension. */
const OPENAI_PARAMS: Record<CodeRequest['kind'], ReadonlySet<string>> = {
  chat: new Set(['max_tokens', 'temperature', 'top_p', 'n', 'stop', 'reasoning_effort', 'stream']),
  completions: new Set(['max_tokens', 'temperature', 'top_p', 'n', 'stop', 'stream']),
  responses: new Set(['instructions', 'max_output_tokens', 'temperature', 'top_p', 'reasoning', 'stream']),
};

/** The OpenAI client call of a kind. */
const CREATE = {
  chat: 'client.chat.completions.create',
  completions: 'client.completions.create',
  responses: 'client.responses.create',
} as const;

/** How each kind prints its answer (Python, TypeScript). */
const PRINT = {
  chat: [
    'for choice in response.choices:\n    print(choice.message.content)',
    'for (const choice of response.choices) console.log(choice.message.content);',
  ],
  completions: [
    'for choice in response.choices:\n    print(choice.text)',
    'for (const choice of response.choices) console.log(choice.text);',
  ],
  responses: ['print(response.output_text)', 'console.log(response.output_text);'],
} as const;

/**
 * Whether the input has turns the OpenAI client's types don't describe: a chat message whose
 * content is an array (an assistant turn with its reasoning), or a Responses reasoning item or
 * assistant message (the types want ids and annotations the API doesn't need).
 */
function hasReasoningTurns(req: CodeRequest): boolean {
  const items = messagesOf(req.body[INPUT_KEY[req.kind]]);
  if (req.kind === 'chat') return items.some((m) => typeof m.content !== 'string');
  if (req.kind === 'responses')
    return items.some((m) => {
      const type = (m as { type?: unknown }).type;
      return type === 'reasoning' || type === 'message' || m.role === 'assistant';
    });
  return false;
}

// ------------------------------------------------------------------ snippets

/** curl with the body exactly as sent (pretty-printed), to the route the kind uses. */
export function curlSnippet(req: CodeRequest): string {
  return [
    `curl -X POST ${shellQuote(url(req))} \\`,
    `  -H "Authorization: Bearer $DATABRICKS_TOKEN" \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d ${shellQuote(JSON.stringify(req.body, null, 2))}`,
  ].join('\n');
}

/** Keyword arguments WorkspaceClient.serving_endpoints.query() takes directly. */
const SDK_KWARGS = new Set(['max_tokens', 'temperature', 'n', 'stop', 'stream']);

/**
 * Whether the SDK's query() can say this body: plain chat messages and completions only.
 * Reasoning settings are objects (query's `extra_params` is a map of strings) and reasoning
 * turns are content arrays (its ChatMessage holds a string), so those go through the OpenAI
 * client the SDK hands out (`get_open_ai_client()`), as does the Responses API.
 */
const sdkQueryFits = (req: CodeRequest): boolean =>
  req.kind === 'completions' ||
  (req.kind === 'chat' &&
    !hasReasoningTurns(req) &&
    !('thinking' in req.body) &&
    !('reasoning_effort' in req.body));

/** The OpenAI client call (Python) with the body's fields: known ones by name, the rest in extra_body. */
function pyOpenAiCall(req: CodeRequest): string[] {
  const { input, rest } = splitBody(req);
  const args = [`    model=${pyString(req.endpoint)},`, `    ${input[0]}=${pyLiteral(input[1], '    ')},`];
  const extra: Record<string, unknown> = {};
  for (const [k, v] of rest) {
    if (OPENAI_PARAMS[req.kind].has(k)) args.push(`    ${k}=${pyLiteral(v)},`);
    else extra[k] = v;
  }
  // The client rejects unknown keyword arguments; extra_body sends them in the JSON as-is.
  if (Object.keys(extra).length) args.push(`    extra_body=${pyLiteral(extra)},`);
  return [`response = ${CREATE[req.kind]}(`, ...args, ')', PRINT[req.kind][0]];
}

/** query() of the Databricks SDK, as in the product brief, for plain chat and completions. */
function pythonSdkQuery(req: CodeRequest): string[] {
  const { input, rest } = splitBody(req);
  const args = [`    name=${pyString(req.endpoint)},`];
  if (req.kind === 'chat') {
    const msgs = messagesOf(input[1]).map(
      (m) =>
        `        ChatMessage(role=ChatMessageRole.${m.role.toUpperCase()}, content=${pyString(String(m.content))}),`,
    );
    args.push(msgs.length ? `    messages=[\n${msgs.join('\n')}\n    ],` : '    messages=[],');
  } else args.push(`    prompt=${pyLiteral(input[1])},`);
  // query() has no top_p/top_k arguments; the SDK forwards others through `extra_params`, a map of strings.
  const extra: Record<string, string> = {};
  for (const [k, v] of rest) {
    if (SDK_KWARGS.has(k)) args.push(`    ${k}=${pyLiteral(v)},`);
    else extra[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  if (Object.keys(extra).length) args.push(`    extra_params=${pyLiteral(extra)},`);
  return ['response = w.serving_endpoints.query(', ...args, ')', PRINT[req.kind][0]];
}

/** Python with the Databricks SDK: query(), or the OpenAI client it provides (see sdkQueryFits). */
export function pythonSdkSnippet(req: CodeRequest): string {
  const query = sdkQueryFits(req);
  const imports = ['from databricks.sdk import WorkspaceClient'];
  if (query && req.kind === 'chat')
    imports.push('from databricks.sdk.service.serving import ChatMessage, ChatMessageRole');
  return [
    ...imports,
    '',
    '# The token is read from the DATABRICKS_TOKEN environment variable (or ~/.databrickscfg).',
    `w = WorkspaceClient(host=${pyString(req.host)})`,
    ...(query ? [] : ['client = w.serving_endpoints.get_open_ai_client()']),
    '',
    ...(query ? pythonSdkQuery(req) : pyOpenAiCall(req)),
  ].join('\n');
}

/** Python with the OpenAI client pointed at the workspace's OpenAI-compatible routes. */
export function pythonOpenAiSnippet(req: CodeRequest): string {
  return [
    'import os',
    '',
    'from openai import OpenAI',
    '',
    `host = ${pyString(req.host)}`,
    'client = OpenAI(api_key=os.environ["DATABRICKS_TOKEN"], base_url=f"{host}/serving-endpoints")',
    '',
    ...pyOpenAiCall(req),
  ].join('\n');
}

/** The params type the TypeScript snippet casts an extended body to. */
const TS_PARAMS = {
  chat: 'OpenAI.ChatCompletionCreateParamsNonStreaming',
  completions: 'OpenAI.CompletionCreateParamsNonStreaming',
  responses: 'OpenAI.Responses.ResponseCreateParamsNonStreaming',
} as const;

/**
 * TypeScript with the `openai` package (runs as an ES module: top-level await). The package
 * sends any field as given, but its types only know OpenAI's: a body with Databricks
 * extensions (`top_k`, `thinking`…) or reasoning turns is built as a plain object and cast,
 * with a comment saying which parts the types don't describe.
 */
export function typescriptSnippet(req: CodeRequest): string {
  const { input, rest } = splitBody(req);
  const props = [
    `  model: ${JSON.stringify(req.endpoint)},`,
    `  ${jsKey(input[0])}: ${jsLiteral(input[1], '  ')},`,
  ];
  for (const [k, v] of rest) props.push(`  ${jsKey(k)}: ${jsLiteral(v)},`);
  const extensions = rest.map(([k]) => k).filter((k) => !OPENAI_PARAMS[req.kind].has(k));
  const turns = hasReasoningTurns(req);
  const client = [
    "import OpenAI from 'openai';",
    '',
    'const client = new OpenAI({',
    '  apiKey: process.env.DATABRICKS_TOKEN,',
    `  baseURL: ${JSON.stringify(`${req.host}/serving-endpoints`)},`,
    '});',
    '',
  ];
  if (extensions.length === 0 && !turns)
    return [
      ...client,
      `const response = await ${CREATE[req.kind]}({`,
      ...props,
      '});',
      PRINT[req.kind][1],
    ].join('\n');
  const untyped = [...extensions.map((k) => `\`${k}\``), ...(turns ? ['reasoning turns'] : [])];
  return [
    ...client,
    `// ${untyped.join(', ')}: Databricks extensions the openai types don't describe; sent as written.`,
    'const body = {',
    ...props,
    '};',
    `const response = await ${CREATE[req.kind]}(body as unknown as ${TS_PARAMS[req.kind]});`,
    PRINT[req.kind][1],
  ].join('\n');
}

/** All four snippets, in tab order. */
export function codeSnippets(req: CodeRequest): CodeSnippet[] {
  return [
    { id: 'curl', label: 'curl', language: 'bash', code: curlSnippet(req) },
    { id: 'python-sdk', label: 'Python (SDK)', language: 'python', code: pythonSdkSnippet(req) },
    { id: 'python-openai', label: 'Python (OpenAI)', language: 'python', code: pythonOpenAiSnippet(req) },
    { id: 'typescript', label: 'TypeScript', language: 'typescript', code: typescriptSnippet(req) },
  ];
}
