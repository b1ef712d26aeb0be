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
import type { ChatMessage, GenerationParams } from '../../../shared/domain';
import { buildChatBody, buildResponsesBody } from '../../../shared/request-body';
import { type SnippetRunner, snippetRunner } from './code-export-fakes';

/*
 * Code export with tools, tool choices, response formats, the tool messages of a tool loop and
 * images: each snippet, run against the fakes, must send exactly the body the app sends, with
 * each image written once, as a variable at the top.
 */

const TOKEN = 'dapi-secret-must-not-leak';
const HOST = 'https://adb-123.4.azuredatabricks.net';
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const JPEG = `data:image/jpeg;base64,${'/9j/4AAQSkZJRgABAQ'.repeat(10)}==`;
/** An image too big for one command-line argument (Linux: 128 KiB). */
const BIG = `data:image/png;base64,${'A'.repeat(300_000)}`;

const weather = {
  name: 'get_weather',
  description: 'The weather in a city, "now".',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } },
    required: ['city'],
  },
  mocks: ['{"temp": 21}'],
};
const time = { name: 'get_time', parameters: { type: 'object', properties: {} }, strict: true };

const TOOL_PARAMS: GenerationParams = {
  max_tokens: 800,
  tools: [weather, time],
  tool_choice: 'auto',
  response_format: {
    type: 'json_schema',
    json_schema: {
      name: 'answer',
      schema: { type: 'object', properties: { text: { type: 'string' } } },
      strict: true,
    },
  },
  tool_mock: true,
  max_tool_steps: 3,
};

/** A tool loop: a user turn with two images, an answer that said a word then called two tools in parallel. */
const loop: ChatMessage[] = [
  { role: 'system', content: 'Be brief.' },
  {
    role: 'user',
    content: "What's the weather where these were taken?",
    images: [{ url: PNG }, { url: JPEG }],
  },
  {
    role: 'assistant',
    content: 'Sunny, 21 °C; it is 14:00.',
    items: [
      { type: 'text', text: 'Let me check.' },
      { type: 'function_call', callId: 'call_1', name: 'get_weather', arguments: '{"city":"Zürich"}' },
      { type: 'function_call', callId: 'call_2', name: 'get_time', arguments: '{}' },
      { type: 'function_call_output', callId: 'call_1', output: '{"temp": 21}' },
      { type: 'function_call_output', callId: 'call_2', output: '14:00' },
    ],
  },
  // The same picture again: one variable for both.
  { role: 'user', content: 'And this one?', images: [{ url: PNG }] },
];

const chat = (endpoint: string, messages: ChatMessage[], params: GenerationParams): CodeRequest => ({
  kind: 'chat',
  host: HOST,
  endpoint,
  body: buildChatBody(messages, params),
});
const responses = (endpoint: string, messages: ChatMessage[], params: GenerationParams): CodeRequest => ({
  kind: 'responses',
  host: HOST,
  endpoint,
  body: buildResponsesBody(endpoint, messages, params),
});

const CLAUDE_LOOP = chat('databricks-claude-sonnet-4-6', loop, TOOL_PARAMS);
const GPT_RESPONSES = responses('databricks-gpt-5-5', loop, {
  ...TOOL_PARAMS,
  tool_choice: { type: 'function', function: { name: 'get_weather' } },
});
const CASES: [string, CodeRequest][] = [
  ['chat: tools, tool_choice, response_format, a parallel tool loop and images', CLAUDE_LOOP],
  [
    'chat: tools only, first turn',
    chat('databricks-llama-4-maverick', loop.slice(0, 1).concat({ role: 'user', content: 'Hi' }), {
      tools: [weather],
      tool_choice: 'required',
    }),
  ],
  [
    'chat: one image too big for a command-line argument',
    chat(
      'databricks-llama-4-maverick',
      [{ role: 'user', content: 'What is it?', images: [{ url: BIG }] }],
      {},
    ),
  ],
  ['responses: tools, a named choice, text.format, input images, function calls and outputs', GPT_RESPONSES],
];

let runner: SnippetRunner;
const hasPython = spawnSync('python3', ['--version']).status === 0;
beforeAll(() => {
  runner = snippetRunner(TOKEN);
});
afterAll(() => runner.dispose());

const sentBy = (args: Record<string, unknown>) => {
  const { extra_body, ...named } = args;
  return { ...named, ...(extra_body as object) };
};
const images = (req: CodeRequest) => [
  ...new Set(JSON.stringify(req.body).match(/data:image\/[a-z]+;base64,[A-Za-z0-9+/=]+/g)),
];

