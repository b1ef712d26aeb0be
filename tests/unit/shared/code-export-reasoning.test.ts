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
import type { ChatMessage } from '../../../shared/domain';
import { buildChatBody, buildResponsesBody } from '../../../shared/request-body';
import { type SnippetRunner, snippetRunner } from './code-export-fakes';

/*
 * Code export for today's models: chat bodies with `thinking` / `reasoning_effort` and
 * reasoning turns, and Responses API bodies (Responses-only endpoints and agents). Each
 * snippet is run against the fakes and must send exactly the body the app sends.
 */

const TOKEN = 'dapi-secret-must-not-leak';
const HOST = 'https://adb-123.4.azuredatabricks.net';

const history: ChatMessage[] = [
  { role: 'system', content: 'You are helpful.' },
  { role: 'user', content: 'Why is the sky blue? "Quote" \\ and \n newline' },
  {
    role: 'assistant',
    content: 'Rayleigh scattering.',
    reasoning: [
      { id: 'rs_1', summary: [{ type: 'summary_text', text: 'Think: light…', signature: 'SIG==' }] },
    ],
    items: [
      { type: 'function_call', callId: 'c1', name: 'lookup', arguments: '{"q":"sky"}' },
      { type: 'function_call_output', callId: 'c1', output: 'blue' },
    ],
  },
  { role: 'user', content: 'And at sunset?' },
];
const firstTurn = history.slice(0, 2);

const chat = (endpoint: string, body: Record<string, unknown>): CodeRequest => ({
  kind: 'chat',
  host: HOST,
  endpoint,
  body,
});
const responses = (endpoint: string, messages: ChatMessage[], params = {}): CodeRequest => ({
  kind: 'responses',
  host: HOST,
  endpoint,
  body: buildResponsesBody(endpoint, messages, params),
});

const CASES: [string, CodeRequest][] = [
  [
    'Claude with thinking and a reasoning turn',
    chat('databricks-claude-sonnet-4-6', buildChatBody(history, { max_tokens: 4000, thinking_budget: 2048 })),
  ],
  [
    'GPT-OSS with reasoning_effort',
    chat('databricks-gpt-oss-120b', buildChatBody(firstTurn, { reasoning_effort: 'high' })),
  ],
  [
    'Responses, first turn',
    responses('databricks-gpt-5-5', firstTurn, { max_tokens: 800, reasoning_effort: 'low' }),
  ],
  [
    'Responses, with reasoning and tool turns',
    responses('demo-support-agent', history, { temperature: 0.2 }),
  ],
];

let runner: SnippetRunner;
const hasPython = spawnSync('python3', ['--version']).status === 0;
beforeAll(() => {
  runner = snippetRunner(TOKEN);
});
afterAll(() => runner.dispose());

/** What the OpenAI client would send: model, named arguments and extra_body, merged. */
const sentBy = (args: Record<string, unknown>) => {
  const { extra_body, ...named } = args;
  return { ...named, ...(extra_body as object) };
};

describe.each(CASES)('%s', (_name, req) => {
  /** The body an OpenAI client posts: the endpoint as model, then exactly the app's body. */
  const expected = { model: req.endpoint, ...req.body };

  it('curl posts exactly the body to the route of its kind', () => {
    const args = runner.runCurl(curlSnippet(req));
    const route = req.kind === 'responses' ? 'responses' : `${req.endpoint}/invocations`;
    expect(args.slice(0, 3)).toEqual(['-X', 'POST', `${HOST}/serving-endpoints/${route}`]);
    expect(JSON.parse(args[args.indexOf('-d') + 1]!)).toEqual(req.body);
  });

  it.runIf(hasPython)('Python SDK uses get_open_ai_client() and sends the body', () => {
    const { client, kind, args } = runner.run('python3', [], pythonSdkSnippet(req), 'sdk.py') as {
      client: unknown;
      kind: string;
      args: Record<string, unknown>;
    };
    expect(client).toEqual({ workspace: { host: HOST } });
    expect(kind).toBe(req.kind);
    expect(sentBy(args)).toEqual(expected);
  });

  it.runIf(hasPython)('Python OpenAI sends the body, non-standard fields in extra_body', () => {
    const { client, kind, args } = runner.run('python3', [], pythonOpenAiSnippet(req), 'openai.py') as {
      client: unknown;
      kind: string;
      args: Record<string, unknown>;
    };
    expect(client).toEqual({ api_key: TOKEN, base_url: `${HOST}/serving-endpoints` });
    expect(kind).toBe(req.kind);
    expect(sentBy(args)).toEqual(expected);
    const extra = (args.extra_body ?? {}) as Record<string, unknown>;
    // Only what the openai client has no argument for goes through extra_body.
    expect(
      Object.keys(extra).filter((k) => ['reasoning_effort', 'max_output_tokens', 'reasoning'].includes(k)),
    ).toEqual([]);
  });

  it('TypeScript sends the body', () => {
    const { client, kind, args } = runner.runTs(typescriptSnippet(req)) as {
      client: unknown;
      kind: string;
      args: Record<string, unknown>;
    };
    expect(client).toEqual({ apiKey: TOKEN, baseURL: `${HOST}/serving-endpoints` });
    expect(kind).toBe(req.kind);
    expect(args).toEqual(expected);
  });

  it('no snippet contains a token', () => {
    for (const s of codeSnippets(req)) expect(s.code).not.toContain(TOKEN);
  });
});

