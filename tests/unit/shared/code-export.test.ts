import { spawnSync } from 'node:child_process';
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
import { type SnippetRunner, snippetRunner } from './code-export-fakes';

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

let runner: SnippetRunner;
const hasPython = spawnSync('python3', ['--version']).status === 0;

beforeAll(() => {
  runner = snippetRunner(TOKEN);
});
afterAll(() => runner.dispose());

const run = (command: string, args: string[], code: string, file: string) =>
  runner.run(command, args, code, file);
const runTs = (code: string) => runner.runTs(code);
const runCurl = (code: string) => runner.runCurl(code);

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
    const { client, kind, args } = runTs(typescriptSnippet(req)) as {
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
    const extended = typescriptSnippet(chatReq({ top_k: 5 }));
    expect(extended).toContain("// `top_k`: Databricks extensions the openai types don't describe");
    expect(extended).toContain(
      'await client.chat.completions.create(body as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming);',
    );
    // A body the types describe is passed inline, fully typed.
    expect(typescriptSnippet(chatReq({ max_tokens: 5 }))).toContain('await client.chat.completions.create({');
  });
});
