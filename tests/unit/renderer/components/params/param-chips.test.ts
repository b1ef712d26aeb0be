import { describe, expect, it } from 'vitest';
import { describeParams, paramChips } from '../../../../../renderer/components/params/param-chips';

describe('paramChips', () => {
  it('lists what the request sends beyond the defaults, in the request’s order', () => {
    expect(
      paramChips({ stop: ['.', '###'], temperature: 0, max_tokens: 40, stream: false }).map((c) => c.label),
    ).toEqual(['max_tokens 40', 'temperature 0', 'stop "." "###"', 'not streamed']);
  });

  it('names tools, the tool choice, the format and the app’s own tool settings briefly', () => {
    const tool = (name: string) => ({ name, parameters: { type: 'object' } });
    const chips = paramChips({
      tools: [tool('get_weather'), tool('calculate')],
      tool_choice: 'required',
      response_format: { type: 'json_schema', json_schema: { name: 'person', schema: { type: 'object' } } },
      tool_mock: true,
      max_tool_steps: 3,
      thinking_budget: 2048,
    });
    expect(chips.map((c) => [c.key, c.label])).toEqual([
      ['thinking_budget', 'thinking 2048 tokens'],
      ['tools', '2 tools: get_weather, calculate'],
      ['tool_choice', 'tool_choice required'],
      ['response_format', 'JSON schema person'],
      ['tool_mock', 'mock tool results'],
      ['max_tool_steps', 'max 3 tool steps'],
    ]);
  });

  it('shows nothing for unset values, streaming on or an empty stop list', () => {
    expect(paramChips({ stream: true, stop: [], tools: [] })).toEqual([]);
    expect(describeParams({})).toBe('no parameters set');
    expect(describeParams({ temperature: 0.4, stop: ['END'] })).toBe('temperature 0.4, stop "END"');
  });
});
