import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoWorkspace } from '../../../../electron/demo-workspace/server';
import { BGE, DBRX, invocations, json, LLAMA_70B, post, sseData, startFast } from './helpers';

/** The examples of shared/reference/foundation-model-serving.md, as the Python SDK sends them. */

let ws: DemoWorkspace;
beforeAll(async () => {
  ws = await startFast();
});
afterAll(() => ws.close());

describe("the brief's examples", () => {
  it('chat with system and user messages, max_tokens 500, temperature 0.7', async () => {
    const res = await post(ws, invocations(LLAMA_70B), {
      messages: [
        { role: 'system', content: 'You are a helpful assistant.' },
        { role: 'user', content: 'Explain quantum computing in simple terms.' },
      ],
      max_tokens: 500,
      temperature: 0.7,
    });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.choices[0].message.content).toMatch(/quantum/i);
    expect(body.usage.completion_tokens).toBeLessThanOrEqual(500);
  });

  it('embeddings of ["Hello world", "How are you?"]', async () => {
    const body = await json(await post(ws, invocations(BGE), { input: ['Hello world', 'How are you?'] }));
    expect(body.data[0].embedding).toHaveLength(1024);
    expect(body.data).toHaveLength(2);
  });

  it('streaming through the native invocations route', async () => {
    const res = await post(ws, invocations(LLAMA_70B), {
      messages: [{ role: 'user', content: 'Write a story' }],
      stream: true,
    });
    const lines = (await res.text()).split('\n').filter((line) => line !== '');
    expect(lines.every((line) => line.startsWith('data: '))).toBe(true);
    expect(lines.at(-1)).toBe('data: [DONE]');
    expect(lines.length).toBeGreaterThan(50);
  });

  it('completes the fibonacci prompt with Python at temperature 0', async () => {
    const request = { prompt: 'Complete this code:\ndef fibonacci(n):', max_tokens: 200, temperature: 0.0 };
    const first = await json(await post(ws, invocations(DBRX), request));
    const second = await json(await post(ws, invocations(DBRX), request));
    const text: string = first.choices[0].text;
    expect(text).toBe(second.choices[0].text);
    expect(text).toMatch(/^\n {4}"""/);
    expect(text).toMatch(/return /);
    expect(text).toContain('fib');
    expect(first.usage.completion_tokens).toBeLessThanOrEqual(200);
  });

  it('n=1 with stop ["END", "###"]', async () => {
    const res = await post(ws, invocations(LLAMA_70B), {
      messages: [
        { role: 'system', content: 'You are helpful.' },
        { role: 'user', content: 'Hello!' },
      ],
      max_tokens: 500,
      temperature: 0.7,
      n: 1,
      stop: ['END', '###'],
    });
    const body = await json(res);
    expect(body.choices).toHaveLength(1);
    const text: string = body.choices[0].message.content;
    expect(text).not.toContain('END');
    expect(text).not.toContain('###');
    expect(body.choices[0].finish_reason).toBe('stop');
  });

  it('streams with stop sequences cut before the sequence', async () => {
    const res = await post(ws, invocations(LLAMA_70B), {
      messages: [{ role: 'user', content: 'Explain quantum computing in simple terms.' }],
      stream: true,
      stop: ['END', '###'],
    });
    const text = sseData(await res.text())
      .filter((d) => d !== '[DONE]')
      .map((d) => JSON.parse(d).choices[0]?.delta?.content ?? '')
      .join('');
    expect(text.length).toBeGreaterThan(20);
    expect(text).not.toMatch(/END|###/);
  });
});
