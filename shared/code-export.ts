import {
  jsKey,
  jsLiteral,
  liftImages,
  pyLiteral,
  pyString,
  shellQuote,
  withImageRefs,
} from './code-literals';

/*
 * Turns a request body (as built by request-body.ts) into runnable code: curl, Python with
 * the Databricks SDK, Python with the OpenAI client and TypeScript with the `openai` package.
 * The token is always read from the DATABRICKS_TOKEN environment variable, never inlined.
 * Images (base64 data URLs, megabytes each) are lifted into variables at the top — IMAGE_1… —
 * so the body stays legible and each image is written once, however many turns resend it.
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

/** The OpenAI client call of a kind. */
const CREATE = {
  chat: 'client.chat.completions.create',
  completions: 'client.completions.create',
  responses: 'client.responses.create',
} as const;

/** How each kind prints its answer (Python, TypeScript); see `printLines` for tool calls. */
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

/** How the answer is printed: its text, and the tool calls when the body offers tools. */
function printLines(req: CodeRequest, language: 0 | 1): string {
  const text = PRINT[req.kind][language];
  if (!('tools' in req.body)) return text;
  if (req.kind === 'chat')
    return language === 0
      ? 'for choice in response.choices:\n    print(choice.message.content)\n    for call in choice.message.tool_calls or []:\n        print(call.function.name, call.function.arguments)'
      : [
          'for (const choice of response.choices) {',
          '  console.log(choice.message.content);',
          '  for (const call of choice.message.tool_calls ?? [])',
          "    if (call.type === 'function') console.log(call.function.name, call.function.arguments);",
          '}',
        ].join('\n');
  if (req.kind === 'responses')
    return language === 0
      ? `${text}\nfor item in response.output:\n    if item.type == "function_call":\n        print(item.name, item.arguments)`
      : `${text}\nfor (const item of response.output)\n  if (item.type === 'function_call') console.log(item.name, item.arguments);`;
  return text;
}

/** Content parts the openai types describe in a chat message (text and images). */
const TYPED_PARTS = new Set(['text', 'image_url']);

/**
 * Whether the input has turns the OpenAI client's types don't describe: a chat message whose
 * content array holds reasoning (an assistant turn that reasoned), or a Responses reasoning item
 * or assistant message (the types want ids and annotations the API doesn't need). Tool calls,
 * tool results and images are in the types.
 */
