import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoWorkspace } from '../../../../electron/demo-workspace/server';
import { BGE, COMPLETIONS, GTE, LLAMA_70B, startFast } from './helpers';

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
