import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CodeRequest,
  codeSnippets,
  curlSnippet,
  pythonOpenAiSnippet,
  pythonSdkSnippet,
  typescriptSnippet,
} from '../../../shared/code-export';
import type { GenerationParams } from '../../../shared/domain';
import { buildChatBody, buildCompletionBody } from '../../../shared/request-body';
import { writeFakes } from './code-export-fakes';

/** Quotes, backslashes, newlines, shell and template metacharacters, unicode, a NUL, a lone surrogate. */
const NASTY = `It's "quoted" \\ back\\slash\\n\nnew line\ttab $HOME \`whoami\` $(id) '' \${x} {x} %s \u2028 é 😀 \u0000 \ud800 end`;
const TOKEN = 'dapi-secret-must-not-leak';
const HOST = 'https://adb-123.4.azuredatabricks.net';
const ENDPOINT = 'databricks-meta-llama-3-1-70b-instruct';

const PARAMS: GenerationParams = {
  max_tokens: 500,
  temperature: 0.7,
  top_p: 0.9,
  top_k: 40,
  n: 2,
  stop: ['END', NASTY],
};

const chatReq = (params: GenerationParams, content = NASTY): CodeRequest => ({
  kind: 'chat',
  host: HOST,
  endpoint: ENDPOINT,
  body: buildChatBody(
    [
      { role: 'system', content: 'You are helpful.' },
      { role: 'user', content },
      { role: 'assistant', content: 'Sure.' },
      { role: 'user', content: 'Again' },
    ],
    params,
  ),
});
const completionReq = (params: GenerationParams): CodeRequest => ({
  kind: 'completions',
  host: HOST,
  endpoint: 'databricks-dbrx-instruct',
  body: buildCompletionBody(`Complete this code:\ndef fibonacci(n):${NASTY}`, params),
});

let fakes: string;
let n = 0;
const hasPython = spawnSync('python3', ['--version']).status === 0;

beforeAll(() => {
  fakes = writeFakes();
});
afterAll(() => rmSync(fakes, { recursive: true, force: true }));

