import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GenerationSink } from '../../../electron/services/types';
import { createWorkspaceClient } from '../../../electron/services/workspace-client/workspace-client';
import type { ChatMessage, GenerationParams } from '../../../shared/domain';
import {
  buildChatBody,
  buildCompletionBody,
  buildResponsesBody,
  isStreamed,
  keptParams,
  sentParams,
  wireMessage,
  wireMessages,
  wireTool,
  withStream,
} from '../../../shared/request-body';

const messages: ChatMessage[] = [
  { role: 'system', content: 'You are helpful.' },
  { role: 'user', content: 'Hello!' },
];

/** [params, the keys the body must have besides the input] */
const TABLE: [string, GenerationParams, string[]][] = [
  ['nothing set', {}, []],
  ['all undefined', { max_tokens: undefined, temperature: undefined, stop: undefined }, []],
  ['temperature 0 (falsy but set)', { temperature: 0 }, ['temperature']],
  ['max_tokens + temperature', { max_tokens: 500, temperature: 0.7 }, ['max_tokens', 'temperature']],
  ['top_p + top_k', { top_p: 0.9, top_k: 40 }, ['top_p', 'top_k']],
  ['n + stop', { n: 3, stop: ['END', '###'] }, ['n', 'stop']],
  ['empty stop list is unset', { stop: [] }, []],
  [
    'everything',
    { max_tokens: 1, temperature: 2, top_p: 1, top_k: 500, n: 5, stop: ['x'] },
    ['max_tokens', 'temperature', 'top_p', 'top_k', 'n', 'stop'],
  ],
];

describe('buildChatBody / buildCompletionBody', () => {
  it.each(TABLE)('%s → exactly the set keys', (_name, params, keys) => {
    const chat = buildChatBody(messages, params);
    expect(Object.keys(chat)).toEqual(['messages', ...keys]);
    for (const key of keys) expect(chat[key]).toEqual(params[key as keyof GenerationParams]);
    const completion = buildCompletionBody('def f(', params);
    expect(Object.keys(completion)).toEqual(['prompt', ...keys]);
    expect(completion.prompt).toBe('def f(');
  });

  it('never sends penalties, seed, null or anything outside the allowlist', () => {
    const smuggled = {
      temperature: 0.5,
      top_k: null,
      presence_penalty: 1,
      frequency_penalty: 1,
      seed: 7,
      stream: false,
    } as unknown as GenerationParams;
    expect(buildChatBody(messages, smuggled)).toEqual({ messages, temperature: 0.5 });
    expect(sentParams(smuggled)).toEqual({ temperature: 0.5 });
  });

  it('sends messages as {role, content} only and does not share the stop array', () => {
    const extra = [{ role: 'user', content: 'hi', id: 'm1', createdAt: 1 }] as unknown as ChatMessage[];
    const params = { stop: ['###'] };
    const body = buildChatBody(extra, params);
    expect(body.messages).toEqual([{ role: 'user', content: 'hi' }]);
    params.stop.push('END');
    expect(body.stop).toEqual(['###']);
  });

  it('keeps a fixed key order, so the preview is stable whatever order the params were set in', () => {
    const a = JSON.stringify(buildChatBody(messages, { stop: ['a'], temperature: 1, max_tokens: 5 }));
    const b = JSON.stringify(buildChatBody(messages, { max_tokens: 5, temperature: 1, stop: ['a'] }));
    expect(a).toBe(b);
  });
});

describe('withStream', () => {
  it('streams unless the parameters say stream: false, and puts `stream` last', () => {
    const body = buildChatBody(messages, { temperature: 0 });
    expect(withStream(body, {})).toEqual({ messages, temperature: 0, stream: true });
    expect(withStream(body, { stream: true }).stream).toBe(true);
    const off = withStream(body, { stream: false });
    expect(Object.keys(off)).toEqual(['messages', 'temperature', 'stream']);
    expect(off.stream).toBe(false);
    expect([isStreamed({}), isStreamed({ stream: true }), isStreamed({ stream: false })]).toEqual([
      true,
      true,
      false,
    ]);
  });
});

// ------------------------------------------------------------------ what the client sends

let server: Server;
let host: string;
let raw: string[];

