/*
 * Turns a request body (as built by request-body.ts) into runnable code: curl, Python with
 * the Databricks SDK, Python with the OpenAI client and TypeScript with the `openai` package.
 * The token is always read from the DATABRICKS_TOKEN environment variable, never inlined.
 * Written by hand because no library renders one request body into these four idioms; every
 * string is escaped for its language (see the literal helpers below).
 */

/** What to render: the body is exactly what the app sends, minus `stream`. */
export interface CodeRequest {
  kind: 'chat' | 'completions';
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

// ------------------------------------------------------------------ literals

/** A POSIX shell single-quoted word: nothing inside is interpreted; `'` is closed, escaped, reopened. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * A Python str literal. JSON string syntax is a subset of Python's (\" \\ \n \t \uXXXX), and
 * JSON.stringify escapes every control character, so it is exact; non-ASCII stays readable
 * (Python 3 source is UTF-8).
 */
export function pyString(text: string): string {
  return JSON.stringify(text);
}

/** A Python literal for a JSON value (strings, numbers, booleans, null, lists, dicts). */
export function pyLiteral(value: unknown, indent = ''): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'None';
  if (typeof value === 'string') return pyString(value);
  const inner = `${indent}    `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => typeof v !== 'object' || v === null))
      return `[${value.map((v) => pyLiteral(v)).join(', ')}]`;
    return `[\n${value.map((v) => `${inner}${pyLiteral(v, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{${entries.map(([k, v]) => `${pyString(k)}: ${pyLiteral(v, indent)}`).join(', ')}}`;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A JavaScript/TypeScript literal: JSON with identifier keys unquoted. JSON strings are valid
 * JS strings (U+2028/2029 are legal in string literals since ES2019).
 */
export function jsLiteral(value: unknown, indent = ''): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => typeof v !== 'object' || v === null))
      return `[${value.map((v) => jsLiteral(v)).join(', ')}]`;
    return `[\n${value.map((v) => `${inner}${jsLiteral(v, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  const key = (k: string) => (IDENTIFIER.test(k) ? k : JSON.stringify(k));
  return `{ ${entries.map(([k, v]) => `${key(k)}: ${jsLiteral(v, indent)}`).join(', ')} }`;
}

// ------------------------------------------------------------------ helpers

/** The body's input (messages or prompt) and everything else, in body order. */
function splitBody(req: CodeRequest): { input: [string, unknown]; rest: [string, unknown][] } {
  const inputKey = req.kind === 'chat' ? 'messages' : 'prompt';
  const rest = Object.entries(req.body).filter(([k, v]) => k !== inputKey && v !== undefined);
  return { input: [inputKey, req.body[inputKey]], rest };
}

const invocationsUrl = (req: CodeRequest) =>
  `${req.host}/serving-endpoints/${encodeURIComponent(req.endpoint)}/invocations`;

const messagesOf = (value: unknown): { role: string; content: string }[] =>
  Array.isArray(value) ? (value as { role: string; content: string }[]) : [];

// ------------------------------------------------------------------ snippets

/** curl against the native invocations route, with the body exactly as sent (pretty-printed). */
export function curlSnippet(req: CodeRequest): string {
  return [
    `curl -X POST ${shellQuote(invocationsUrl(req))} \\`,
    `  -H "Authorization: Bearer $DATABRICKS_TOKEN" \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d ${shellQuote(JSON.stringify(req.body, null, 2))}`,
  ].join('\n');
}

/** Keyword arguments WorkspaceClient.serving_endpoints.query() takes directly. */
const SDK_KWARGS = new Set(['max_tokens', 'temperature', 'n', 'stop', 'stream']);

/**
 * Python with the Databricks SDK, as in the product brief. `query()` has no top_p/top_k
 * arguments; the SDK forwards others through `extra_params`, a map of strings.
 */
export function pythonSdkSnippet(req: CodeRequest): string {
  const { input, rest } = splitBody(req);
  const args = [`    name=${pyString(req.endpoint)},`];
  if (req.kind === 'chat') {
    const msgs = messagesOf(input[1]).map(
      (m) =>
        `        ChatMessage(role=ChatMessageRole.${m.role.toUpperCase()}, content=${pyString(m.content)}),`,
    );
    args.push(msgs.length ? `    messages=[\n${msgs.join('\n')}\n    ],` : '    messages=[],');
  } else args.push(`    prompt=${pyLiteral(input[1])},`);
  const extra: Record<string, string> = {};
  for (const [k, v] of rest) {
    if (SDK_KWARGS.has(k)) args.push(`    ${k}=${pyLiteral(v)},`);
    else extra[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  if (Object.keys(extra).length) args.push(`    extra_params=${pyLiteral(extra)},`);
  const imports = ['from databricks.sdk import WorkspaceClient'];
  if (req.kind === 'chat')
    imports.push('from databricks.sdk.service.serving import ChatMessage, ChatMessageRole');
  const print = req.kind === 'chat' ? 'choice.message.content' : 'choice.text';
  return [
    ...imports,
    '',
    '# The token is read from the DATABRICKS_TOKEN environment variable (or ~/.databrickscfg).',
    `w = WorkspaceClient(host=${pyString(req.host)})`,
    '',
    'response = w.serving_endpoints.query(',
    ...args,
    ')',
    'for choice in response.choices:',
    `    print(${print})`,
  ].join('\n');
}

/** Parameters the OpenAI clients know; anything else is a Databricks extension. */
const OPENAI_PARAMS = new Set(['max_tokens', 'temperature', 'top_p', 'n', 'stop', 'stream']);

/** Python with the OpenAI client pointed at the workspace's OpenAI-compatible routes. */
export function pythonOpenAiSnippet(req: CodeRequest): string {
  const { input, rest } = splitBody(req);
  const args = [`    model=${pyString(req.endpoint)},`, `    ${input[0]}=${pyLiteral(input[1], '    ')},`];
  const extra: Record<string, unknown> = {};
  for (const [k, v] of rest) {
    if (OPENAI_PARAMS.has(k)) args.push(`    ${k}=${pyLiteral(v)},`);
    else extra[k] = v;
  }
  // The client rejects unknown keyword arguments; extra_body sends them in the JSON as-is.
  if (Object.keys(extra).length) args.push(`    extra_body=${pyLiteral(extra)},`);
  const create = req.kind === 'chat' ? 'client.chat.completions.create' : 'client.completions.create';
  const print = req.kind === 'chat' ? 'choice.message.content' : 'choice.text';
  return [
    'import os',
    '',
    'from openai import OpenAI',
    '',
    `host = ${pyString(req.host)}`,
    'client = OpenAI(api_key=os.environ["DATABRICKS_TOKEN"], base_url=f"{host}/serving-endpoints")',
    '',
    `response = ${create}(`,
    ...args,
    ')',
    'for choice in response.choices:',
    `    print(${print})`,
  ].join('\n');
}

/** TypeScript with the `openai` package (runs as an ES module: top-level await). */
export function typescriptSnippet(req: CodeRequest): string {
  const { input, rest } = splitBody(req);
  const props = [`  model: ${JSON.stringify(req.endpoint)},`, `  ${input[0]}: ${jsLiteral(input[1], '  ')},`];
  for (const [k, v] of rest) {
    // The openai package sends unknown params as-is; its types need telling (its README's advice).
    if (!OPENAI_PARAMS.has(k)) props.push(`  // @ts-expect-error ${k} is a Databricks extension`);
    props.push(`  ${IDENTIFIER.test(k) ? k : JSON.stringify(k)}: ${jsLiteral(v)},`);
  }
  const create = req.kind === 'chat' ? 'client.chat.completions.create' : 'client.completions.create';
  const print = req.kind === 'chat' ? 'choice.message.content' : 'choice.text';
  return [
    "import OpenAI from 'openai';",
    '',
    'const client = new OpenAI({',
    '  apiKey: process.env.DATABRICKS_TOKEN,',
    `  baseURL: ${JSON.stringify(`${req.host}/serving-endpoints`)},`,
    '});',
    '',
    `const response = await ${create}({`,
    ...props,
    '});',
    `for (const choice of response.choices) console.log(${print});`,
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
