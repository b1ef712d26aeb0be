import { describe, expect, it } from 'vitest';
import { jsonlLines, toMarkdown } from '../../../../../renderer/features/compare/compare-export';
import type { GenerationParams, ToolDefinition } from '../../../../../shared/domain';
import type { StreamEventBody } from '../../../../../shared/stream-events';
import { metrics, setup } from './harness';

/*
 * Compare with tools: every pane runs its own loop in mock mode (answering calls from the
 * tools' saved mocks, up to the step cap), waits out of it, and the export carries the calls.
 */

const LLAMA = 'databricks-meta-llama-3-3-70b-instruct';
const CLAUDE = 'databricks-claude-sonnet-4-6';
const WEATHER: ToolDefinition = {
  name: 'get_weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  mocks: ['{"temp": 21}'],
};
const TOOLS: GenerationParams = { tools: [WEATHER], tool_mock: true };

const call = (callId: string, args = '{"city": "Oslo"}'): StreamEventBody => ({
  type: 'item',
  index: 0,
  item: { type: 'function_call', callId, name: 'get_weather', arguments: args },
});
const done = (tokens = 4): StreamEventBody => ({
  type: 'done',
  finishReasons: ['stop'],
  metrics: metrics({ completionTokens: tokens, promptTokens: 10 }),
});

/** Emits `bodies` on the `n`th stream, numbered from 0. */
function emitAll(s: ReturnType<typeof setup>, n: number, bodies: StreamEventBody[]) {
  for (const [seq, b] of bodies.entries()) s.emit(s.id(n), seq, b);
}

const answer = (s: ReturnType<typeof setup>, pane: number) => s.state().panes[pane]?.answers.at(-1);