beforeEach(async () => {
  raw = [];
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      raw.push(text);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const chunk = { choices: [{ index: 0, delta: { content: 'ok' }, finish_reason: 'stop' }] };
      res.end(`data: ${JSON.stringify(chunk)}\n\ndata: [DONE]\n\n`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const sink: GenerationSink = {
  start: () => {},
  delta: () => {},
  reasoning: () => {},
  item: () => {},
  retry: () => {},
  usage: () => {},
};

/** The table again with streaming turned off, and explicitly on. */
const WITH_STREAM: [string, GenerationParams, string[]][] = [
  ...TABLE,
  ['stream off', { stream: false }, []],
  ['stream off + temperature 0', { temperature: 0, stream: false }, ['temperature']],
  ['stream on (explicit)', { max_tokens: 5, stream: true }, ['max_tokens']],
];

describe('the workspace client sends exactly the previewed body, with `stream`', () => {
  const client = () => createWorkspaceClient({ host, getToken: async () => 'dapi-test' });

  it.each(WITH_STREAM)('chat, %s', async (_name, params) => {
    const endpoint = 'databricks-meta-llama-3-1-70b-instruct';
    await client().streamChat({ endpoint, messages, params }, sink, new AbortController().signal);
    // Byte for byte: the same key order and values as the preview.
    expect(raw[0]).toBe(JSON.stringify(withStream(buildChatBody(messages, params), params)));
    expect(JSON.parse(raw[0]!).stream).toBe(params.stream !== false);
  });

  it.each(WITH_STREAM)('completions, %s', async (_name, params) => {
    const prompt = 'Complete this code:\ndef fibonacci(n):';
    await client().streamCompletion({ endpoint: 'x', prompt, params }, sink, new AbortController().signal);
    expect(raw[0]).toBe(JSON.stringify(withStream(buildCompletionBody(prompt, params), params)));
  });
});

describe('bodies: each rule on its own', () => {
  const keys = (value: unknown) => Object.keys(value as Record<string, unknown>);

  it('sends strict and a description only when the tool has them', () => {
    const bare = wireTool({ name: 'now', parameters: { type: 'object' } }).function;
    expect(keys(bare)).toEqual(['name', 'parameters']);
    const full = wireTool({ name: 'now', description: 'Time.', parameters: {}, strict: false }).function;
    expect(full).toEqual({ name: 'now', description: 'Time.', parameters: {}, strict: false });
  });

  it('sends images only on user turns', () => {
    const image = { url: 'data:image/png;base64,iVBORw0KGgo=' };
    expect(wireMessage({ role: 'assistant', content: 'A cat.', images: [image] } as ChatMessage)).toEqual({
      role: 'assistant',
      content: 'A cat.',
    });
    expect(wireMessage({ role: 'system', content: 'Be brief.', images: [image] } as ChatMessage)).toEqual({
      role: 'system',
      content: 'Be brief.',
    });
  });

  it('sends reasoning only on assistant turns, and no empty text after it', () => {
    const reasoning = [{ summary: [{ type: 'summary_text' as const, text: 'Thinking…' }] }];
    expect(wireMessage({ role: 'user', content: 'Hi', reasoning } as ChatMessage)).toEqual({
      role: 'user',
      content: 'Hi',
    });
    expect(wireMessage({ role: 'assistant', content: '', reasoning })).toEqual({
      role: 'assistant',
      content: [{ type: 'reasoning', summary: [{ type: 'summary_text', text: 'Thinking…' }] }],
    });
  });

  it('never expands the items of a turn that is not the assistant’s', () => {
    const user = {
      role: 'user',
      content: 'Hi',
      items: [{ type: 'function_call', callId: 'c1', name: 'f', arguments: '{}' }],
    } as ChatMessage;
    expect(wireMessages(user)).toEqual([{ role: 'user', content: 'Hi' }]);
  });
});

describe('Responses bodies: each rule on its own', () => {
  it('sends an empty user turn as one empty text part, and an empty assistant turn as nothing', () => {
    const body = buildResponsesBody(
      'ep',
      [
        { role: 'user', content: '' },
        { role: 'assistant', content: '' },
      ],
      {},
    );
    expect(body.input).toEqual([{ role: 'user', content: [{ type: 'input_text', text: '' }] }]);
  });

  it('takes an empty conversation without a system prompt', () => {
    expect(buildResponsesBody('ep', [], {})).toEqual({ model: 'ep', input: [] });
  });

  it('keeps a reasoning item’s id when it has one', () => {
    const body = buildResponsesBody(
      'ep',
      [
        {
          role: 'assistant',
          content: 'Yes.',
          reasoning: [
            { id: 'rs_1', summary: [{ type: 'summary_text', text: 'a' }] },
            { summary: [{ type: 'summary_text', text: 'b' }] },
          ],
        },
      ],
      {},
    );
    expect(body.input).toEqual([
      { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'a' }] },
      { type: 'reasoning', summary: [{ type: 'summary_text', text: 'b' }] },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Yes.' }] },
    ]);
  });

  it('sends the text between tool calls as assistant messages, in order', () => {
    const body = buildResponsesBody(
      'ep',
      [
        {
          role: 'assistant',
          content: '',
          items: [
            { type: 'text', text: 'Let me look.' },
            { type: 'function_call', callId: 'c1', name: 'lookup', arguments: '{}' },
            { type: 'function_call_output', callId: 'c1', output: '42' },
            { type: 'text', text: 'It is 42.' },
          ],
        },
      ],
      {},
    );
    expect(body.input).toEqual([
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Let me look.' }] },
      { type: 'function_call', call_id: 'c1', name: 'lookup', arguments: '{}' },
      { type: 'function_call_output', call_id: 'c1', output: '42' },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'It is 42.' }] },
    ]);
  });

  it('sends temperature, top_p and max_output_tokens when set, and no such key when not', () => {
    const set = buildResponsesBody('ep', [], { temperature: 0, top_p: 0.5, max_tokens: 10 });
    expect(set).toEqual({ model: 'ep', input: [], max_output_tokens: 10, temperature: 0, top_p: 0.5 });
    expect(Object.keys(buildResponsesBody('ep', [], { stop: ['x'] }))).toEqual(['model', 'input']);
  });
});

describe('keptParams', () => {
  it('keeps the Stream switch only when it is off', () => {
    expect(keptParams({ temperature: 1, stream: false })).toEqual({ temperature: 1, stream: false });
    expect(Object.keys(keptParams({ temperature: 1, stream: true }))).toEqual(['temperature']);
  });

  it('keeps the app settings only when they are set', () => {
    expect(Object.keys(keptParams({ temperature: 1 }))).toEqual(['temperature']);
    expect(keptParams({ tool_mock: false, max_tool_steps: 3 })).toEqual({
      tool_mock: false,
      max_tool_steps: 3,
    });
  });
});