describe.each(CASES)('%s', (_name, req) => {
  const expected = { model: req.endpoint, ...req.body };

  it('curl sends exactly the body (on stdin when it holds images)', () => {
    const { args, stdin } = runner.runCurlWithStdin(curlSnippet(req));
    const route = req.kind === 'responses' ? 'responses' : `${req.endpoint}/invocations`;
    expect(args.slice(0, 3)).toEqual(['-X', 'POST', `${HOST}/serving-endpoints/${route}`]);
    expect(args).toContain(`Authorization: Bearer ${TOKEN}`);
    const hasImages = images(req).length > 0;
    expect(stdin !== null).toBe(hasImages);
    const data = hasImages ? stdin! : args[args.indexOf('-d') + 1]!;
    expect(JSON.parse(data)).toEqual(req.body);
  });

  it.runIf(hasPython)('Python SDK sends the body through the OpenAI client it provides, saying why', () => {
    const code = pythonSdkSnippet(req);
    expect(code).toMatch(
      /^# query\(\) takes plain text messages and simple parameters; .+ don't fit: this uses the OpenAI client the SDK provides\.$|^# query\(\) has no Responses API: this uses/m,
    );
    const { kind, args } = runner.run('python3', [], code, 'sdk.py') as {
      kind: string;
      args: Record<string, unknown>;
    };
    expect(kind).toBe(req.kind);
    expect(sentBy(args)).toEqual(expected);
  });

  it.runIf(hasPython)(
    'Python OpenAI sends the body; tools, tool_choice and formats as named arguments',
    () => {
      const { args } = runner.run('python3', [], pythonOpenAiSnippet(req), 'openai.py') as {
        args: Record<string, unknown>;
      };
      expect(sentBy(args)).toEqual(expected);
      for (const key of ['tools', 'tool_choice', 'response_format', 'text'])
        expect(Object.keys((args.extra_body ?? {}) as object)).not.toContain(key);
    },
  );

  it('TypeScript sends the body', () => {
    const { kind, args } = runner.runTs(typescriptSnippet(req)) as {
      kind: string;
      args: Record<string, unknown>;
    };
    expect(kind).toBe(req.kind);
    expect(args).toEqual(expected);
  });

  it('writes each image once, as a variable at the top, and never the app-only fields or a token', () => {
    const urls = images(req);
    for (const s of codeSnippets(req)) {
      expect(s.code).not.toContain(TOKEN);
      expect(s.code).not.toMatch(/mocks|tool_mock|max_tool_steps/);
      urls.forEach((url, k) => {
        expect(s.code.split(url).length - 1, `${s.id} image ${k + 1}`).toBe(1);
        expect(s.code, s.id).toMatch(new RegExp(`^(const )?IMAGE_${k + 1} ?= ?['"]data:image/`, 'm'));
      });
    }
  });
});

describe('exact snippets', () => {
  it('Python OpenAI: the body stays legible, images by name', () => {
    const code = pythonOpenAiSnippet(CLAUDE_LOOP);
    expect(code).toContain(`from openai import OpenAI

# The images, as sent: base64 data URLs.
IMAGE_1 = "${PNG}"
IMAGE_2 = "${JPEG}"

host = "${HOST}"`);
    expect(code).toContain(`        {"role": "user", "content": [
            {"type": "text", "text": "What's the weather where these were taken?"},
            {"type": "image_url", "image_url": {"url": IMAGE_1}},
            {"type": "image_url", "image_url": {"url": IMAGE_2}},
        ]},
        {"role": "assistant", "content": "Let me check.", "tool_calls": [
            {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Zürich\\"}"}},
            {"id": "call_2", "type": "function", "function": {"name": "get_time", "arguments": "{}"}},
        ]},
        {"role": "tool", "tool_call_id": "call_1", "content": "{\\"temp\\": 21}"},
        {"role": "tool", "tool_call_id": "call_2", "content": "14:00"},
        {"role": "assistant", "content": "Sunny, 21 °C; it is 14:00."},`);
    expect(code).toContain('    tool_choice="auto",\n    response_format={"type": "json_schema", ');
    expect(code).toContain('    for call in choice.message.tool_calls or []:');
  });

  it('TypeScript: tools, formats, tool messages and images need no cast in chat', () => {
    const code = typescriptSnippet(CLAUDE_LOOP);
    expect(code).toContain(`import OpenAI from 'openai';

// The images, as sent: base64 data URLs.
const IMAGE_1 = "${PNG}";
const IMAGE_2 = "${JPEG}";

const client = new OpenAI({`);
    expect(code).toContain('const response = await client.chat.completions.create({');
    expect(code).not.toContain(' as unknown as ');
    expect(code).toContain('{ type: "image_url", image_url: { url: IMAGE_1 } }');
  });

  it('TypeScript: a Responses body without strict or detail is cast, saying why', () => {
    const code = typescriptSnippet(GPT_RESPONSES);
    expect(code).toContain(
      "// tools without `strict`, images without `detail`: the openai types require fields the API doesn't need; sent as written.",
    );
    expect(code).toContain('(body as unknown as OpenAI.Responses.ResponseCreateParamsNonStreaming)');
  });

  it('curl splices the images into the body piped from printf', () => {
    const code = curlSnippet(CLAUDE_LOOP);
    expect(
      code.startsWith(`# The images, as sent: base64 data URLs.\nIMAGE_1='${PNG}'\nIMAGE_2='${JPEG}'\n\n`),
    ).toBe(true);
    expect(code).toContain(`"url": "'"$IMAGE_1"'"`);
    expect(code).toMatch(/^printf '%s' '\{$/m);
    expect(code).toMatch(/\}' \| curl -X POST '.+' \\$/m);
    expect(code.endsWith('  --data-binary @-')).toBe(true);
  });

  it('plain chat keeps query() and the one-argument curl', () => {
    const plain = chat('databricks-meta-llama-3-3-70b-instruct', [{ role: 'user', content: 'Hi' }], {
      max_tokens: 5,
    });
    expect(pythonSdkSnippet(plain)).toContain('w.serving_endpoints.query(');
    expect(pythonSdkSnippet(plain)).not.toContain('# query()');
    expect(curlSnippet(plain)).toContain("  -d '{");
  });
});
