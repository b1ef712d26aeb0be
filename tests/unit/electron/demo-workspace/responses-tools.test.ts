import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoWorkspace } from '../../../../electron/demo-workspace/server';
import {
  AGENT,
  type AnyJson,
  CLAUDE,
  GPT_5_5,
  GPT_OSS,
  json,
  post,
  RESPONSES,
  readAll,
  schemaErrors,
  sseEvents,
  startFast,
} from './helpers';

/** Tools, `text.format` and `input_image` in the Responses API. */

let ws: DemoWorkspace;
beforeAll(async () => {
  ws = await startFast();
});
afterAll(() => ws.close());

const respond = (body: Record<string, unknown>) => post(ws, RESPONSES, body);

const CITY = {
  type: 'object',
  properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1, maximum: 5 } },
  required: ['city', 'days'],
  additionalProperties: false,
};
const weather = {
  type: 'function',
  name: 'get_weather',
  description: 'Weather forecast for a city',
  parameters: CITY,
};
const search = {
  type: 'function',
  name: 'search_places',
  description: 'Search restaurants',
  parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
};

async function ok(res: Response): Promise<AnyJson> {
  const body = await json(res);
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
}

describe('function calls', () => {
  it('answers with function_call items whose arguments validate, and echoes the tools', async () => {
    const body = await ok(
      await respond({ model: GPT_5_5, input: 'Forecast for Madrid', tools: [weather, search] }),
    );
    expect(body.output).toHaveLength(1);
    const [call] = body.output;
    expect(call).toMatchObject({ type: 'function_call', name: 'get_weather', status: 'completed' });
    expect(call.call_id).toMatch(/^call_[0-9a-f]+$/);
    const args = JSON.parse(call.arguments);
    expect(schemaErrors(CITY, args)).toEqual([]);
    expect(args.city).toBe('Madrid');
    expect(body.tools.map((t: AnyJson) => t.name)).toEqual(['get_weather', 'search_places']);
    expect(body.usage.output_tokens).toBeGreaterThan(3);
  });

  it('streams arguments as response.function_call_arguments.delta events', async () => {
    const res = await respond({
      model: GPT_5_5,
      input: 'Forecast for Madrid',
      tools: [weather],
      stream: true,
    });
    const events = sseEvents((await readAll(res)).text);
    const deltas = events.filter((e) => e.event === 'response.function_call_arguments.delta');
    expect(deltas.length).toBeGreaterThan(4);
    const done = events.find((e) => e.event === 'response.function_call_arguments.done');
    expect(deltas.map((e) => e.data.delta).join('')).toBe(done?.data.arguments);
    const added = events.find((e) => e.event === 'response.output_item.added');
    expect(added?.data.item).toMatchObject({ type: 'function_call', name: 'get_weather', arguments: '' });
    expect(events.at(-1)?.event).toBe('response.completed');
  });

  it('goes on after function_call_output: the next step, then an answer quoting the results', async () => {
    const prompt = 'Forecast for Madrid, then search for tapas';
    const tools = [weather, search];
    const first = await ok(await respond({ model: GPT_5_5, input: prompt, tools }));
    const call1 = first.output[0];
    const input1 = [
      { role: 'user', content: [{ type: 'input_text', text: prompt }] },
      { type: 'function_call', call_id: call1.call_id, name: call1.name, arguments: call1.arguments },
      { type: 'function_call_output', call_id: call1.call_id, output: '{"high":31,"sky":"clear"}' },
    ];
    const second = await ok(await respond({ model: GPT_5_5, input: input1, tools }));
    expect(second.output.map((i: AnyJson) => i.name)).toEqual(['search_places']);
    const call2 = second.output[0];
    const input2 = [
      ...input1,
      { type: 'function_call', call_id: call2.call_id, name: call2.name, arguments: call2.arguments },
      { type: 'function_call_output', call_id: call2.call_id, output: 'Casa Lucio' },
    ];
    const final = await ok(await respond({ model: GPT_5_5, input: input2, tools }));
    const message = final.output.find((i: AnyJson) => i.type === 'message');
    expect(message.content[0].text).toBe(
      'Here is what the tools returned. get_weather returned high 31 and sky clear. search_places returned "Casa Lucio".',
    );
  });

  it('is incomplete when max_output_tokens cuts the arguments', async () => {
    const body = await ok(
      await respond({ model: GPT_5_5, input: 'Forecast for Madrid', tools: [weather], max_output_tokens: 2 }),
    );
    expect(body.status).toBe('incomplete');
    expect(body.output[0]).toMatchObject({ type: 'function_call', arguments: '{"', status: 'incomplete' });
  });

  it('never calls with tool_choice none; a named choice is {type, name}', async () => {
    const none = await ok(
      await respond({ model: GPT_5_5, input: 'Forecast for Madrid', tools: [weather], tool_choice: 'none' }),
    );
    expect(none.output.map((i: AnyJson) => i.type)).toEqual(['message']);
    const named = await ok(
      await respond({
        model: GPT_5_5,
        input: 'Forecast for Madrid',
        tools: [weather, search],
        tool_choice: { type: 'function', name: 'search_places' },
      }),
    );
    expect(named.output.map((i: AnyJson) => i.name)).toEqual(['search_places']);
    expect(named.tool_choice).toEqual({ type: 'function', name: 'search_places' });
  });
});

