import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoWorkspace } from '../../../../electron/demo-workspace/server';
import {
  type AnyJson,
  CLAUDE,
  DBRX,
  GPT_OSS,
  invocations,
  json,
  LLAMA_3_3,
  post,
  readAll,
  schemaErrors,
  sseChunks,
  startFast,
} from './helpers';

/** Tools in Chat Completions: validation, when the model calls, streamed and JSON calls, answers. */

let ws: DemoWorkspace;
beforeAll(async () => {
  ws = await startFast();
});
afterAll(() => ws.close());

const WEATHER_PARAMS = {
  type: 'object',
  properties: {
    city: { type: 'string' },
    unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
    days: { type: 'integer', minimum: 1, maximum: 7 },
  },
  required: ['city', 'unit'],
  additionalProperties: false,
};
const fn = (name: string, description: string, parameters: Record<string, unknown>, extra = {}) => ({
  type: 'function',
  function: { name, description, parameters, ...extra },
});
const weather = fn('get_weather', 'Get the weather for a city', WEATHER_PARAMS);
const search = fn('search_web', 'Search restaurants and places', {
  type: 'object',
  properties: { query: { type: 'string', minLength: 1 } },
  required: ['query'],
});
const clock = fn('get_time', 'Current local time in a timezone', {
  type: 'object',
  properties: { timezone: { type: 'string' } },
  required: ['timezone'],
});

const chat = (model: string, body: Record<string, unknown>) => post(ws, invocations(model), body);
const user = (content: string) => ({ role: 'user', content });

async function ok(res: Response): Promise<AnyJson> {
  const body = await json(res);
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
}

async function refused(res: Response, text: string | RegExp): Promise<void> {
  const body = await json(res);
  expect(res.status, JSON.stringify(body)).toBe(400);
  expect(body.error_code).toBe('INVALID_PARAMETER_VALUE');
  expect(body.message).toMatch(text);
}

const calledNames = (body: AnyJson): string[] =>
  (body.choices[0].message.tool_calls ?? []).map((c: AnyJson) => c.function.name);

/** A conversation that answered `calls` with `results` (in order). */
function answered(prompt: string, calls: AnyJson[], results: string[]) {
  return [
    user(prompt),
    { role: 'assistant', content: null, tool_calls: calls },
    ...calls.map((c, i) => ({ role: 'tool', tool_call_id: c.id, content: results[i] ?? '' })),
  ];
}

describe('tool calls in JSON answers', () => {
  it('calls the tool the prompt mentions, with arguments that validate', async () => {
    const body = await ok(
      await chat(LLAMA_3_3, {
        messages: [user('What is the weather in Paris today?')],
        tools: [weather, search],
      }),
    );
    const choice = body.choices[0];
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    expect(choice.message.tool_calls).toHaveLength(1);
    const [call] = choice.message.tool_calls;
    expect(call.id).toMatch(/^call_[0-9a-f]+$/);
    expect(call).toMatchObject({ type: 'function', function: { name: 'get_weather' } });
    const args = JSON.parse(call.function.arguments);
    expect(schemaErrors(WEATHER_PARAMS, args)).toEqual([]);
    expect(args.city).toBe('Paris');
    expect(body.usage.completion_tokens).toBeGreaterThan(5);
  });

  it('calls several matching tools in one turn (parallel calls), one with parallel_tool_calls false', async () => {
    const messages = [user('Search restaurants near me and tell me the weather in Rome')];
    const both = await ok(await chat(CLAUDE, { messages, tools: [weather, search, clock] }));
    expect(calledNames(both)).toEqual(['get_weather', 'search_web']);
    const ids = both.choices[0].message.tool_calls.map((c: AnyJson) => c.id);
    expect(new Set(ids).size).toBe(2);
    const one = await ok(
      await chat(CLAUDE, { messages, tools: [weather, search], parallel_tool_calls: false }),
    );
    expect(calledNames(one)).toEqual(['get_weather']);
  });

  it('answers in text when no tool matches (auto), and never calls with tool_choice none', async () => {
    const plain = await ok(await chat(LLAMA_3_3, { messages: [user('Explain tides')], tools: [weather] }));
    expect(plain.choices[0].finish_reason).toBe('stop');
    expect(plain.choices[0].message.tool_calls).toBeUndefined();
    const none = await ok(
      await chat(LLAMA_3_3, { messages: [user('Weather in Paris?')], tools: [weather], tool_choice: 'none' }),
    );
    expect(none.choices[0].message.tool_calls).toBeUndefined();
    expect(none.choices[0].message.content.length).toBeGreaterThan(0);
  });

  it('always calls with required (the first tool when none matches) and a named choice', async () => {
    const required = await ok(
      await chat(LLAMA_3_3, {
        messages: [user('Explain tides')],
        tools: [weather, search],
        tool_choice: 'required',
      }),
    );
    expect(calledNames(required)).toEqual(['get_weather']);
    const named = await ok(
      await chat(LLAMA_3_3, {
        messages: [user('Weather in Paris?')],
        tools: [weather, search],
        tool_choice: { type: 'function', function: { name: 'search_web' } },
      }),
    );
    expect(calledNames(named)).toEqual(['search_web']);
  });

  it('cuts the arguments at max_tokens with finish_reason length', async () => {
    const body = await ok(
      await chat(LLAMA_3_3, { messages: [user('Weather in Paris?')], tools: [weather], max_tokens: 3 }),
    );
    expect(body.choices[0].finish_reason).toBe('length');
    expect(body.choices[0].message.tool_calls[0].function.arguments).toBe('{"city');
    expect(body.usage.completion_tokens).toBe(3);
  });

  it('takes numbers from the prompt within the bounds', async () => {
    const add = fn('add_numbers', 'Add two numbers', {
      type: 'object',
      properties: {
        a: { type: 'number' },
        b: { type: 'number' },
        precision: { type: 'integer', maximum: 3 },
      },
      required: ['a', 'b'],
    });
    const body = await ok(
      await chat(GPT_OSS, { messages: [user('Add the numbers 12 and 30')], tools: [add] }),
    );
    expect(JSON.parse(body.choices[0].message.tool_calls[0].function.arguments)).toEqual({
      a: 12,
      b: 30,
      precision: 1,
    });
  });
});

