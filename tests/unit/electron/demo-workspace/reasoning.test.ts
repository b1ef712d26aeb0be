import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoWorkspace } from '../../../../electron/demo-workspace/server';
import {
  type AnyJson,
  ask,
  CLAUDE,
  GPT_5_5,
  GPT_OSS,
  invocations,
  json,
  LLAMA_3_3,
  LLAMA_70B,
  post,
  splitContent,
  sseChunks,
  startFast,
} from './helpers';

/** Reasoning on Chat Completions: Claude's `thinking`, GPT OSS `reasoning_effort`, signatures. */

let ws: DemoWorkspace;
beforeAll(async () => {
  ws = await startFast();
});
afterAll(() => ws.close());

const thinking = (budget: number) => ({ thinking: { type: 'enabled', budget_tokens: budget } });
const chat = (endpoint: string, body: Record<string, unknown>) =>
  post(ws, '/serving-endpoints/chat/completions', { model: endpoint, ...body });

async function ok(res: Response) {
  const body = await json(res);
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
}

describe('Claude Sonnet 4.6: hybrid reasoning', () => {
  it('answers plain string content without thinking', async () => {
    const body = await ok(await chat(CLAUDE, ask('Explain tides', { temperature: 0 })));
    expect(typeof body.choices[0].message.content).toBe('string');
    expect(body.model).toBe('claude-sonnet-4-6');
    expect(body.usage.completion_tokens_details).toBeUndefined();
  });

  it('answers a reasoning item then a text item with thinking, reasoning tokens in usage', async () => {
    const body = await ok(await chat(CLAUDE, ask('Explain tides', { ...thinking(2048), max_tokens: 4000 })));
    const content = body.choices[0].message.content;
    expect(content.map((item: { type: string }) => item.type)).toEqual(['reasoning', 'text']);
    expect(content[0].summary).toHaveLength(1);
    expect(content[0].summary[0]).toMatchObject({
      type: 'summary_text',
      text: expect.stringContaining('tides'),
      signature: expect.any(String),
    });
    const { reasoning, text } = splitContent(content);
    const usage = body.usage;
    expect(usage.completion_tokens_details.reasoning_tokens).toBeGreaterThan(0);
    expect(usage.completion_tokens_details.reasoning_tokens).toBeLessThanOrEqual(2048);
    expect(usage.completion_tokens).toBeGreaterThan(usage.completion_tokens_details.reasoning_tokens);
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
    expect(reasoning.length).toBeGreaterThan(0);
    expect(text).toMatch(/tides/i);
  });

  it.each([
    [{ type: 'enabled', budget_tokens: 1023 }, {}, /at least 1024/],
    [{ type: 'enabled', budget_tokens: 2048 }, { max_tokens: 2048 }, /less than max_tokens/],
    [{ type: 'enabled' }, {}, /budget_tokens is required/],
    [{ type: 'adaptive', budget_tokens: 2048 }, {}, /"enabled" or "disabled"/],
    ['on', {}, /must be an object/],
  ])('refuses thinking %j with %j', async (value, extra, message) => {
    const res = await chat(CLAUDE, ask('Hi', { thinking: value, ...extra }));
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error_code).toBe('INVALID_PARAMETER_VALUE');
    expect(body.message).toMatch(message);
  });

  it('accepts thinking disabled, and refuses reasoning_effort and thinking on other models', async () => {
    const off = await ok(await chat(CLAUDE, ask('Hi', { thinking: { type: 'disabled' } })));
    expect(typeof off.choices[0].message.content).toBe('string');
    expect((await json(await chat(CLAUDE, ask('Hi', { reasoning_effort: 'high' })))).message).toMatch(
      /use thinking|thinking:/,
    );
    const llama = await chat(LLAMA_3_3, ask('Hi', thinking(2048)));
    expect(llama.status).toBe(400);
    expect((await json(llama)).message).toContain('not supported');
  });

  it('streams reasoning fragments first, the signature on the last one, then text items', async () => {
    const res = await chat(CLAUDE, ask('Explain tides', { ...thinking(1024), stream: true, temperature: 0 }));
    const chunks = sseChunks(await res.text()) as {
      choices: { delta: { content?: unknown } }[];
      usage?: AnyJson;
    }[];
    const deltas = chunks
      .flatMap((c) => c.choices.map((ch) => ch.delta.content))
      .filter((d) => d !== undefined);
    const kinds = deltas.map((d) => (d as { type: string }[])[0]?.type);
    const firstText = kinds.indexOf('text');
    expect(firstText).toBeGreaterThan(0);
    expect(kinds.slice(0, firstText).every((k) => k === 'reasoning')).toBe(true);
    expect(kinds.slice(firstText).every((k) => k === 'text')).toBe(true);
    const parts = deltas.slice(0, firstText).map((d) => (d as AnyJson)[0].summary[0]);
    expect(parts.every((p) => p.type === 'summary_text')).toBe(true);
    expect(parts.slice(0, -1).every((p) => p.signature === undefined)).toBe(true);
    expect(parts.at(-1).signature).toEqual(expect.any(String));
    const usage = chunks.at(-1)?.usage;
    expect(usage.completion_tokens_details.reasoning_tokens).toBe(firstText);
    expect(usage.completion_tokens).toBe(deltas.length);
    // The stream carries what the JSON answer carries.
    const plain = await ok(await chat(CLAUDE, ask('Explain tides', { ...thinking(1024), temperature: 0 })));
    const streamed = splitContent(deltas.flat());
    const answered = splitContent(plain.choices[0].message.content);
    expect(streamed).toEqual(answered);
  });
});

