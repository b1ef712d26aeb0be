import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoWorkspace } from '../../../../electron/demo-workspace/server';
import {
  type AnyJson,
  BGE,
  CLAUDE,
  DBRX,
  GPT_5_5,
  GPT_OSS,
  invocations,
  json,
  LLAMA_3_3,
  post,
  RESPONSES,
  sseEvents,
  startFast,
  type TypedEvent,
} from './helpers';

/** The Responses API: `POST /serving-endpoints/responses`, JSON and typed SSE events. */

let ws: DemoWorkspace;
beforeAll(async () => {
  ws = await startFast();
});
afterAll(() => ws.close());

const respond = (body: Record<string, unknown>) => post(ws, RESPONSES, body);

async function ok(res: Response) {
  const body = await json(res);
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
}

/** Event types with consecutive repeats collapsed into one (`+` marks a repeated one). */
function shape(events: TypedEvent[]): string[] {
  const out: string[] = [];
  for (const { event } of events) {
    const last = out.at(-1);
    if (last === event || last === `${event}+`) out[out.length - 1] = `${event}+`;
    else out.push(event);
  }
  return out;
}

const outputTexts = (response: AnyJson): string =>
  response.output
    .filter((item: AnyJson) => item.type === 'message')
    .flatMap((item: AnyJson) => item.content.map((part: AnyJson) => part.text))
    .join('');

describe('JSON answers', () => {
  it('answers GPT-5.5 with a reasoning item and a message, usage with reasoning tokens', async () => {
    const body = await ok(
      await respond({ model: GPT_5_5, input: 'Explain tides', reasoning: { effort: 'medium' } }),
    );
    expect(body).toMatchObject({
      object: 'response',
      status: 'completed',
      model: 'gpt-5.5',
      incomplete_details: null,
      reasoning: { effort: 'medium' },
    });
    expect(body.id).toMatch(/^resp_/);
    expect(typeof body.created_at).toBe('number');
    const [reasoning, message] = body.output;
    expect(reasoning).toMatchObject({ type: 'reasoning', summary: [{ type: 'summary_text' }] });
    expect(reasoning.id).toMatch(/^rs_/);
    expect(reasoning.id.length).toBeLessThanOrEqual(64);
    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'output_text', annotations: [] }],
    });
    expect(message.content[0].text).toMatch(/tides/i);
    const { usage } = body;
    expect(usage.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);
    expect(usage.output_tokens).toBeGreaterThan(usage.output_tokens_details.reasoning_tokens);
    expect(usage.total_tokens).toBe(usage.input_tokens + usage.output_tokens);
  });

  it('does not reason on GPT-5.5 by default (effort none) and refuses unknown efforts', async () => {
    const plain = await ok(await respond({ model: GPT_5_5, input: 'Hi there' }));
    expect(plain.output.map((item: AnyJson) => item.type)).toEqual(['message']);
    expect(plain.usage.output_tokens_details.reasoning_tokens).toBe(0);
    const res = await respond({ model: GPT_5_5, input: 'Hi', reasoning: { effort: 'minimal' } });
    expect(res.status).toBe(400);
    expect((await json(res)).message).toContain('"none", "low", "medium", "high"');
  });

  it('reasons on Claude only when asked, and always on GPT OSS', async () => {
    const claude = await ok(await respond({ model: CLAUDE, input: 'Explain tides' }));
    expect(claude.output.map((item: AnyJson) => item.type)).toEqual(['message']);
    const asked = await ok(
      await respond({ model: CLAUDE, input: 'Explain tides', reasoning: { effort: 'low' } }),
    );
    expect(asked.output.map((item: AnyJson) => item.type)).toEqual(['reasoning', 'message']);
    const oss = await ok(await respond({ model: GPT_OSS, input: 'Explain tides' }));
    expect(oss.output[0].type).toBe('reasoning');
    expect(oss.reasoning.effort).toBe('medium');
  });

  it('stops at max_output_tokens with status incomplete', async () => {
    const cut = await ok(await respond({ model: GPT_5_5, input: 'Explain tides', max_output_tokens: 20 }));
    expect(cut.status).toBe('incomplete');
    expect(cut.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    expect(cut.output[0].status).toBe('incomplete');
    expect(cut.usage.output_tokens).toBe(20);
    const reasoningOnly = await ok(
      await respond({
        model: GPT_OSS,
        input: 'Explain tides',
        max_output_tokens: 5,
        reasoning: { effort: 'high' },
      }),
    );
    expect(reasoningOnly.output.map((item: AnyJson) => item.type)).toEqual(['reasoning']);
  });

  it('repeats exactly at temperature 0', async () => {
    const request = { model: GPT_OSS, input: 'Explain photosynthesis', temperature: 0 };
    const [a, b] = await Promise.all([ok(await respond(request)), ok(await respond(request))]);
    expect(a.output[0].summary).toEqual(b.output[0].summary);
    expect(outputTexts(a)).toBe(outputTexts(b));
  });

  it('is also served on the invocations route of a Responses-only model', async () => {
    const body = await ok(await post(ws, invocations(GPT_5_5), { input: 'Hello' }));
    expect(body.object).toBe('response');
  });
});

