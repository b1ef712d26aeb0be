import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoWorkspace } from '../../../../electron/demo-workspace/server';
import { countChatTokens, countTokens } from '../../../../electron/demo-workspace/tokenizer';
import { ask, BGE, COMPLETIONS, DBRX, invocations, json, LLAMA_70B, post, startFast } from './helpers';

let ws: DemoWorkspace;
beforeAll(async () => {
  ws = await startFast();
});
afterAll(() => ws.close());

interface ChatResponse {
  id: string;
  object: string;
  created: number;
  model: string;
  choices: { index: number; message: { role: string; content: string }; finish_reason: string }[];
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

async function chat(body: Record<string, unknown>, endpoint = LLAMA_70B): Promise<ChatResponse> {
  const res = await post(ws, invocations(endpoint), body);
  expect(res.status).toBe(200);
  return (await json(res)) as ChatResponse;
}

describe('chat', () => {
  it('answers in the reference shape with the served model id and header', async () => {
    const res = await post(ws, invocations(LLAMA_70B), ask('Explain vector databases'));
    expect(res.headers.get('served-model-name')).toBe('meta-llama-3.1-70b-instruct-072424');
    const body = (await json(res)) as ChatResponse;
    expect(body.id).toMatch(/^chatcmpl-/);
    expect(body.object).toBe('chat.completion');
    expect(body.model).toBe('meta-llama-3.1-70b-instruct-072424');
    expect(body.created).toBeGreaterThan(1_600_000_000);
    expect(body.choices[0]?.message.role).toBe('assistant');
    expect(body.choices[0]?.finish_reason).toBe('stop');
  });

  it('writes rich markdown about the prompt topic', async () => {
    const text =
      (await chat(ask('Explain vector databases', { temperature: 0 }))).choices[0]?.message.content ?? '';
    expect(text.toLowerCase()).toContain('vector');
    expect(text).toMatch(/^#{1,2} /m);
    expect(text).toMatch(/^### /m);
    expect(text).toMatch(/^- \*\*/m);
    expect(text).toMatch(/^1\. /m);
    expect(text).toMatch(/^\| --- \| --- \| --- \|$/m);
    expect(text).toMatch(/```\w+\n[\s\S]+?\n```/);
    expect(text).toMatch(/[^`]`[^`\n]+`[^`]/);
    expect(text).toMatch(/\[[^\]]+\]\(https?:\/\/[^)]+\)/);
  });

  it('reports usage that matches what was sent and received', async () => {
    const messages = [
      { role: 'system', content: 'You are helpful.' },
      { role: 'user', content: 'Tell me about sourdough bread' },
    ];
    const body = await chat({ messages, temperature: 0 });
    const content = body.choices[0]?.message.content ?? '';
    expect(body.usage.prompt_tokens).toBe(countChatTokens(messages));
    expect(body.usage.completion_tokens).toBe(countTokens(content));
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
  });

  it('is identical at temperature 0 and varies at temperature 1.4', async () => {
    const a = await chat(ask('How do I tune a guitar?', { temperature: 0 }));
    const b = await chat(ask('How do I tune a guitar?', { temperature: 0 }));
    expect(a.choices[0]?.message.content).toBe(b.choices[0]?.message.content);
    const hot = await Promise.all(
      [1, 2, 3].map(() => chat(ask('How do I tune a guitar?', { temperature: 1.4 }))),
    );
    const texts = new Set(hot.map((r) => r.choices[0]?.message.content));
    expect(texts.size).toBe(3);
  });

  it('keeps top_k 1 greedy even at high temperature', async () => {
    const a = await chat(ask('Teach me chess openings', { temperature: 1.5, top_k: 1 }));
    const b = await chat(ask('Teach me chess openings', { temperature: 1.5, top_k: 1 }));
    expect(a.choices[0]?.message.content).toBe(b.choices[0]?.message.content);
  });

  it('cuts at max_tokens with finish_reason length', async () => {
    const body = await chat(ask('Describe the history of Rome', { max_tokens: 20 }));
    expect(body.choices[0]?.finish_reason).toBe('length');
    expect(body.usage.completion_tokens).toBe(20);
  });

  it('answers long enough that max_tokens 500 can cut it', async () => {
    const body = await chat(ask('Write a detailed guide to kubernetes networking', { max_tokens: 500 }));
    expect(body.choices[0]?.finish_reason).toBe('length');
  });

  it('stops before the first stop sequence with finish_reason stop', async () => {
    const full =
      (await chat(ask('Explain photosynthesis', { temperature: 0 }))).choices[0]?.message.content ?? '';
    const cut = await chat(ask('Explain photosynthesis', { temperature: 0, stop: ['###'] }));
    const text = cut.choices[0]?.message.content ?? '';
    expect(cut.choices[0]?.finish_reason).toBe('stop');
    expect(text).not.toContain('###');
    expect(text).toBe(full.slice(0, full.indexOf('###')));
    expect(cut.usage.completion_tokens).toBe(countTokens(text));
  });

  it('returns n distinct choices', async () => {
    const body = await chat(ask('Suggest names for a bakery', { n: 3 }));
    expect(body.choices.map((c) => c.index)).toEqual([0, 1, 2]);
    expect(new Set(body.choices.map((c) => c.message.content)).size).toBe(3);
    const total = body.choices.reduce((sum, c) => sum + countTokens(c.message.content), 0);
    expect(body.usage.completion_tokens).toBe(total);
  });

  it('gives a short, friendly answer to a greeting', async () => {
    const body = await chat(ask('Hello!'));
    expect(body.choices[0]?.message.content).toMatch(/demo/i);
    expect(body.usage.completion_tokens).toBeLessThan(300);
  });
});

describe('completions', () => {
  it('answers prompt on a chat endpoint as text_completion', async () => {
    const res = await post(ws, invocations(DBRX), {
      prompt: 'The best way to learn piano is',
      max_tokens: 30,
    });
    const body = await json(res);
    expect(body.object).toBe('text_completion');
    expect(body.id).toMatch(/^cmpl-/);
    expect(body.model).toBe('dbrx-instruct-032724');
    expect(body.choices[0].text.length).toBeGreaterThan(0);
    expect(body.usage.prompt_tokens).toBe(countTokens('The best way to learn piano is'));
  });

  it('accepts a list of prompts on the completions endpoint', async () => {
    const res = await post(ws, invocations(COMPLETIONS), {
      prompt: ['Once upon a time', 'SELECT'],
      n: 2,
      max_tokens: 10,
    });
    const body = await json(res);
    expect(body.choices.map((c: { index: number }) => c.index)).toEqual([0, 1, 2, 3]);
    expect(body.usage.completion_tokens).toBe(40);
  });

  it('refuses messages on the completions-task endpoint', async () => {
    const res = await post(ws, invocations(COMPLETIONS), ask('hi'));
    expect(res.status).toBe(400);
    expect((await json(res)).message).toContain('llm/v1/completions');
  });
});

describe('OpenAI-compatible routes', () => {
  it('serves chat, completions and embeddings by model name', async () => {
    const chatRes = await post(ws, '/serving-endpoints/chat/completions', {
      model: LLAMA_70B,
      ...ask('Hi there friend'),
    });
    expect((await json(chatRes)).object).toBe('chat.completion');
    const completion = await post(ws, '/serving-endpoints/completions', {
      model: COMPLETIONS,
      prompt: 'x',
      max_tokens: 3,
    });
    expect((await json(completion)).object).toBe('text_completion');
    const embedding = await post(ws, '/serving-endpoints/embeddings', { model: BGE, input: 'hello' });
    expect((await json(embedding)).data[0].embedding).toHaveLength(1024);
  });

  it('requires a known model', async () => {
    const missing = await post(ws, '/serving-endpoints/chat/completions', ask('hi'));
    expect(missing.status).toBe(400);
    expect((await json(missing)).message).toContain('model');
    const unknown = await post(ws, '/serving-endpoints/chat/completions', { model: 'nope', ...ask('hi') });
    expect(unknown.status).toBe(404);
  });

  it('refuses a task the endpoint does not serve', async () => {
    const res = await post(ws, '/serving-endpoints/chat/completions', { model: BGE, ...ask('hi') });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error_code).toBe('BAD_REQUEST');
    expect(body.message).toContain('llm/v1/embeddings');
    const embedChat = await post(ws, '/serving-endpoints/embeddings', { model: LLAMA_70B, input: 'hi' });
    expect(embedChat.status).toBe(400);
  });
});
