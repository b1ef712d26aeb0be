import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { CompareAnswer } from '../../../../../renderer/core/db/records';
import { emptyAnswer } from '../../../../../renderer/features/compare/compare-model';
import { PaneToolStatus } from '../../../../../renderer/features/compare/PaneToolStatus';
import type { GenerationParams, OutputItem } from '../../../../../shared/domain';

/* Under a pane's tool cards: why calls are waiting, and what to do. */

const TOOLS: GenerationParams = {
  tools: [
    {
      name: 'get_weather',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  ],
};
const call = (callId: string, name: string, args: string): OutputItem => ({
  type: 'function_call',
  callId,
  name,
  arguments: args,
});
const render = (
  items: OutputItem[],
  params: GenerationParams = TOOLS,
  status: CompareAnswer['status'] = 'done',
) => renderToStaticMarkup(<PaneToolStatus answer={{ ...emptyAnswer(0), status, items, params }} />);

describe('PaneToolStatus', () => {
  it('out of mock mode: says the calls wait and how to run them', () => {
    const html = render([
      call('a', 'get_weather', '{"city": "Oslo"}'),
      call('b', 'get_weather', '{"city": "Rome"}'),
    ]);
    expect(html).toContain(
      'Called 2 tools: answer them above, or turn on mock mode to run tools unattended.',
    );
  });

  it('at the step cap: says the loop stopped there', () => {
    const items: OutputItem[] = [
      call('a', 'get_weather', '{"city": "Oslo"}'),
      { type: 'function_call_output', callId: 'a', output: '1' },
      call('b', 'get_weather', '{"city": "Oslo"}'),
    ];
    const html = render(items, { ...TOOLS, tool_mock: true, max_tool_steps: 2 });
    expect(html).toContain('Stopped after 2 tool steps (the cap is 2): 1 call not run.');
  });

  it('nothing while streaming, and nothing at all without tools', () => {
    const streaming = render([call('a', 'get_weather', '{"city": "Oslo"}')], TOOLS, 'streaming');
    expect(streaming).toBe('');
    expect(render([call('a', 'get_weather', '{}')], {})).toBe('');
  });
});

describe('PaneToolStatus wording', () => {
  it('one waiting call is "it"', () => {
    expect(render([call('a', 'get_weather', '{"city": "Oslo"}')])).toContain(
      'Called 1 tool: answer it above, or turn on mock mode to run tools unattended.',
    );
  });
});
