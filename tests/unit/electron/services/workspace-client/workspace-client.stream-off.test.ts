import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoWorkspace, startDemoWorkspace } from '../../../../../electron/demo-workspace/server';
import type { ChatRequest, GenerationOutcome } from '../../../../../electron/services/types';
import { createWorkspaceClient } from '../../../../../electron/services/workspace-client/workspace-client';
import type { GenerationParams } from '../../../../../shared/domain';
import { recordingSink } from './recorded-streams';

/*
 * Streaming off (`stream: false`) against the real demo workspace: one JSON answer, read by the
 * same parsers, must give the sink the same output as the stream of the same (temperature 0)
 * answer — text, reasoning, tool items, usage, finish reasons — in one go.
 */

let demo: DemoWorkspace;

beforeAll(async () => {
  demo = await startDemoWorkspace({ port: 0, ttftMs: 5, tokensPerSec: 5000 });
});

afterAll(async () => {
  await demo.close();
});

const client = () =>
  createWorkspaceClient({ host: demo.url, getToken: async () => demo.token }, { sleep: async () => {} });

type Call = unknown[];

/** Strips what differs between two requests for the same answer: random item ids. */
function withoutIds(value: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, itemId: _itemId, callId: _callId, ...rest } = value;
  return rest;
}

/**
 * What the sink was given, independent of how it was cut into pieces: the kinds in order
 * (repeats collapsed), the model, the text and reasoning per choice, the items, the last usage.
 */
function summary(calls: Call[]) {
  const kinds: string[] = [];
  const text = new Map<number, string>();
  const reasoning = new Map<string, { text: string; signature?: string; encrypted?: string }>();
  const items: unknown[] = [];
  let usage: unknown = null;
  let model: unknown;
  for (const [kind, a, b] of calls) {
    if (kinds.at(-1) !== kind) kinds.push(kind as string);
    if (kind === 'start') model = a;
    if (kind === 'delta') text.set(a as number, (text.get(a as number) ?? '') + (b as string));
    if (kind === 'item') items.push(withoutIds(b as Record<string, unknown>));
    if (kind === 'usage') usage = a;
    if (kind === 'reasoning') {
      const piece = b as { item: number; part: number; text: string; signature?: string; encrypted?: string };
      const key = `${a}/${piece.item}/${piece.part}`;
      const seen = reasoning.get(key) ?? { text: '' };
      seen.text += piece.text;
      if (piece.signature) seen.signature = piece.signature;
      if (piece.encrypted) seen.encrypted = piece.encrypted;
      reasoning.set(key, seen);
    }
  }
  return { kinds, model, text: [...text], reasoning: [...reasoning], items, usage };
}

const finishReasons = (o: GenerationOutcome) => (o.status === 'done' ? o.finishReasons : o);

/** Runs the same chat streamed and not, and returns both summaries and outcomes. */
async function chatBothWays(request: Omit<ChatRequest, 'params'>, params: GenerationParams) {
  const run = async (stream: boolean) => {
    const { calls, sink } = recordingSink();
    const p = stream ? params : { ...params, stream: false };
    const outcome = await client().streamChat({ ...request, params: p }, sink, new AbortController().signal);
    return { calls, outcome };
  };
  return { streamed: await run(true), whole: await run(false) };
}

const hi = [{ role: 'user' as const, content: 'Explain what a vector database is, briefly.' }];

describe('streaming off × demo workspace', () => {
  it.each([
    ['plain chat', 'databricks-meta-llama-3-3-70b-instruct', { temperature: 0, max_tokens: 120 }],
    [
      'chat with signed reasoning (content arrays)',
      'databricks-claude-sonnet-4-6',
      {
        temperature: 0,
        max_tokens: 2000,
        thinking_budget: 1024,
      },
    ],
    ['chat with a reasoning effort', 'databricks-gpt-oss-120b', { temperature: 0, reasoning_effort: 'low' }],
    ['a Responses-only model', 'databricks-gpt-5-5', { temperature: 0, reasoning_effort: 'low' }],
  ] as const)('%s: the JSON answer gives the same output as the stream', async (_label, endpoint, params) => {
    const { streamed, whole } = await chatBothWays({ endpoint, messages: hi }, params);
    expect(streamed.outcome.status).toBe('done');
    expect(summary(whole.calls)).toEqual(summary(streamed.calls));
    expect(finishReasons(whole.outcome)).toEqual(finishReasons(streamed.outcome));
    const output = summary(whole.calls);
    expect(output.text[0]?.[1]).toBeTruthy();
    // The reasoning models did reason: the comparison covered their reasoning too.
    expect(output.reasoning.length > 0).toBe(endpoint !== 'databricks-meta-llama-3-3-70b-instruct');
  });

  it('an agent: tool call and output items, then the answer, the same in one JSON answer', async () => {
    const { streamed, whole } = await chatBothWays(
      {
        endpoint: 'demo-support-agent',
        messages: [{ role: 'user', content: 'Where is my order 1234?' }],
        target: { model: null, task: 'agent/v1/responses' },
      },
      { temperature: 0 },
    );
    expect(summary(streamed.calls).items.length).toBeGreaterThan(0);
    expect(summary(whole.calls)).toEqual(summary(streamed.calls));
    expect(finishReasons(whole.outcome)).toEqual(finishReasons(streamed.outcome));
  });

  it('a completion: the same text, usage and finish reason', async () => {
    const run = async (params: GenerationParams) => {
      const { calls, sink } = recordingSink();
      const outcome = await client().streamCompletion(
        {
          endpoint: 'demo-llama-3-1-8b-completions',
          prompt: 'Complete this code:\ndef fibonacci(n):',
          params,
        },
        sink,
        new AbortController().signal,
      );
      return { calls, outcome };
    };
    const streamed = await run({ max_tokens: 200, temperature: 0 });
    const whole = await run({ max_tokens: 200, temperature: 0, stream: false });
    expect(summary(whole.calls)).toEqual(summary(streamed.calls));
    expect(finishReasons(whole.outcome)).toEqual(finishReasons(streamed.outcome));
  });

  it('sends the text as one delta and times it as a whole answer: TTFT is the total time', async () => {
    const { whole, streamed } = await chatBothWays(
      { endpoint: 'databricks-meta-llama-3-3-70b-instruct', messages: hi },
      { temperature: 0, max_tokens: 60 },
    );
    expect(whole.calls.filter(([kind]) => kind === 'delta')).toHaveLength(1);
    expect(whole.outcome.status === 'done' && whole.outcome.metrics).toMatchObject({ streamed: false });
    if (whole.outcome.status !== 'done') return;
    const { ttftMs, totalMs, tokensPerSec, completionTokens, usageReported } = whole.outcome.metrics;
    expect(ttftMs).toBe(totalMs);
    expect(usageReported).toBe(true);
    expect(tokensPerSec).toBeCloseTo(((completionTokens ?? 0) * 1000) / totalMs, 5);
    expect(streamed.outcome.status === 'done' && 'streamed' in streamed.outcome.metrics).toBe(false);
  });

  it('still maps an HTTP error of a whole answer', async () => {
    const { sink } = recordingSink();
    const outcome = await client().streamChat(
      { endpoint: 'databricks-nope', messages: hi, params: { stream: false } },
      sink,
      new AbortController().signal,
    );
    expect(outcome).toMatchObject({ status: 'error', error: { code: 'NOT_FOUND' }, partial: false });
  });
});
