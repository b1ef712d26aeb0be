import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupOrder, orderIdOf } from '../../../../electron/demo-workspace/agent';
import type { DemoWorkspace } from '../../../../electron/demo-workspace/server';
import {
  AGENT,
  type AnyJson,
  ask,
  invocations,
  json,
  post,
  RESPONSES,
  sseEvents,
  startFast,
} from './helpers';

/** The support agent: reasoning, a lookup_order call, its output, and an answer from it. */

let ws: DemoWorkspace;
beforeAll(async () => {
  ws = await startFast();
});
afterAll(() => ws.close());

const QUESTION = 'Where is my order ORD-4821? It was supposed to arrive yesterday.';

async function ok(res: Response) {
  const body = await json(res);
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
}

describe('the agent', () => {
  it('answers with reasoning, a function call, its output and a message, in that order', async () => {
    const body = await ok(
      await post(ws, invocations(AGENT), { input: [{ role: 'user', content: QUESTION }] }),
    );
    expect(body.model).toBe('support_agent-2');
    expect(body.output.map((item: AnyJson) => item.type)).toEqual([
      'reasoning',
      'function_call',
      'function_call_output',
      'message',
    ]);
    const [, call, result, message] = body.output;
    expect(call).toMatchObject({ name: 'lookup_order', status: 'completed' });
    expect(JSON.parse(call.arguments)).toEqual({ order_id: 'ORD-4821' });
    expect(result.call_id).toBe(call.call_id);
    const order = JSON.parse(result.output);
    expect(order).toEqual(lookupOrder('ORD-4821'));
    const text: string = message.content[0].text;
    for (const value of [order.order_id, order.carrier, order.total]) expect(text).toContain(value);
    // Tool output is not model output: usage counts reasoning, arguments and text only.
    expect(body.usage.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);
    expect(body.usage.total_tokens).toBe(body.usage.input_tokens + body.usage.output_tokens);
  });

  it('is also reached through /serving-endpoints/responses, and repeats at temperature 0', async () => {
    const request = { model: AGENT, input: QUESTION, temperature: 0 };
    const [a, b] = await Promise.all([
      ok(await post(ws, RESPONSES, request)),
      ok(await post(ws, RESPONSES, request)),
    ]);
    expect(a.output.at(-1).content).toEqual(b.output.at(-1).content);
    expect(a.output[2].output).toBe(b.output[2].output);
  });

  it('streams every item with its events, arguments and text as deltas', async () => {
    const res = await post(ws, invocations(AGENT), { input: QUESTION, stream: true });
    const events = sseEvents(await res.text());
    const added = events.filter((e) => e.event === 'response.output_item.added').map((e) => e.data.item.type);
    const done = events.filter((e) => e.event === 'response.output_item.done').map((e) => e.data.item.type);
    const order = ['reasoning', 'function_call', 'function_call_output', 'message'];
    expect(added).toEqual(order);
    expect(done).toEqual(order);
    const final = events.at(-1);
    expect(final?.event).toBe('response.completed');
    const call = final?.data.response.output[1];
    const args = events.filter((e) => e.event === 'response.function_call_arguments.delta');
    expect(args.length).toBeGreaterThan(1);
    expect(args.every((e) => e.data.item_id === call.id && e.data.output_index === 1)).toBe(true);
    expect(args.map((e) => e.data.delta).join('')).toBe(call.arguments);
    const argsDone = events.find((e) => e.event === 'response.function_call_arguments.done');
    expect(argsDone?.data).toMatchObject({ name: 'lookup_order', arguments: call.arguments });
    const text = events.filter((e) => e.event === 'response.output_text.delta').map((e) => e.data.delta);
    expect(text.join('')).toBe(final?.data.response.output[3].content[0].text);
    // The tool's output arrives whole, between the call and the answer.
    const outputAt = events.findIndex(
      (e) => e.event === 'response.output_item.added' && e.data.item.type === 'function_call_output',
    );
    expect(events[outputAt]?.data.item.output).toBe(final?.data.response.output[2].output);
  });

  it('stops where max_output_tokens runs out: no tool result without a finished call', async () => {
    const body = await ok(
      await post(ws, RESPONSES, { model: AGENT, input: QUESTION, max_output_tokens: 30 }),
    );
    expect(body.status).toBe('incomplete');
    expect(body.output.map((item: AnyJson) => item.type)).not.toContain('function_call_output');
  });

  it('thinks longer at higher effort and refuses efforts it does not take', async () => {
    const tokens = async (effort: string) =>
      (
        await ok(
          await post(ws, RESPONSES, { model: AGENT, input: QUESTION, reasoning: { effort }, temperature: 0 }),
        )
      ).usage.output_tokens_details.reasoning_tokens as number;
    expect(await tokens('high')).toBeGreaterThan(await tokens('low'));
    expect(
      (await post(ws, RESPONSES, { model: AGENT, input: 'x', reasoning: { effort: 'none' } })).status,
    ).toBe(400);
  });

  it('refuses Chat Completions and bodies without input', async () => {
    const chat = await post(ws, '/serving-endpoints/chat/completions', { model: AGENT, ...ask('Hi') });
    expect(chat.status).toBe(400);
    expect((await json(chat)).message).toContain('Responses API');
    const noInput = await post(ws, invocations(AGENT), ask('Hi'));
    expect(noInput.status).toBe(400);
    expect((await json(noInput)).message).toMatch(/input is required/);
  });
});

describe('order ids', () => {
  it('reads the id from the prompt, or derives a stable one', () => {
    expect(orderIdOf('Where is ORD-2024-001?')).toBe('ORD-2024-001');
    expect(orderIdOf('Status of order #98765 please')).toBe('ORD-98765');
    expect(orderIdOf('Where is my parcel?')).toBe(orderIdOf('Where is my parcel?'));
    expect(orderIdOf('Where is my parcel?')).toMatch(/^ORD-\d{5}$/);
    expect(lookupOrder('ORD-1')).toEqual(lookupOrder('ORD-1'));
  });
});
