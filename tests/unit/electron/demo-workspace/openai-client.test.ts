import OpenAI from 'openai';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoWorkspace } from '../../../../electron/demo-workspace/server';
import {
  BGE,
  CLAUDE,
  COMPLETIONS,
  GPT_5_5,
  GPT_OSS,
  GTE,
  LLAMA_70B,
  MAVERICK,
  schemaErrors,
  splitContent,
  startFast,
} from './helpers';

let ws: DemoWorkspace;
let client: OpenAI;
beforeAll(async () => {
  ws = await startFast();
  client = new OpenAI({ apiKey: ws.token, baseURL: `${ws.url}/serving-endpoints`, maxRetries: 0 });
});
afterAll(() => ws.close());

describe('the official openai client', () => {
  it('creates a chat completion', async () => {
    const response = await client.chat.completions.create({
      model: LLAMA_70B,
      messages: [{ role: 'user', content: 'Hello!' }],
    });
    expect(response.object).toBe('chat.completion');
    expect(response.model).toBe('meta-llama-3.1-70b-instruct-072424');
    expect(response.choices[0]?.message.content?.length).toBeGreaterThan(0);
    expect(response.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('streams a chat completion', async () => {
    const stream = await client.chat.completions.create({
      model: LLAMA_70B,
      messages: [{ role: 'user', content: 'Explain streaming in one paragraph' }],
      max_tokens: 40,
      stream: true,
    });
    let text = '';
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      usage = chunk.usage ?? usage;
    }
    expect(text.length).toBeGreaterThan(0);
    expect(finish).toBe('length');
    expect(usage?.completion_tokens).toBe(40);
  });

  it('creates a completion', async () => {
    const response = await client.completions.create({
      model: COMPLETIONS,
      prompt: 'def greet(name):',
      max_tokens: 60,
      temperature: 0,
    });
    expect(response.object).toBe('text_completion');
    expect(response.choices[0]?.text).toContain('name');
  });

  it('streams a completion', async () => {
    const stream = await client.completions.create({
      model: COMPLETIONS,
      prompt: 'Once upon a time',
      max_tokens: 15,
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.text ?? '';
    expect(text.length).toBeGreaterThan(0);
  });

  it('creates embeddings (default base64 and explicit float)', async () => {
    const decoded = await client.embeddings.create({ model: BGE, input: ['Hello world', 'How are you?'] });
    expect(decoded.data).toHaveLength(2);
    expect(decoded.data[0]?.embedding).toHaveLength(1024);
    const norm = Math.hypot(...(decoded.data[0]?.embedding ?? []));
    expect(norm).toBeCloseTo(1, 4);
    const floats = await client.embeddings.create({
      model: GTE,
      input: 'Hello world',
      encoding_format: 'float',
    });
    expect(floats.data[0]?.embedding).toHaveLength(1024);
  });

  it('surfaces the Databricks error status', async () => {
    const bad = new OpenAI({ apiKey: 'wrong', baseURL: `${ws.url}/serving-endpoints`, maxRetries: 0 });
    await expect(bad.chat.completions.create({ model: LLAMA_70B, messages: [] })).rejects.toMatchObject({
      status: 403,
    });
  });
});

describe("the official openai client against today's models", () => {
  it('sends thinking as an extra body field and reads the reasoning content array', async () => {
    const params = {
      model: CLAUDE,
      messages: [{ role: 'user' as const, content: 'Explain tides' }],
      max_tokens: 3000,
      thinking: { type: 'enabled', budget_tokens: 2048 },
    };
    const response = await client.chat.completions.create(
      params as OpenAI.ChatCompletionCreateParamsNonStreaming,
    );
    const { reasoning, text, signatures } = splitContent(response.choices[0]?.message.content);
    expect(reasoning.length).toBeGreaterThan(0);
    expect(text).toMatch(/tides/i);
    expect(signatures).toHaveLength(1);
    expect(response.usage?.completion_tokens_details?.reasoning_tokens).toBeGreaterThan(0);
  });

  it('sends reasoning_effort and streams reasoning deltas before text', async () => {
    const stream = await client.chat.completions.create({
      model: GPT_OSS,
      messages: [{ role: 'user', content: 'Explain tides' }],
      reasoning_effort: 'low',
      stream: true,
    });
    const kinds: string[] = [];
    for await (const chunk of stream) {
      const content = chunk.choices[0]?.delta.content as unknown;
      if (Array.isArray(content)) kinds.push(content[0].type);
    }
    expect(kinds[0]).toBe('reasoning');
    expect(kinds.at(-1)).toBe('text');
    expect(kinds.lastIndexOf('reasoning')).toBeLessThan(kinds.indexOf('text'));
  });

  it('creates a response with the Responses API', async () => {
    const response = await client.responses.create({
      model: GPT_5_5,
      input: 'Explain tides',
      reasoning: { effort: 'low' },
    });
    expect(response.status).toBe('completed');
    expect(response.output.map((item) => item.type)).toEqual(['reasoning', 'message']);
    expect(response.output_text).toMatch(/tides/i);
    expect(response.usage?.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);
  });

  it('streams a response as typed events', async () => {
    const stream = await client.responses.create({ model: GPT_OSS, input: 'Explain tides', stream: true });
    const types: string[] = [];
    let text = '';
    let final: OpenAI.Responses.Response | undefined;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') text += event.delta;
      if (event.type === 'response.completed') final = event.response;
    }
    expect(types[0]).toBe('response.created');
    expect(types).toContain('response.reasoning_summary_text.delta');
    expect(types.at(-1)).toBe('response.completed');
    const message = final?.output.find((item) => item.type === 'message');
    expect(
      message?.type === 'message' && message.content[0]?.type === 'output_text' && message.content[0].text,
    ).toBe(text);
  });

  it('surfaces the 400 of Chat Completions on a Responses-only model', async () => {
    await expect(
      client.chat.completions.create({ model: GPT_5_5, messages: [{ role: 'user', content: 'Hi' }] }),
    ).rejects.toMatchObject({ status: 400 });
  });
});

const WEATHER_PARAMS = {
  type: 'object',
  properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
  required: ['city', 'unit'],
  additionalProperties: false,
};
const weatherTool: OpenAI.ChatCompletionTool = {
  type: 'function',
  function: { name: 'get_weather', description: 'Get the weather for a city', parameters: WEATHER_PARAMS },
};

describe('the official openai client with tools, JSON schemas and images', () => {
  it('reads tool calls from a JSON answer and sends the result back', async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Weather in Paris?' }];
    const first = await client.chat.completions.create({ model: CLAUDE, messages, tools: [weatherTool] });
    const choice = first.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    const call = choice?.message.tool_calls?.[0];
    if (call?.type !== 'function') throw new Error('expected a function call');
    expect(schemaErrors(WEATHER_PARAMS, JSON.parse(call.function.arguments))).toEqual([]);
    messages.push(choice?.message as OpenAI.ChatCompletionMessageParam, {
      role: 'tool',
      tool_call_id: call.id,
      content: '{"temperature":21,"conditions":"sunny"}',
    });
    const second = await client.chat.completions.create({ model: CLAUDE, messages, tools: [weatherTool] });
    expect(second.choices[0]?.message.content).toContain('temperature 21 and conditions sunny');
  });

  it("assembles streamed tool calls with the SDK's stream helper", async () => {
    const stream = client.chat.completions.stream({
      model: LLAMA_70B,
      messages: [{ role: 'user', content: 'Weather in Oslo?' }],
      tools: [weatherTool],
    });
    const final = await stream.finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    if (call?.type !== 'function') throw new Error('expected a function call');
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call.id).toMatch(/^call_/);
    expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Oslo', unit: 'celsius' });
  });

  it('never calls with tool_choice none', async () => {
    const response = await client.chat.completions.create({
      model: LLAMA_70B,
      messages: [{ role: 'user', content: 'Weather in Oslo?' }],
      tools: [weatherTool],
      tool_choice: 'none',
    });
    expect(response.choices[0]?.message.tool_calls ?? []).toEqual([]);
  });

  it('answers a JSON schema response format with JSON that validates', async () => {
    const response = await client.chat.completions.create({
      model: GPT_OSS,
      messages: [{ role: 'user', content: 'Weather in Oslo as JSON' }],
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'weather', schema: WEATHER_PARAMS, strict: true },
      },
    });
    const { text } = splitContent(response.choices[0]?.message.content);
    expect(schemaErrors(WEATHER_PARAMS, JSON.parse(text))).toEqual([]);
  });

  it('sends an image and reads its size and colour', async () => {
    const png = new PNG({ width: 12, height: 9 });
    for (let i = 0; i < png.data.length; i += 4) png.data.set([240, 100, 200, 255], i);
    const url = `data:image/png;base64,${PNG.sync.write(png).toString('base64')}`;
    const response = await client.chat.completions.create({
      model: MAVERICK,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url } },
          ],
        },
      ],
    });
    expect(response.choices[0]?.message.content).toBe('Image 1 is 12×9 pixels, mostly pink.');
    await expect(
      client.chat.completions.create({
        model: LLAMA_70B,
        messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url } }] }],
      }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('streams Responses API function calls', async () => {
    const stream = await client.responses.create({
      model: GPT_5_5,
      input: 'Weather in Lima?',
      tools: [{ type: 'function', strict: true, ...weatherTool.function } as OpenAI.Responses.FunctionTool],
      stream: true,
    });
    let args = '';
    let final: OpenAI.Responses.Response | undefined;
    for await (const event of stream) {
      if (event.type === 'response.function_call_arguments.delta') args += event.delta;
      if (event.type === 'response.completed') final = event.response;
    }
    const call = final?.output[0];
    if (call?.type !== 'function_call') throw new Error('expected a function call');
    expect(call.arguments).toBe(args);
    expect(JSON.parse(args)).toEqual({ city: 'Lima', unit: 'celsius' });
  });
});