function hasReasoningTurns(req: CodeRequest): boolean {
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
function missingRequiredFields(req: CodeRequest): string[] {
  if (req.kind !== 'responses') return [];
  const gaps: string[] = [];
  const tools = Array.isArray(req.body.tools) ? (req.body.tools as Record<string, unknown>[]) : [];
  if (tools.some((t) => !('strict' in t))) gaps.push('tools without `strict`');
  const parts = messagesOf(req.body.input).flatMap((m) => (Array.isArray(m.content) ? m.content : []));
  if (parts.some((p) => (p as { type?: unknown } | null)?.type === 'input_image'))
    gaps.push('images without `detail`');
  return gaps;
}

/** The lines that define the lifted images (`define(name, url)` each), then a blank line; none without images. */
function imageLines(images: [string, string][], comment: string, define: (n: string, u: string) => string) {
  if (images.length === 0) return [];
  return [comment, ...images.map(([name, url]) => define(name, url)), ''];
}

// ------------------------------------------------------------------ snippets

/**
 * Past this many characters a body goes to curl on stdin: Linux caps one command-line
 * argument at 128 KiB, and a long history or one image is more.
 */
const ARGUMENT_SAFE_CHARS = 100_000;

/**
 * curl with the body exactly as sent (pretty-printed), to the route the kind uses. A body with
 * images, or too long for one argument, is piped in by the shell's `printf` (a builtin: no
 * argument limit), the images spliced in from their variables.
 */
export function curlSnippet(req: CodeRequest): string {
  const head = [
    `curl -X POST ${shellQuote(url(req))} \\`,
    `  -H "Authorization: Bearer $DATABRICKS_TOKEN" \\`,
    `  -H 'Content-Type: application/json' \\`,
  ];
  const { body, images } = liftImages(req.body);
  const json = JSON.stringify(body, null, 2);
  if (images.length === 0 && json.length <= ARGUMENT_SAFE_CHARS)
    return [...head, `  -d ${shellQuote(json)}`].join('\n');
  const data = withImageRefs(shellQuote(json), (name) => `"'"$${name}"'"`);
  return [
    ...imageLines(images, '# The images, as sent: base64 data URLs.', (n, u) => `${n}=${shellQuote(u)}`),
    '# The body goes in on stdin: it is too large for a command-line argument.',
    `printf '%s' ${data} | ${head[0]}`,
    ...head.slice(1),
    '  --data-binary @-',
  ].join('\n');
}

/** Keyword arguments WorkspaceClient.serving_endpoints.query() takes directly. */
const SDK_KWARGS = new Set(['max_tokens', 'temperature', 'n', 'stop', 'stream']);

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
function sdkQueryRefusal(req: CodeRequest): string | null {
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

/** The OpenAI client call (Python) with the body's fields: known ones by name, the rest in extra_body. */
function pyOpenAiCall(req: CodeRequest): string[] {
  const { input, rest } = splitBody(req);
  const args = [`    model=${pyString(req.endpoint)},`, `    ${input[0]}=${pyLiteral(input[1], '    ')},`];
  const extra: Record<string, unknown> = {};
  for (const [k, v] of rest) {
    if (OPENAI_PARAMS[req.kind].has(k)) args.push(`    ${k}=${pyLiteral(v, '    ')},`);
    else extra[k] = v;
  }
  // The client rejects unknown keyword arguments; extra_body sends them in the JSON as-is.
  if (Object.keys(extra).length) args.push(`    extra_body=${pyLiteral(extra)},`);
  return [`response = ${CREATE[req.kind]}(`, ...args, ')', printLines(req, 0)];
}

/** Python code with the request's images lifted into variables after `imports`; see the file comment. */
function pythonWithImages(req: CodeRequest, imports: string[], rest: (req: CodeRequest) => string[]): string {
  const { body, images } = liftImages(req.body);
  const code = [
    ...imports,
    '',
    ...imageLines(images, '# The images, as sent: base64 data URLs.', (n, u) => `${n} = ${pyString(u)}`),
    ...rest({ ...req, body }),
  ].join('\n');
  return withImageRefs(code, (name) => name);
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

/** Python with the Databricks SDK: query(), or the OpenAI client it provides (see sdkQueryRefusal). */
export function pythonSdkSnippet(req: CodeRequest): string {
  const refusal = sdkQueryRefusal(req);
  const imports = ['from databricks.sdk import WorkspaceClient'];
  if (refusal === null && req.kind === 'chat')
    imports.push('from databricks.sdk.service.serving import ChatMessage, ChatMessageRole');
  return pythonWithImages(req, imports, (r) => [
    ...(refusal === null ? [] : [`# ${refusal}: this uses the OpenAI client the SDK provides.`]),
    '# The token is read from the DATABRICKS_TOKEN environment variable (or ~/.databrickscfg).',
    `w = WorkspaceClient(host=${pyString(r.host)})`,
    ...(refusal === null ? [] : ['client = w.serving_endpoints.get_open_ai_client()']),
    '',
    ...(refusal === null ? pythonSdkQuery(r) : pyOpenAiCall(r)),
  ]);
}

/** Python with the OpenAI client pointed at the workspace's OpenAI-compatible routes. */
export function pythonOpenAiSnippet(req: CodeRequest): string {
  return pythonWithImages(req, ['import os', '', 'from openai import OpenAI'], (r) => [
    `host = ${pyString(r.host)}`,
    'client = OpenAI(api_key=os.environ["DATABRICKS_TOKEN"], base_url=f"{host}/serving-endpoints")',
    '',
    ...pyOpenAiCall(r),
  ]);
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
 * extensions (`top_k`, `thinking`…) or reasoning turns, or a Responses body without fields the
 * types require (`strict` on tools, `detail` on images), is built as a plain object and cast,
 * with a comment saying which parts the types don't describe. Tools, tool choices, response
 * formats, tool calls and results, and chat images are in the types: no cast for those.
 */
export function typescriptSnippet(req: CodeRequest): string {
  const { body, images } = liftImages(req.body);
  const code = typescriptCode({ ...req, body }, images);
  return withImageRefs(code, (name) => name);
}

function typescriptCode(req: CodeRequest, images: [string, string][]): string {
  const { input, rest } = splitBody(req);
  const props = [
    `  model: ${JSON.stringify(req.endpoint)},`,
    `  ${jsKey(input[0])}: ${jsLiteral(input[1], '  ')},`,
  ];
  for (const [k, v] of rest) props.push(`  ${jsKey(k)}: ${jsLiteral(v)},`);
  const extensions = rest.map(([k]) => k).filter((k) => !OPENAI_PARAMS[req.kind].has(k));
  const turns = hasReasoningTurns(req);
  const gaps = missingRequiredFields(req);
  const client = [
    "import OpenAI from 'openai';",
    '',
    ...imageLines(
      images,
      '// The images, as sent: base64 data URLs.',
      (n, u) => `const ${n} = ${JSON.stringify(u)};`,
    ),
    'const client = new OpenAI({',
    '  apiKey: process.env.DATABRICKS_TOKEN,',
    `  baseURL: ${JSON.stringify(`${req.host}/serving-endpoints`)},`,
    '});',
    '',
  ];
  if (extensions.length === 0 && !turns && gaps.length === 0)
    return [
      ...client,
      `const response = await ${CREATE[req.kind]}({`,
      ...props,
      '});',
      printLines(req, 1),
    ].join('\n');
  const untyped = [...extensions.map((k) => `\`${k}\``), ...(turns ? ['reasoning turns'] : [])];
  return [
    ...client,
    ...(untyped.length
      ? [`// ${untyped.join(', ')}: Databricks extensions the openai types don't describe; sent as written.`]
      : []),
    ...(gaps.length
      ? [`// ${gaps.join(', ')}: the openai types require fields the API doesn't need; sent as written.`]
      : []),
    'const body = {',
    ...props,
    '};',
    `const response = await ${CREATE[req.kind]}(body as unknown as ${TS_PARAMS[req.kind]});`,
    printLines(req, 1),
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