describe('GPT OSS 120B: reasoning effort', () => {
  const reasoningTokens = async (effort?: string) => {
    const extra = effort ? { reasoning_effort: effort } : {};
    const body = await ok(await chat(GPT_OSS, ask('Compare rivers and lakes', { temperature: 0, ...extra })));
    expect(body.choices[0].message.content[0].type).toBe('reasoning');
    return body.usage.completion_tokens_details.reasoning_tokens as number;
  };

  it('always reasons, at medium effort by default, more at higher effort', async () => {
    const [low, medium, high, implicit] = await Promise.all([
      reasoningTokens('low'),
      reasoningTokens('medium'),
      reasoningTokens('high'),
      reasoningTokens(),
    ]);
    expect(implicit).toBe(medium);
    expect(low).toBeLessThan(medium);
    expect(medium).toBeLessThan(high);
    // Roughly 1×, 3× and 6× a base length.
    expect(medium / low).toBeGreaterThan(2);
    expect(high / low).toBeGreaterThan(4);
  });

  it('refuses an effort it does not list, naming the accepted ones', async () => {
    const res = await chat(GPT_OSS, ask('Hi', { reasoning_effort: 'minimal' }));
    expect(res.status).toBe(400);
    const { message } = await json(res);
    expect(message).toContain('"low", "medium", "high"');
    expect(message).toContain('"minimal"');
  });

  it('ends with finish_reason length and no text when max_tokens runs out while reasoning', async () => {
    const body = await ok(await chat(GPT_OSS, ask('Explain tides', { max_tokens: 10 })));
    const choice = body.choices[0];
    expect(choice.finish_reason).toBe('length');
    expect(choice.message.content).toHaveLength(1);
    expect(choice.message.content[0].type).toBe('reasoning');
    expect(body.usage.completion_tokens).toBe(10);
    expect(body.usage.completion_tokens_details.reasoning_tokens).toBe(10);
  });

  it('applies stop sequences to the answer text, never to the reasoning', async () => {
    const body = await ok(await chat(GPT_OSS, ask('Explain tides', { stop: [' the '], temperature: 0 })));
    const { reasoning, text } = splitContent(body.choices[0].message.content);
    expect(reasoning).toContain(' the ');
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toContain(' the ');
    expect(body.choices[0].finish_reason).toBe('stop');
  });

  it('repeats exactly at temperature 0, reasoning included', async () => {
    const request = ask('Explain how vaccines work', { temperature: 0, reasoning_effort: 'high' });
    const [a, b] = await Promise.all([ok(await chat(GPT_OSS, request)), ok(await chat(GPT_OSS, request))]);
    expect(a.choices[0].message.content).toEqual(b.choices[0].message.content);
  });
});