describe('streamed tool calls', () => {
  it('sends the header, then argument fragments, then finish_reason tool_calls', async () => {
    const res = await chat(CLAUDE, {
      messages: [user('Weather in Oslo, and search for cafes')],
      tools: [weather, search],
      stream: true,
    });
    const chunks = sseChunks((await readAll(res)).text);
    const deltas = chunks.flatMap((c: AnyJson) => c.choices.map((ch: AnyJson) => ch));
    const calls: { id: string; name: string; args: string }[] = [];
    let headers = 0;
    for (const d of deltas)
      for (const tc of d.delta?.tool_calls ?? []) {
        if (tc.id) {
          headers += 1;
          expect(tc.function.arguments).toBe('');
          calls[tc.index] = { id: tc.id, name: tc.function.name, args: '' };
        } else (calls[tc.index] as { args: string }).args += tc.function.arguments;
      }
    expect(headers).toBe(2);
    expect(calls.map((c) => c.name)).toEqual(['get_weather', 'search_web']);
    const fragments = deltas.filter((d: AnyJson) => d.delta?.tool_calls && !d.delta.tool_calls[0].id);
    expect(fragments.length).toBeGreaterThan(4);
    expect(JSON.parse(calls[0]?.args ?? '')).toMatchObject({ city: 'Oslo' });
    expect(schemaErrors(WEATHER_PARAMS, JSON.parse(calls[0]?.args ?? ''))).toEqual([]);
    expect(deltas.at(-1).finish_reason).toBe('tool_calls');
    const usage = (chunks.at(-1) as AnyJson).usage;
    expect(usage.completion_tokens).toBe(fragments.length);
  });
});