describe('compare store: tools in mock mode', () => {
  it('answers each pane’s calls from the mocks and continues that pane alone', async () => {
    const s = setup();
    s.setPanes([LLAMA, CLAUDE]);
    s.state().setSharedParams(TOOLS);
    await s.send('Weather in Oslo?');
    emitAll(s, 1, [{ type: 'delta', index: 0, text: 'Let me check. ' }, call('c1'), done()]);
    emitAll(s, 2, [{ type: 'delta', index: 0, text: 'No tools needed.' }, done()]);
    s.frame();
    await s.flush();
    // Pane 1 goes on with a new request that carries its call and the mock result.
    expect(s.chats).toHaveLength(3);
    expect(s.chats[2]?.endpoint).toBe(LLAMA);
    expect(s.chats[2]?.messages).toEqual([
      { role: 'user', content: 'Weather in Oslo?' },
      {
        role: 'assistant',
        content: '',
        items: [
          { type: 'text', text: 'Let me check. ' },
          { type: 'function_call', callId: 'c1', name: 'get_weather', arguments: '{"city": "Oslo"}' },
          { type: 'function_call_output', callId: 'c1', output: '{"temp": 21}' },
        ],
      },
    ]);
    expect(answer(s, 0)?.status).toBe('streaming');
    expect(answer(s, 1)?.status).toBe('done');
    emitAll(s, 3, [{ type: 'delta', index: 0, text: 'It is 21 degrees.' }, done(6)]);
    s.frame();
    await s.flush();
    const final = answer(s, 0);
    expect(final).toMatchObject({ status: 'done', content: 'It is 21 degrees.' });
    expect(final?.items?.map((i) => i.type)).toEqual(['text', 'function_call', 'function_call_output']);
    // The answer's tokens add up its steps; usage is recorded once per request.
    expect(final?.metrics?.completionTokens).toBe(10);
    expect(s.usage.map((u) => u.completionTokens)).toEqual([4, 4, 6]);
    expect(s.chats).toHaveLength(3);
    // Saved once every pane is over.
    expect([...s.comparisons.rows.values()][0]?.panes[0]?.answers[0]?.content).toBe('It is 21 degrees.');
  });

  it('answers parallel calls together, and stops at the step cap with the calls waiting', async () => {
    const s = setup();
    s.setPanes([LLAMA, CLAUDE]);
    s.state().setSharedParams({ ...TOOLS, max_tool_steps: 2 });
    await s.send('Compare Oslo and Rome');
    emitAll(s, 1, [call('a1'), call('a2', '{"city": "Rome"}'), done()]);
    emitAll(s, 2, [{ type: 'delta', index: 0, text: 'Fine.' }, done()]);
    s.frame();
    await s.flush();
    const outputs = s.chats[2]?.messages[1]?.items?.filter((i) => i.type === 'function_call_output');
    expect(outputs?.map((o) => o.type === 'function_call_output' && o.callId)).toEqual(['a1', 'a2']);
    emitAll(s, 3, [call('b1'), done()]);
    s.frame();
    await s.flush();
    // Step 2 was the cap: its call is not answered and no third request starts.
    expect(s.chats).toHaveLength(3);
    expect(answer(s, 0)?.status).toBe('done');
    expect(answer(s, 0)?.items?.at(-1)).toMatchObject({ type: 'function_call', callId: 'b1' });
  });

  it('without mock mode a pane that called tools just ends, its calls waiting', async () => {
    const s = setup();
    s.setPanes([LLAMA, CLAUDE]);
    s.state().setSharedParams({ tools: [WEATHER] });
    await s.send('Weather?');
    emitAll(s, 1, [call('c1'), done()]);
    emitAll(s, 2, [call('d1'), done()]);
    s.frame();
    await s.flush();
    expect(s.chats).toHaveLength(2);
    expect(answer(s, 0)?.status).toBe('done');
    // The pane's request carries its tools; the answer keeps the parameters it was sent with.
    expect(s.chats[0]?.params).toEqual({ tools: [WEATHER] });
    expect(answer(s, 0)?.params).toEqual({ tools: [WEATHER] });
  });

  it('results typed for a pane’s waiting calls continue that pane alone', async () => {
    const s = setup();
    s.setPanes([LLAMA, CLAUDE]);
    s.state().setSharedParams({ tools: [WEATHER] });
    await s.send('Weather?');
    emitAll(s, 1, [call('c1'), done()]);
    emitAll(s, 2, [call('d1'), done()]);
    s.frame();
    await s.flush();
    const pane = s.state().panes[0]?.id ?? '';
    // Every waiting call needs a result first.
    expect(s.state().submitToolResults(pane, 0, { c1: '  ' })).toBe(false);
    expect(s.state().submitToolResults(pane, 0, { c1: '{"temp": 3}' })).toBe(true);
    await s.flush();
    expect(s.chats).toHaveLength(3);
    expect(s.chats[2]?.endpoint).toBe(LLAMA);
    expect(s.chats[2]?.messages.at(-1)?.items?.at(-1)).toEqual({
      type: 'function_call_output',
      callId: 'c1',
      output: '{"temp": 3}',
    });
    expect(answer(s, 0)?.status).toBe('streaming');
    expect(answer(s, 1)?.status).toBe('done');
    // Not twice: the pane is streaming now.
    expect(s.state().submitToolResults(pane, 0, { c1: 'again' })).toBe(false);
  });

  it('a Stop during a later step ends the loop', async () => {
    const s = setup();
    s.setPanes([LLAMA, CLAUDE]);
    s.state().setSharedParams(TOOLS);
    await s.send('Weather?');
    emitAll(s, 1, [call('c1'), done()]);
    emitAll(s, 2, [done()]);
    s.frame();
    await s.flush();
    await s.state().stopPane(s.state().panes[0]?.id ?? '');
    s.emit(s.id(3), 0, { type: 'aborted', metrics: null });
    s.frame();
    await s.flush();
    expect(answer(s, 0)?.status).toBe('stopped');
    expect(s.chats).toHaveLength(3);
  });

  it('exports every call with its argument check and result', async () => {
    const s = setup();
    s.setPanes([LLAMA, CLAUDE]);
    s.state().setSharedParams(TOOLS);
    await s.send('Weather?');
    emitAll(s, 1, [call('c1', '{"town": "Oslo"}'), done()]);
    emitAll(s, 2, [done()]);
    s.frame();
    await s.flush();
    emitAll(s, 3, [{ type: 'delta', index: 0, text: 'Warm.' }, done()]);
    s.frame();
    await s.flush();
    const exportable = { ...s.state(), synthetic: false };
    const [line] = jsonlLines(exportable);
    expect(line?.tool_calls).toEqual([
      {
        name: 'get_weather',
        arguments: '{"town": "Oslo"}',
        arguments_valid: false,
        arguments_errors: ['/: Instance does not have required property "city".'],
        output: '{"temp": 21}',
      },
    ]);
    expect(line?.validation).toBeNull();
    expect(toMarkdown(exportable)).toContain(
      '- `get_weather`: arguments don\'t match: /: Instance does not have required property "city".',
    );
  });
});