describe('refusals', () => {
  async function refused(body: Record<string, unknown>, text: RegExp) {
    const res = await respond(body);
    const error = await json(res);
    expect(res.status, JSON.stringify(error)).toBe(400);
    expect(error.message).toMatch(text);
  }

  it('refuses Chat Completions-style nested tools, strict on Claude, and tools on an agent', async () => {
    const nested = { type: 'function', function: { name: 'get_weather', parameters: CITY } };
    await refused({ model: GPT_5_5, input: 'Hi', tools: [nested] }, /tools\[0\]\.name/);
    await refused(
      { model: CLAUDE, input: 'Hi', tools: [{ ...weather, strict: true }] },
      /strict is not supported by Claude/,
    );
    await ok(await respond({ model: GPT_OSS, input: 'Hi', tools: [{ ...weather, strict: true }] }));
    await refused({ model: AGENT, input: 'Hi', tools: [weather] }, /does not support tools/);
  });

  it('refuses an output for a call that was never made', async () => {
    await refused(
      { model: GPT_5_5, input: [{ type: 'function_call_output', call_id: 'call_nope', output: '1' }] },
      /no tool call found/,
    );
  });
});

describe('text.format and input_image', () => {
  it('answers a json_schema format with JSON that validates', async () => {
    const body = await ok(
      await respond({
        model: GPT_5_5,
        input: 'Plan 3 days in Porto',
        text: { format: { type: 'json_schema', name: 'trip', schema: CITY, strict: true } },
      }),
    );
    const parsed = JSON.parse(body.output.find((i: AnyJson) => i.type === 'message').content[0].text);
    expect(schemaErrors(CITY, parsed)).toEqual([]);
    expect(parsed).toEqual({ city: 'Porto', days: 3 });
    expect(body.text.format).toMatchObject({ type: 'json_schema', name: 'trip' });
  });

  it('refuses a malformed format', async () => {
    const res = await respond({
      model: GPT_5_5,
      input: 'Hi',
      text: { format: { type: 'json_schema', schema: CITY } },
    });
    expect(res.status).toBe(400);
    expect((await json(res)).message).toMatch(/text.format.name/);
  });

  it('describes input_image parts on a vision model and refuses them on a text-only one', async () => {
    const png = new PNG({ width: 30, height: 20 });
    png.data.fill(255);
    for (let i = 0; i < png.data.length; i += 4) png.data.set([240, 230, 30], i);
    const url = `data:image/png;base64,${PNG.sync.write(png).toString('base64')}`;
    const input = [
      {
        role: 'user',
        content: [
          { type: 'input_text', text: 'What is this?' },
          { type: 'input_image', image_url: url },
        ],
      },
    ];
    const body = await ok(await respond({ model: GPT_5_5, input }));
    expect(body.output.at(-1).content[0].text).toBe('Image 1 is 30×20 pixels, mostly yellow.');
    const res = await respond({ model: GPT_OSS, input });
    expect(res.status).toBe(400);
    expect((await json(res)).message).toMatch(
      /input\[0\]\.content\[1\]: model databricks-gpt-oss-120b does not accept image content/,
    );
  });
});
