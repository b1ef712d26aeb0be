import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { markdownModule } from '../../../../renderer/components/markdown/LazyMarkdown';
import { OutputItemCards, resultsComplete } from '../../../../renderer/components/OutputItemCards';
import type { GenerationParams, OutputItem } from '../../../../shared/domain';

/* Tool calls in an answer: steps in order, the argument check, the result form. */

const PARAMS: GenerationParams = {
  tools: [
    {
      name: 'get_weather',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      mocks: ['{"temperature": 18}', 'sunny'],
    },
  ],
};

const call = (callId: string, args: string, name = 'get_weather'): OutputItem => ({
  type: 'function_call',
  callId,
  name,
  arguments: args,
});

const render = (items: OutputItem[], extra: Partial<Parameters<typeof OutputItemCards>[0]> = {}) =>
  renderToStaticMarkup(<OutputItemCards items={items} streaming={false} {...extra} />);

const form = (values: Record<string, string>) => ({
  values,
  onChange: () => undefined,
  onSubmit: () => undefined,
  busy: false,
});

// The markdown renderer's chunk, loaded as the app loads it after its first paint.
beforeAll(() => markdownModule.load());

describe('OutputItemCards with tools', () => {
  it('shows step text and calls in order, checking each call against its tool', () => {
    const html = render(
      [
        { type: 'text', text: 'Let me **check**.' },
        call('a', '{"city":"Paris"}'),
        { type: 'function_call_output', callId: 'a', output: '{"temperature":21}' },
        call('b', '{"town":"Oslo"}'),
        call('c', '{}', 'get_time'),
      ],
      { params: PARAMS },
    );
    expect(html.indexOf('step-text')).toBeLessThan(html.indexOf('data-call-id="a"'));
    expect(html).toContain('<strong>check</strong>');
    expect(html).toContain('✓ arguments match the schema');
    expect(html).toMatch(/data-valid="false"[^>]*>✗ arguments don(&#x27;|')t match: \/: .*city/);
    expect(html).toContain('unknown tool');
    // Pretty-printed arguments and the result that came back.
    expect(html).toContain('&quot;city&quot;: &quot;Paris&quot;');
    expect(html).toContain('&quot;temperature&quot;: 21');
  });

  it('shows no check for an agent (no params): its cards stay as they were', () => {
    const html = render([call('a', '{"order_id":"1"}', 'lookup_order')]);
    expect(html).not.toContain('arguments-check');
    expect(html).not.toMatch(/<details[^>]*open/);
  });

  it('asks for a result per pending call, with the mocks to pick from, and one Send results', () => {
    const items = [call('a', '{"city":"Paris"}'), call('b', '{"city":"Oslo"}')];
    const empty = render(items, { params: PARAMS, form: form({ a: '21' }) });
    expect(empty.match(/data-testid="tool-result-form"/g)).toHaveLength(2);
    expect(empty).toContain('Use mock…');
    expect(empty).toContain('1. {&quot;temperature&quot;: 18}');
    expect(empty).toContain('>21</textarea>');
    expect(empty).toMatch(/<button[^>]*disabled=""[^>]*>Send results<\/button>/);
    const full = render(items, { params: PARAMS, form: form({ a: '21', b: '5' }) });
    expect(full).toMatch(/<button[^>]*>Send results<\/button>/);
    expect(full).not.toMatch(/<button[^>]*disabled=""[^>]*>Send results<\/button>/);
  });

  it('needs a non-blank result for every pending call', () => {
    const items = [
      call('a', '{}'),
      { type: 'function_call_output', callId: 'a', output: 'x' } as OutputItem,
      call('b', '{}'),
    ];
    expect(resultsComplete(items, {})).toBe(false);
    expect(resultsComplete(items, { b: '  ' })).toBe(false);
    expect(resultsComplete(items, { b: 'ok' })).toBe(true);
  });
});
