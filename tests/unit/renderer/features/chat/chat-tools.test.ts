import { describe, expect, it } from 'vitest';
import { pendingCalls } from '../../../../../renderer/core/tool-loop';
import { capNote } from '../../../../../renderer/features/chat/chat-tools';
import type { GenerationParams, ToolDefinition } from '../../../../../shared/domain';
import { buildChatBody } from '../../../../../shared/request-body';
import { METRICS, setup } from './harness';

/* The chat store's tool loop: results continue the same answer; mock mode; the step cap; Stop. */

const WEATHER: ToolDefinition = {
  name: 'get_weather',
  description: 'The weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  mocks: ['{"temperature": 18}'],
};
const TIME: ToolDefinition = {
  name: 'get_time',
  parameters: { type: 'object', properties: {} },
  mocks: ['12:00'],
};

type T = ReturnType<typeof setup>;

/** Streams one step into the `n`th stream: optional text, then calls (id → city), ending with tool_calls. */
function callStep(t: T, n: number, calls: [string, string][], text = '') {
  const id = t.id(n);
  let seq = 0;
  t.emit(id, seq++, { type: 'start', model: 'm' });
  if (text) t.emit(id, seq++, { type: 'delta', index: 0, text });
  for (const [callId, city] of calls)
    t.emit(id, seq++, {
      type: 'item',
      index: 0,
      item: { type: 'function_call', callId, name: 'get_weather', arguments: JSON.stringify({ city }) },
    });
  t.emit(id, seq++, { type: 'done', finishReasons: ['tool_calls'], metrics: METRICS });
  t.frame();
}

async function withTools(params: GenerationParams = {}) {
  const t = setup();
  t.state().setParams({ tools: [WEATHER, TIME], ...params });
  await t.send('What is the weather in Paris?');
  return t;
}