describe('input', () => {
  it('takes instructions, message items with text parts, string content and the developer role', async () => {
    const body = await ok(
      await respond({
        model: GPT_5_5,
        instructions: 'Be brief.',
        input: [
          { role: 'developer', content: 'Answer in English.' },
          { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Explain volcanoes' }] },
          { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Volcanoes are…' }] },
          { role: 'user', content: 'And geysers?' },
        ],
        temperature: 0.5,
        top_p: 0.9,
      }),
    );
    expect(outputTexts(body)).toMatch(/geysers/i);
    expect(body).toMatchObject({ instructions: 'Be brief.', temperature: 0.5, top_p: 0.9 });
  });

  it('takes back its own reasoning items and function calls, and refuses a changed reasoning item', async () => {
    const first = await ok(await respond({ model: GPT_OSS, input: 'Explain tides' }));
    const history = [
      { role: 'user', content: 'Explain tides' },
      ...first.output,
      { type: 'function_call', call_id: 'call_1', name: 'lookup', arguments: '{"q":"moon"}' },
      { type: 'function_call_output', call_id: 'call_1', output: '{"distance_km":384400}' },
      { role: 'user', content: 'And the moon?' },
    ];
    expect((await respond({ model: GPT_OSS, input: history })).status).toBe(200);
    const changed = structuredClone(history);
    (changed[1] as AnyJson).summary[0].text += ' (edited)';
    const res = await respond({ model: GPT_OSS, input: changed });
    expect(res.status).toBe(400);
    expect((await json(res)).message).toMatch(/input\[1\].*not found/);
  });

  it.each([
    [{ input: [{ role: 'user', content: 'x', id: 'm'.repeat(65) }] }, /longer than 64/],
    [{ input: [{ type: 'web_search_call' }] }, /not supported/],
    [{ input: [] }, /non-empty list/],
    [{}, /input is required/],
    [{ input: 'x', previous_response_id: 'resp_1' }, /previous_response_id/],
    [{ input: 'x', max_output_tokens: 0 }, /max_output_tokens/],
    [{ input: 'x', temperature: 3 }, /temperature/],
    [{ input: [{ role: 'robot', content: 'x' }] }, /role/],
  ])('refuses %j', async (body, message) => {
    const res = await respond({ model: GPT_5_5, ...body });
    expect(res.status).toBe(400);
    expect((await json(res)).message).toMatch(message);
  });

  it('is refused by models without the Responses API, naming it', async () => {
    for (const model of [DBRX, LLAMA_3_3, BGE]) {
      const res = await respond({ model, input: 'Hi' });
      expect(res.status).toBe(400);
      expect((await json(res)).message).toMatch(/does not support the Responses API/);
    }
  });
});

describe('streaming', () => {
  const streamed = async (body: Record<string, unknown>) => {
    const res = await respond({ ...body, stream: true });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    return sseEvents(await res.text());
  };

  it('sends every event type in order, numbered, ending with the whole response', async () => {
    const events = await streamed({
      model: GPT_OSS,
      input: 'Explain tides',
      temperature: 0,
      reasoning: { effort: 'low' },
    });
    expect(shape(events)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta+',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta+',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    events.forEach(({ event, data }, i) => {
      expect(data.type).toBe(event);
      expect(data.sequence_number).toBe(i);
    });
    expect(events[0]?.data.response).toMatchObject({ status: 'in_progress', output: [] });
    const textDeltas = events.filter((e) => e.event === 'response.output_text.delta');
    const message = events.find(
      (e) => e.event === 'response.output_item.added' && e.data.item.type === 'message',
    );
    for (const { data } of textDeltas)
      expect(data).toMatchObject({ item_id: message?.data.item.id, output_index: 1, content_index: 0 });
    const final = events.at(-1)?.data.response;
    expect(textDeltas.map((e) => e.data.delta).join('')).toBe(outputTexts(final));
    const reasoningDeltas = events.filter((e) => e.event === 'response.reasoning_summary_text.delta');
    expect(final.usage.output_tokens).toBe(textDeltas.length + reasoningDeltas.length);
    expect(final.usage.output_tokens_details.reasoning_tokens).toBe(reasoningDeltas.length);
    // The same answer as JSON.
    const plain = await ok(
      await respond({ model: GPT_OSS, input: 'Explain tides', temperature: 0, reasoning: { effort: 'low' } }),
    );
    expect(outputTexts(plain)).toBe(outputTexts(final));
    expect(plain.usage).toEqual(final.usage);
  });

  it('ends with response.incomplete when max_output_tokens cuts the answer', async () => {
    const events = await streamed({ model: GPT_5_5, input: 'Explain tides', max_output_tokens: 7 });
    expect(events.at(-1)?.data.response).toMatchObject({ status: 'incomplete', usage: { output_tokens: 7 } });
    expect(events.at(-1)?.event).toBe('response.incomplete');
  });
});