describe('exact snippets', () => {
  const [, claude] = CASES[0]!;
  const [, gpt55] = CASES[2]!;

  it('Python OpenAI: thinking goes in extra_body; a reasoning turn that called tools is its step, the tool result, the text', () => {
    const code = pythonOpenAiSnippet(claude);
    expect(code).toContain(
      '    max_tokens=4000,\n    extra_body={"thinking": {"type": "enabled", "budget_tokens": 2048}},\n)',
    );
    expect(code).toContain(`        {"role": "assistant", "content": [
            {"type": "reasoning", "summary": [
                {"type": "summary_text", "text": "Think: light…", "signature": "SIG=="},
            ]},
        ], "tool_calls": [
            {"id": "c1", "type": "function", "function": {"name": "lookup", "arguments": "{\\"q\\":\\"sky\\"}"}},
        ]},
        {"role": "tool", "tool_call_id": "c1", "content": "blue"},
        {"role": "assistant", "content": "Rayleigh scattering."},`);
  });

  it('TypeScript: an extended body is built plainly and cast, saying why', () => {
    expect(typescriptSnippet(claude).split('\n').slice(7, 9)).toEqual([
      "// `thinking`, reasoning turns: Databricks extensions the openai types don't describe; sent as written.",
      'const body = {',
    ]);
    expect(typescriptSnippet(claude)).toContain(
      'const response = await client.chat.completions.create(body as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming);',
    );
  });

  it('a Responses body, in all four flavours', () => {
    expect(curlSnippet(gpt55).split('\n')[0]).toBe(`curl -X POST '${HOST}/serving-endpoints/responses' \\`);
    expect(pythonOpenAiSnippet(gpt55)).toBe(`import os

from openai import OpenAI

host = "${HOST}"
client = OpenAI(api_key=os.environ["DATABRICKS_TOKEN"], base_url=f"{host}/serving-endpoints")

response = client.responses.create(
    model="databricks-gpt-5-5",
    input=[
        {"role": "user", "content": [
            {"type": "input_text", "text": "Why is the sky blue? \\"Quote\\" \\\\ and \\n newline"},
        ]},
    ],
    instructions="You are helpful.",
    max_output_tokens=800,
    reasoning={"effort": "low"},
)
print(response.output_text)`);
    expect(pythonSdkSnippet(gpt55)).toContain(
      `w = WorkspaceClient(host="${HOST}")\nclient = w.serving_endpoints.get_open_ai_client()\n\nresponse = client.responses.create(`,
    );
    // Only user turns: the openai types describe the whole body, so no cast.
    expect(typescriptSnippet(gpt55)).toContain(
      'const response = await client.responses.create({\n  model: "databricks-gpt-5-5",',
    );
    expect(typescriptSnippet(gpt55)).toContain('console.log(response.output_text);');
  });

  it('plain chat keeps the SDK query() of the brief', () => {
    const plain = chat(
      'databricks-meta-llama-3-3-70b-instruct',
      buildChatBody(firstTurn, { max_tokens: 10 }),
    );
    expect(pythonSdkSnippet(plain)).toContain('w.serving_endpoints.query(');
    expect(pythonSdkSnippet(plain)).not.toContain('get_open_ai_client');
  });
});
