import { describe, expect, it } from 'vitest';
import { withItemAfterText } from '../../../../renderer/core/reasoning';
import {
  checkArguments,
  foldStepText,
  mockResult,
  nextToolStep,
  pendingCalls,
  toolSteps,
  withResults,
} from '../../../../renderer/core/tool-loop';
import type { GenerationParams, OutputItem } from '../../../../shared/domain';

const weather = {
  name: 'get_weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  mocks: ['{"temperature": 21}'],
};
const clock = { name: 'get_time', parameters: { type: 'object', properties: {} } };
const params: GenerationParams = { tools: [weather, clock], tool_mock: true };
const call = (callId: string, name = 'get_weather', args = '{"city":"Paris"}'): OutputItem => ({
  type: 'function_call',
  callId,
  name,
  arguments: args,
});
const out = (callId: string, output = 'r'): OutputItem => ({ type: 'function_call_output', callId, output });

describe('the tool loop', () => {
  it('finds the calls without results, in call order (parallel calls)', () => {
    const items = [call('a'), call('b', 'get_time', '{}'), out('a')];
    expect(pendingCalls(items).map((c) => (c.type === 'function_call' ? c.callId : ''))).toEqual(['b']);
  });

  it('counts steps as runs of calls', () => {
    expect(toolSteps([])).toBe(0);
    expect(toolSteps([call('a'), call('b'), out('a'), out('b')])).toBe(1);
    expect(toolSteps([call('a'), out('a'), { type: 'text', text: 'next' }, call('b'), out('b')])).toBe(2);
  });

  it('answers a call with the first saved mock, a note without one, an error for an unknown tool', () => {
    expect(mockResult(params, call('a') as never)).toBe('{"temperature": 21}');
    expect(JSON.parse(mockResult(params, call('b', 'get_time', '{}') as never))).toMatchObject({
      mock: true,
    });
    expect(JSON.parse(mockResult(params, call('c', 'nope') as never))).toEqual({
      error: 'No tool named "nope" is defined.',
    });
  });

  it('puts results after the calls, in call order', () => {
    const items = withResults(
      [call('a'), call('b', 'get_time', '{}')],
      new Map([
        ['b', 'B'],
        ['a', 'A'],
      ]),
    );
    expect(items.slice(2)).toEqual([out('a', 'A'), out('b', 'B')]);
  });

  it('goes on in mock mode until the step cap, then waits for the user', () => {
    expect(nextToolStep([], params)).toEqual({ kind: 'done' });
    expect(nextToolStep([call('a')], { ...params, tool_mock: false }).kind).toBe('await');
    const first = nextToolStep([call('a')], params);
    expect(first.kind).toBe('mock');
    let items: OutputItem[] = [call('a')];
    let steps = 0;
    for (;;) {
      const decision = nextToolStep(items, { ...params, max_tool_steps: 3 });
      if (decision.kind !== 'mock') {
        expect(decision).toMatchObject({ kind: 'capped', steps: 3 });
        break;
      }
      steps++;
      items = [...withResults(items, decision.results), call(`s${steps}`)];
    }
    expect(steps).toBe(2);
  });

  it('checks arguments against the tool’s schema', () => {
    expect(checkArguments(params, call('a') as never)).toEqual({
      kind: 'checked',
      valid: true,
      errors: [],
      value: { city: 'Paris' },
    });
    const bad = checkArguments(params, call('a', 'get_weather', '{"town":"Paris"}') as never);
    expect(bad).toMatchObject({ kind: 'checked', valid: false });
    expect(checkArguments(params, call('a', 'get_time', '') as never)).toMatchObject({ valid: true });
    expect(checkArguments(params, call('a', 'nope') as never).kind).toBe('unknown-tool');
  });

  it('moves a step’s text before the call that follows it', () => {
    expect(withItemAfterText('Let me look.', [], call('a'))).toEqual({
      text: '',
      items: [{ type: 'text', text: 'Let me look.' }, call('a')],
    });
    expect(withItemAfterText('', [], call('a'))).toEqual({ text: '', items: [call('a')] });
    expect(withItemAfterText('kept', [], out('a'))).toEqual({ text: 'kept', items: [out('a')] });
  });

  it('puts text written after the waiting calls before them, so the next step starts empty', () => {
    const answered = [call('a'), out('a')];
    expect(foldStepText('after', [...answered, call('b')])).toEqual([
      ...answered,
      { type: 'text', text: 'after' },
      call('b'),
    ]);
    expect(foldStepText('', [call('b')])).toEqual([call('b')]);
  });
});
