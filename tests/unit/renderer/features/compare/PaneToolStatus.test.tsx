import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { CompareAnswer } from '../../../../../renderer/core/db/records';
import { emptyAnswer } from '../../../../../renderer/features/compare/compare-model';
import { PaneToolStatus } from '../../../../../renderer/features/compare/PaneToolStatus';
import type { GenerationParams, OutputItem } from '../../../../../shared/domain';

/* Under a pane's tool cards: argument checks, and why calls are waiting. */

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
  it('checks each call’s arguments against its tool, in order', () => {
    const html = render([
      call('a', 'get_weather', '{"city": "Oslo"}'),
      call('b', 'get_weather', '{}'),
      call('c', 'lookup', '{}'),
    ]);
    const checks = [...html.matchAll(/data-valid="(true|false)"/g)].map((m) => m[1]);
    expect(checks).toEqual(['true', 'false', 'false']);
    expect(html).toContain('arguments valid');
    expect(html).toContain('arguments don&#x27;t match: /: Instance does not have required property');
    expect(html).toContain('The model called &quot;lookup&quot;, which is not one of the tools.');
  });

  it('out of mock mode: says the calls wait and how to run them', () => {
    const html = render([
      call('a', 'get_weather', '{"city": "Oslo"}'),
      call('b', 'get_weather', '{"city": "Rome"}'),
    ]);
    expect(html).toContain('Called 2 tools — turn on mock mode to run them here.');
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

  it('nothing while streaming beyond the checks, and nothing at all without tools', () => {
    const streaming = render([call('a', 'get_weather', '{"city": "Oslo"}')], TOOLS, 'streaming');
    expect(streaming).toContain('pane-tool-check');
    expect(streaming).not.toContain('mock mode');
    expect(render([call('a', 'get_weather', '{}')], {})).toBe('');
  });
});

describe('PaneToolStatus wording', () => {
  it('one waiting call is "it"', () => {
    expect(render([call('a', 'get_weather', '{"city": "Oslo"}')])).toContain(
      'Called 1 tool — turn on mock mode to run it here.',
    );
  });
});