describe('reasoning in the history', () => {
  const firstTurn = async () => {
    const body = await ok(await chat(CLAUDE, ask('Explain tides', { ...thinking(2048), temperature: 0 })));
    return body.choices[0].message.content as AnyJson[];
  };
  const secondTurn = (assistant: unknown) =>
    chat(CLAUDE, {
      messages: [
        { role: 'user', content: 'Explain tides' },
        { role: 'assistant', content: assistant },
        { role: 'user', content: 'And the moon?' },
      ],
      ...thinking(2048),
    });

  it('accepts reasoning items sent back with their signatures', async () => {
    const content = await firstTurn();
    expect((await secondTurn(content)).status).toBe(200);
  });

  it('accepts streamed fragments sent back as they came (signature on the last one)', async () => {
    const res = await chat(CLAUDE, ask('Explain tides', { ...thinking(1024), stream: true }));
    const deltas = sseChunks(await res.text()).flatMap((c: AnyJson) =>
      c.choices.map((ch: AnyJson) => ch.delta.content),
    );
    const reasoning = deltas.filter((d) => Array.isArray(d) && d[0].type === 'reasoning');
    const summary = reasoning.flatMap((d) => d[0].summary);
    expect(
      (
        await secondTurn([
          { type: 'reasoning', summary },
          { type: 'text', text: 'Tides…' },
        ])
      ).status,
    ).toBe(200);
  });

  it('refuses a reasoning item whose signature is missing or does not match', async () => {
    const content = await firstTurn();
    const part = content[0].summary[0];
    const dropped = [{ type: 'reasoning', summary: [{ type: 'summary_text', text: part.text }] }, content[1]];
    const missing = await secondTurn(dropped);
    expect(missing.status).toBe(400);
    expect((await json(missing)).message).toMatch(/no signature/);
    const edited = [{ type: 'reasoning', summary: [{ ...part, text: `${part.text} (edited)` }] }, content[1]];
    const tampered = await secondTurn(edited);
    expect(tampered.status).toBe(400);
    expect((await json(tampered)).message).toMatch(/invalid signature/i);
    const forged = [{ type: 'reasoning', summary: [{ ...part, signature: 'c2lnbmF0dXJl' }] }, content[1]];
    expect((await secondTurn(forged)).status).toBe(400);
  });

  it('checks signatures on every chat model, and refuses reasoning in a user message', async () => {
    const forged = [{ type: 'reasoning', summary: [{ type: 'summary_text', text: 'x', signature: 'eA==' }] }];
    const res = await post(ws, invocations(LLAMA_70B), {
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: forged },
        { role: 'user', content: 'Again' },
      ],
    });
    expect(res.status).toBe(400);
    const user = await chat(CLAUDE, { messages: [{ role: 'user', content: forged }] });
    expect((await json(user)).message).toMatch(/only valid in assistant messages/);
  });
});

describe('GPT-5.5 is Responses-only', () => {
  it('answers Chat Completions and invocations with messages with a 400 naming the Responses API', async () => {
    for (const res of [
      await chat(GPT_5_5, ask('Hi')),
      await post(ws, invocations(GPT_5_5), ask('Hi')),
      await post(ws, '/serving-endpoints/completions', { model: GPT_5_5, prompt: 'Hi' }),
    ]) {
      expect(res.status).toBe(400);
      const body = await json(res);
      expect(body.error_code).toBe('BAD_REQUEST');
      expect(body.message).toBe(
        'This model only supports the Responses API. Use POST /serving-endpoints/responses.',
      );
    }
  });
});

describe('a fixed reasoning text (benchmarks)', () => {
  it('reasons with exactly `reasoningText`, then answers, and goes back to generated reasoning on null', async () => {
    ws.configure({ reasoningText: 'First **plan** the answer, then check it.', responseText: 'The answer.' });
    try {
      const body = await ok(await chat(GPT_OSS, ask('Hi')));
      expect(splitContent(body.choices[0].message.content)).toMatchObject({
        reasoning: 'First **plan** the answer, then check it.',
        text: 'The answer.',
      });
    } finally {
      ws.configure({ reasoningText: null, responseText: null });
    }
    const body = await ok(await chat(GPT_OSS, ask('Hi')));
    expect(splitContent(body.choices[0].message.content).reasoning).not.toContain('First **plan**');
  });
});