describe('after tool results', () => {
  it('quotes every value of a JSON result and a text result verbatim', async () => {
    const first = await ok(
      await chat(LLAMA_3_3, {
        messages: [user('Weather in Paris and search for museums')],
        tools: [weather, search],
      }),
    );
    const calls = first.choices[0].message.tool_calls;
    const messages = answered('Weather in Paris and search for museums', calls, [
      '{"temperature":21,"conditions":"sunny","wind":{"kph":12}}',
      'Louvre and Orsay are open',
    ]);
    const body = await ok(await chat(LLAMA_3_3, { messages, tools: [weather, search] }));
    const text = body.choices[0].message.content as string;
    expect(body.choices[0].finish_reason).toBe('stop');
    expect(text).toContain('get_weather returned temperature 21, conditions sunny and kph 12.');
    expect(text).toContain('search_web returned "Louvre and Orsay are open".');
  });

  it('runs two steps when the prompt says "then", and stops calling after the last one', async () => {
    const prompt = 'Get the weather in Paris, then search for restaurants';
    const tools = [weather, search];
    const step1 = await ok(await chat(CLAUDE, { messages: [user(prompt)], tools }));
    expect(calledNames(step1)).toEqual(['get_weather']);
    const history = answered(prompt, step1.choices[0].message.tool_calls, ['{"temperature":18}']);
    const step2 = await ok(await chat(CLAUDE, { messages: history, tools }));
    expect(calledNames(step2)).toEqual(['search_web']);
    const call2 = step2.choices[0].message.tool_calls[0];
    const messages = [
      ...history,
      { role: 'assistant', tool_calls: [call2] },
      { role: 'tool', tool_call_id: call2.id, content: 'Chez Janou' },
    ];
    const final = await ok(await chat(CLAUDE, { messages, tools }));
    expect(final.choices[0].finish_reason).toBe('stop');
    expect(final.choices[0].message.content).toContain('temperature 18');
    expect(final.choices[0].message.content).toContain('"Chez Janou"');
  });

  it('keeps calling with required: the next tool not called yet, then the first again', async () => {
    const tools = [weather, search];
    const first = await ok(
      await chat(LLAMA_3_3, { messages: [user('Weather in Lima')], tools, tool_choice: 'required' }),
    );
    const history = answered('Weather in Lima', first.choices[0].message.tool_calls, ['{"temperature":25}']);
    const again = await ok(await chat(LLAMA_3_3, { messages: history, tools, tool_choice: 'required' }));
    expect(calledNames(again)).toEqual(['search_web']);
  });

  it('streams the answer that quotes the result', async () => {
    const first = await ok(await chat(LLAMA_3_3, { messages: [user('Weather in Paris')], tools: [weather] }));
    const messages = answered('Weather in Paris', first.choices[0].message.tool_calls, [
      '{"temperature":21}',
    ]);
    const res = await chat(LLAMA_3_3, { messages, tools: [weather], stream: true });
    const chunks = sseChunks((await readAll(res)).text) as AnyJson[];
    const text = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
    expect(text).toContain('get_weather returned temperature 21.');
  });
});

describe('tool validation', () => {
  const ask = { messages: [user('Weather in Paris?')] };

  it('refuses malformed tools and choices with a 400 naming the field', async () => {
    await refused(await chat(LLAMA_3_3, { ...ask, tools: [] }), 'tools must be a non-empty list');
    await refused(await chat(LLAMA_3_3, { ...ask, tools: [{ type: 'retrieval' }] }), 'tools[0].type');
    await refused(
      await chat(LLAMA_3_3, { ...ask, tools: [fn('get weather!', '', { type: 'object' })] }),
      'tools[0].function.name',
    );
    await refused(
      await chat(LLAMA_3_3, { ...ask, tools: [fn('f', '', { type: 'string' })] }),
      'tools[0].function.parameters must describe an object',
    );
    await refused(await chat(LLAMA_3_3, { ...ask, tools: [weather, weather] }), 'unique');
    await refused(await chat(LLAMA_3_3, { ...ask, tool_choice: 'auto' }), 'only allowed when tools');
    await refused(
      await chat(LLAMA_3_3, { ...ask, tools: [weather], tool_choice: 'always' }),
      'tool_choice must be',
    );
    await refused(
      await chat(LLAMA_3_3, {
        ...ask,
        tools: [weather],
        tool_choice: { type: 'function', function: { name: 'nope' } },
      }),
      'not in tools',
    );
  });

  it('refuses tools on a model that takes none', async () => {
    await refused(await chat(DBRX, { ...ask, tools: [weather] }), /does not support tools/);
  });

  it('refuses strict on non-GPT models and takes it on GPT ones', async () => {
    const strict = fn('get_weather', 'Weather', WEATHER_PARAMS, { strict: true });
    await refused(await chat(CLAUDE, { ...ask, tools: [strict] }), /strict is not supported by Claude/);
    await refused(await chat(LLAMA_3_3, { ...ask, tools: [strict] }), /strict is not supported by Llama/);
    await ok(await chat(GPT_OSS, { ...ask, tools: [strict] }));
  });

  it('refuses Claude an empty content beside tool_calls, but takes null or none', async () => {
    const call = { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } };
    const history = (content: unknown) => [
      user('Weather?'),
      { role: 'assistant', content, tool_calls: [call] },
      { role: 'tool', tool_call_id: 'call_1', content: '{"temperature":3}' },
    ];
    await refused(await chat(CLAUDE, { messages: history(''), tools: [weather] }), /non-empty/);
    await ok(await chat(CLAUDE, { messages: history(null), tools: [weather] }));
    await ok(await chat(LLAMA_3_3, { messages: history(''), tools: [weather] }));
  });

  it('refuses a tool message that answers no call', async () => {
    const messages = [user('Hi'), { role: 'tool', tool_call_id: 'call_x', content: '1' }];
    await refused(await chat(LLAMA_3_3, { messages }), /preceding message with 'tool_calls'/);
  });
});