/** Runs a snippet with the fakes and returns what it passed to the (fake) client. */
function run(command: string, args: string[], code: string, file: string): Record<string, unknown> {
  const path = join(fakes, `${++n}-${file}`);
  const capture = join(fakes, `${n}.json`);
  writeFileSync(path, code);
  const result = spawnSync(command, [...args, path], {
    cwd: fakes,
    encoding: 'utf8',
    env: { ...process.env, CAPTURE: capture, DATABRICKS_TOKEN: TOKEN, PYTHONPATH: join(fakes, 'py') },
  });
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}\n${code}`);
  return JSON.parse(readFileSync(capture, 'utf8'));
}

/** bash with `curl` replaced by a function that records its arguments, NUL-separated. */
function runCurl(code: string): string[] {
  const out = join(fakes, `${++n}-curl.args`);
  const script = `curl() { printf '%s\\0' "$@" > ${JSON.stringify(out)}; }\n${code}\n`;
  const result = spawnSync('bash', ['-c', script], {
    encoding: 'utf8',
    env: { ...process.env, DATABRICKS_TOKEN: TOKEN },
  });
  if (result.status !== 0) throw new Error(result.stderr);
  return readFileSync(out, 'utf8').split('\0').slice(0, -1);
}

const paramsOf = (body: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'messages' && k !== 'prompt'));

describe.each([
  ['chat, all params', chatReq(PARAMS)],
  ['chat, nothing set', chatReq({})],
  ['chat, temperature 0 only', chatReq({ temperature: 0 })],
  ['completions, all params', completionReq(PARAMS)],
  ['completions, max_tokens only', completionReq({ max_tokens: 200 })],
])('%s', (_name, req) => {
  it('curl posts exactly the body, with the token from the environment', () => {
    const args = runCurl(curlSnippet(req));
    expect(args.slice(0, 3)).toEqual(['-X', 'POST', `${HOST}/serving-endpoints/${req.endpoint}/invocations`]);
    expect(args).toContain(`Authorization: Bearer ${TOKEN}`);
    expect(JSON.parse(args[args.indexOf('-d') + 1]!)).toEqual(req.body);
  });

  it.runIf(hasPython)('Python SDK queries with every set parameter and nothing else', () => {
    const { client, args } = run('python3', [], pythonSdkSnippet(req), 'sdk.py') as {
      client: unknown;
      args: Record<string, unknown>;
    };
    expect(client).toEqual({ host: HOST });
    const { name, messages, prompt, extra_params, ...direct } = args;
    expect(name).toBe(req.endpoint);
    if (req.kind === 'chat') expect(messages).toEqual(req.body.messages);
    else expect(prompt).toBe(req.body.prompt);
    // top_p/top_k go through extra_params, which the SDK types as a map of strings.
    const extra = Object.fromEntries(
      Object.entries((extra_params ?? {}) as object).map(([k, v]) => [k, Number(v)]),
    );
    expect({ ...direct, ...extra }).toEqual(paramsOf(req.body));
  });

  it.runIf(hasPython)('Python OpenAI sends the body to {host}/serving-endpoints', () => {
    const { client, kind, args } = run('python3', [], pythonOpenAiSnippet(req), 'openai.py') as {
      client: unknown;
      kind: string;
      args: Record<string, unknown>;
    };
    expect(client).toEqual({ api_key: TOKEN, base_url: `${HOST}/serving-endpoints` });
    expect(kind).toBe(req.kind);
    const { model, extra_body, ...rest } = args;
    expect(model).toBe(req.endpoint);
    expect({ ...rest, ...(extra_body as object) }).toEqual(req.body);
  });

  it('TypeScript openai sends the body to {host}/serving-endpoints', () => {
    const { client, kind, args } = run(process.execPath, [], typescriptSnippet(req), 'snippet.mjs') as {
      client: unknown;
      kind: string;
      args: Record<string, unknown>;
    };
    expect(client).toEqual({ apiKey: TOKEN, baseURL: `${HOST}/serving-endpoints` });
    expect(kind).toBe(req.kind);
    const { model, ...rest } = args;
    expect(model).toBe(req.endpoint);
    expect(rest).toEqual(req.body);
  });

  it('no snippet contains a token; each names the endpoint and every set parameter, and nothing unset', () => {
    for (const snippet of codeSnippets(req)) {
      expect(snippet.code).not.toContain(TOKEN);
      expect(snippet.code).not.toMatch(/dapi/);
      expect(snippet.code).toContain('DATABRICKS_TOKEN');
      expect(snippet.code).toContain(req.endpoint);
      for (const key of ['max_tokens', 'temperature', 'top_p', 'top_k', 'n', 'stop']) {
        const pattern = new RegExp(`\\b${key}\\b["']?\\s*[:=]`);
        if (key in req.body) expect(snippet.code, `${snippet.id} ${key}`).toMatch(pattern);
        else expect(snippet.code, `${snippet.id} ${key}`).not.toMatch(pattern);
      }
    }
  });
});

describe('snippet shapes', () => {
  it('has four tabs in order', () => {
    expect(codeSnippets(chatReq({})).map((s) => s.label)).toEqual([
      'curl',
      'Python (SDK)',
      'Python (OpenAI)',
      'TypeScript',
    ]);
  });

  it('Python SDK uses ChatMessage with ChatMessageRole as in the brief', () => {
    const code = pythonSdkSnippet(chatReq({ max_tokens: 500, temperature: 0.7 }, 'Hello!'));
    expect(code).toContain('from databricks.sdk import WorkspaceClient');
    expect(code).toContain('from databricks.sdk.service.serving import ChatMessage, ChatMessageRole');
    expect(code).toContain('w.serving_endpoints.query(');
    expect(code).toContain('ChatMessage(role=ChatMessageRole.USER, content="Hello!")');
    expect(code).toContain('max_tokens=500,');
    expect(code).toContain('temperature=0.7,');
    expect(pythonSdkSnippet(completionReq({}))).toContain('prompt="Complete this code:\\ndef fibonacci(n):');
  });

  it('curl uses the native route and the token variable', () => {
    const code = curlSnippet(chatReq({ max_tokens: 20 }));
    expect(code).toContain(`'${HOST}/serving-endpoints/${ENDPOINT}/invocations'`);
    expect(code).toContain('-H "Authorization: Bearer $DATABRICKS_TOKEN"');
    expect(code).toContain('"max_tokens": 20');
  });

  it('OpenAI clients read the token from the environment', () => {
    const req = chatReq({});
    expect(pythonOpenAiSnippet(req)).toContain(
      'OpenAI(api_key=os.environ["DATABRICKS_TOKEN"], base_url=f"{host}/serving-endpoints")',
    );
    expect(typescriptSnippet(req)).toContain('apiKey: process.env.DATABRICKS_TOKEN');
    expect(typescriptSnippet(chatReq({ top_k: 5 }))).toContain('// @ts-expect-error top_k');
  });
});
