import {
  type CodeRequest,
  hasReasoningTurns,
  messagesOf,
  missingRequiredFields,
  OPENAI_PARAMS,
  sdkQueryRefusal,
  splitBody,
} from './code-export-body';
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

export type { CodeRequest } from './code-export-body';
export { jsLiteral, pyLiteral, pyString, shellQuote } from './code-literals';

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

const url = (req: CodeRequest) =>
  req.kind === 'responses'
    ? `${req.host}/serving-endpoints/responses`
    : `${req.host}/serving-endpoints/${encodeURIComponent(req.endpoint)}/invocations`;

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