/** Lets the continuation that settle started (mock mode) reach the stream API. */
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('chat store: tool results by hand', () => {
  it('continues the same answer with the calls and their results in the request', async () => {
    const t = await withTools();
    callStep(t, 1, [['call_1', 'Paris']], 'Let me look.');
    const answer = t.last();
    expect(answer.status).toBe('done');
    expect(pendingCalls(answer.choices?.[0]?.items)).toHaveLength(1);
    expect(t.chats).toHaveLength(1);

    const started = await t.state().submitToolResults(answer.id, { call_1: '{"temperature": 21}' });
    expect(started).toBe(true);
    expect(t.chats).toHaveLength(2);
    expect(t.chats[1]?.messages).toEqual([
      { role: 'user', content: 'What is the weather in Paris?' },
      {
        role: 'assistant',
        content: '',
        items: [
          { type: 'text', text: 'Let me look.' },
          { type: 'function_call', callId: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { type: 'function_call_output', callId: 'call_1', output: '{"temperature": 21}' },
        ],
      },
    ]);
    // The tools go again; the mocks never leave the app (they are dropped on the wire).
    expect(t.chats[1]?.params?.tools?.map((tool) => tool.name)).toEqual(['get_weather', 'get_time']);

    // On the wire: the step as an assistant message with tool_calls, then the tool message.
    const body = buildChatBody(t.chats[1]?.messages ?? [], t.chats[1]?.params ?? {});
    expect(body.messages).toEqual([
      { role: 'user', content: 'What is the weather in Paris?' },
      {
        role: 'assistant',
        content: 'Let me look.',
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '{"temperature": 21}' },
    ]);
    expect(JSON.stringify(body.tools)).not.toContain('mocks');

    t.answer(2, 'It is 21 degrees in Paris.');
    const done = t.last();
    expect(done.id).toBe(answer.id);
    expect(t.thread()).toHaveLength(2);
    expect(done.content).toBe('It is 21 degrees in Paris.');
    expect(done.choices?.[0]?.items?.map((i) => i.type)).toEqual([
      'text',
      'function_call',
      'function_call_output',
    ]);
    // Two requests: tokens add up, usage is recorded once per request, the cost is the sum's.
    expect(done.metrics?.promptTokens).toBe(6);
    expect(done.metrics?.completionTokens).toBe(8);
    expect(t.usage).toHaveLength(2);
    expect(done.costUsd).toBeCloseTo(0.014);
  });

  it('sends the history’s pictures as their data URLs when results continue the answer', async () => {
    const t = setup();
    t.state().setEndpoint('databricks-claude-sonnet-4-6');
    t.state().setParams({ tools: [WEATHER] });
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const attachment = {
      id: 'i1',
      name: 'i1.png',
      mime: 'image/png',
      width: 64,
      height: 48,
      bytes: bytes.length,
      originalWidth: 64,
      originalHeight: 48,
      originalBytes: bytes.length,
    };
    t.store.setState({ draftImages: [{ attachment, blob: new Blob([bytes], { type: 'image/png' }) }] });
    await t.send('What is the weather in Paris?');
    callStep(t, 1, [['call_1', 'Paris']]);
    await t.state().submitToolResults(t.last().id, { call_1: '{"temperature": 21}' });
    // Never the preview's shortened base64: the image the model sees is the stored one.
    expect(t.chats[1]?.messages[0]?.images).toEqual([{ url: 'data:image/png;base64,iVBORwECAw==' }]);
  });

  it('answers parallel calls together, and only once every call has a result', async () => {
    const t = await withTools();
    callStep(t, 1, [
      ['a', 'Paris'],
      ['b', 'Oslo'],
    ]);
    const id = t.last().id;
    expect(await t.state().submitToolResults(id, { a: '20' })).toBe(false);
    expect(t.chats).toHaveLength(1);
    expect(await t.state().submitToolResults(id, { a: '20', b: '5' })).toBe(true);
    const sent = t.chats[1]?.messages.at(-1)?.items ?? [];
    expect(sent.map((i) => (i.type === 'function_call_output' ? `${i.callId}=${i.output}` : i.type))).toEqual(
      ['function_call', 'function_call', 'a=20', 'b=5'],
    );
  });

  it('keeps typed results when the send cannot start, and the results when the request fails', async () => {
    const t = await withTools();
    callStep(t, 1, [['c1', 'Paris']]);
    const id = t.last().id;
    t.state().setToolDraft(id, 'c1', '{"temperature": 21}');
    // Invalid parameters: nothing goes, the draft stays.
    t.state().setParams({ tools: [WEATHER], temperature: 99 });
    expect(await t.state().submitToolResults(id, { c1: '{"temperature": 21}' })).toBe(false);
    expect(t.state().toolDrafts[id]).toEqual({ c1: '{"temperature": 21}' });

    t.state().setParams({ tools: [WEATHER] });
    expect(await t.state().submitToolResults(id, { c1: '{"temperature": 21}' })).toBe(true);
    t.emit(t.id(2), 0, {
      type: 'error',
      error: { code: 'NETWORK', message: 'Connection lost.' },
      partial: false,
      metrics: null,
    });
    t.frame();
    const failed = t.last();
    expect(failed).toMatchObject({ id, status: 'error' });
    expect(failed.choices?.[0]?.items?.at(-1)).toEqual({
      type: 'function_call_output',
      callId: 'c1',
      output: '{"temperature": 21}',
    });
    // Continue resends the same step (no "continue" instruction) into the same answer.
    await t.state().continueAnswer(id);
    expect(t.chats).toHaveLength(3);
    expect(t.chats[2]?.messages).toEqual(t.chats[1]?.messages);
    t.answer(3, 'It is 21.');
    expect(t.last()).toMatchObject({ id, status: 'done', content: 'It is 21.' });
  });

  it('continues the selected choice only when n > 1', async () => {
    const t = await withTools({ n: 2 });
    expect(t.chats[0]?.params?.n).toBe(2);
    const id = t.id(1);
    t.emit(id, 0, { type: 'delta', index: 0, text: 'No tools needed.' });
    t.emit(id, 1, {
      type: 'item',
      index: 1,
      item: { type: 'function_call', callId: 'x', name: 'get_weather', arguments: '{"city":"Rome"}' },
    });
    t.emit(id, 2, { type: 'done', finishReasons: ['stop', 'tool_calls'], metrics: METRICS });
    t.frame();
    const answer = t.last();
    t.state().selectChoice(answer.id, 1);
    expect(await t.state().submitToolResults(answer.id, { x: '25' })).toBe(true);
    expect(t.chats[1]?.params?.n).toBeUndefined();
    t.answer(2, 'Rome: 25.');
    const done = t.last();
    expect(done.choices?.map((c) => c.text)).toEqual(['No tools needed.', 'Rome: 25.']);
    expect(done.content).toBe('Rome: 25.');
  });

  it('sends an unanswered call nowhere when the user writes on instead', async () => {
    const t = await withTools();
    callStep(t, 1, [['c1', 'Paris']], 'Checking.');
    await t.send('Never mind, tell me a joke.');
    expect(t.chats[1]?.messages).toEqual([
      { role: 'user', content: 'What is the weather in Paris?' },
      { role: 'assistant', content: 'Checking.' },
      { role: 'user', content: 'Never mind, tell me a joke.' },
    ]);
  });
});

describe('chat store: mock mode', () => {
  it('answers every call from the mocks until the model stops calling', async () => {
    const t = await withTools({ tool_mock: true });
    callStep(t, 1, [['c1', 'Paris']]);
    await tick();
    expect(t.chats).toHaveLength(2);
    expect(t.chats[1]?.messages.at(-1)?.items?.at(-1)).toEqual({
      type: 'function_call_output',
      callId: 'c1',
      output: '{"temperature": 18}',
    });
    callStep(t, 2, [['c2', 'Oslo']]);
    await tick();
    expect(t.chats).toHaveLength(3);
    t.answer(3, 'Paris 18, Oslo 18.');
    await tick();
    expect(t.chats).toHaveLength(3);
    const done = t.last();
    expect(done).toMatchObject({ status: 'done', content: 'Paris 18, Oslo 18.' });
    expect(t.thread()).toHaveLength(2);
    expect(done.metrics?.completionTokens).toBe(12);
  });

  it('stops at the step cap and lets the user go on', async () => {
    const t = await withTools({ tool_mock: true, max_tool_steps: 2 });
    callStep(t, 1, [['c1', 'Paris']]);
    await tick();
    callStep(t, 2, [['c2', 'Oslo']]);
    await tick();
    expect(t.chats).toHaveLength(2);
    const capped = t.last();
    expect(capped.status).toBe('done');
    expect(capNote(capped.choices?.[0]?.items, t.state().params)).toBe(
      'Stopped after 2 steps (the cap): answer the calls to go on, or raise Max steps.',
    );
    expect(pendingCalls(capped.choices?.[0]?.items).map((c) => c.callId)).toEqual(['c2']);
    // Raising the cap: the next step by hand, then mock mode goes on under the new cap.
    t.state().setParams({ ...t.state().params, max_tool_steps: 5 });
    expect(await t.state().submitToolResults(capped.id, { c2: '3' })).toBe(true);
    expect(capNote(t.last().choices?.[0]?.items, t.state().params)).toBeNull();
    callStep(t, 3, [['c3', 'Rome']]);
    await tick();
    expect(t.chats).toHaveLength(4);
  });

  it('stops the loop on Stop, keeping the steps so far', async () => {
    const t = await withTools({ tool_mock: true });
    callStep(t, 1, [['c1', 'Paris']], 'Looking.');
    await tick();
    expect(t.chats).toHaveLength(2);
    t.emit(t.id(2), 0, { type: 'delta', index: 0, text: 'Partial' });
    t.frame();
    await t.state().stop();
    t.emit(t.id(2), 1, { type: 'aborted', metrics: METRICS });
    t.frame();
    await tick();
    expect(t.chats).toHaveLength(2);
    const stopped = t.last();
    expect(stopped.status).toBe('stopped');
    expect(stopped.content).toBe('Partial');
    expect(stopped.choices?.[0]?.items?.map((i) => i.type)).toEqual([
      'text',
      'function_call',
      'function_call_output',
    ]);
  });

  it('keeps everything when a step fails mid-loop', async () => {
    const t = await withTools({ tool_mock: true });
    callStep(t, 1, [['c1', 'Paris']]);
    await tick();
    t.emit(t.id(2), 0, { type: 'delta', index: 0, text: 'Half' });
    t.emit(t.id(2), 1, {
      type: 'error',
      error: { code: 'NETWORK', message: 'Connection lost.' },
      partial: true,
      metrics: null,
    });
    t.frame();
    await tick();
    expect(t.chats).toHaveLength(2);
    expect(t.last()).toMatchObject({ status: 'error', content: 'Half' });
    expect(t.last().choices?.[0]?.items).toHaveLength(2);
    expect(t.state().failure).toBeNull();
  });
});
