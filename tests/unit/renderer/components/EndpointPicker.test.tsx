import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { EndpointChoice } from '../../../../renderer/core/stores/use-usable-endpoints';
import type { Endpoint } from '../../../../shared/domain';

/*
 * The picker's missing state: a remembered endpoint that is gone stays selected as
 * "<name> (missing)" with the reason. The choice itself is decided (and tested) in
 * core/stores/use-usable-endpoints.ts; here it is given.
 */

const choice = vi.hoisted(() => ({ current: null as unknown }));
vi.mock('../../../../renderer/core/stores/use-usable-endpoints', () => ({
  useUsableEndpoints: () => choice.current,
}));

const { EndpointPicker } = await import('../../../../renderer/components/EndpointPicker');

const LLAMA = {
  name: 'databricks-meta-llama-3-3-70b-instruct',
  ready: 'READY',
  taskKind: 'chat',
} as Endpoint;
const RETIRED = 'databricks-dbrx-instruct';
const REASON =
  'The server said: “The endpoint databricks-dbrx-instruct has been retired. Please use another model.” The model behind "databricks-dbrx-instruct" has been retired. Pick another model.';

function render(given: EndpointChoice, endpoint: string): string {
  choice.current = { usable: [LLAMA], status: 'ready', error: null, ...given };
  return renderToStaticMarkup(
    <EndpointPicker pane="chat" endpoint={endpoint} setEndpoint={() => {}} disabled={false} />,
  );
}

describe('EndpointPicker', () => {
  it('shows a gone endpoint selected as "<name> (missing)" with the reason, the others to pick from', () => {
    const html = render(
      { selected: undefined, autoPick: null, missing: { name: RETIRED, reason: REASON, error: null } },
      RETIRED,
    );
    expect(html).toContain(`<option value="${RETIRED}" selected="">${RETIRED} (missing)</option>`);
    expect(html).toContain(`<option value="${LLAMA.name}">${LLAMA.name}</option>`);
    expect(html).toContain('data-testid="endpoint-missing"');
    expect(html).toContain('has been retired. Please use another model.');
    expect(html).toContain('aria-invalid="true"');
    expect(html).not.toContain('No chat endpoint');
  });

  it('labels a listed endpoint the server said is gone, once', () => {
    const html = render(
      { selected: LLAMA, autoPick: null, missing: { name: LLAMA.name, reason: 'gone', error: null } },
      LLAMA.name,
    );
    expect(html.match(new RegExp(`value="${LLAMA.name}"`, 'g'))).toHaveLength(1);
    expect(html).toContain(`${LLAMA.name} (missing)</option>`);
  });

  it('an endpoint that is there shows no missing state', () => {
    const html = render({ selected: LLAMA, autoPick: null, missing: null }, LLAMA.name);
    expect(html).not.toContain('(missing)');
    expect(html).not.toContain('endpoint-missing');
  });

  it('says which body a custom model (no task) will be sent, per pane', () => {
    const custom = { name: 'my-model', ready: 'READY', taskKind: 'other' } as Endpoint;
    choice.current = {
      usable: [custom],
      status: 'ready',
      error: null,
      selected: custom,
      autoPick: null,
      missing: null,
    };
    const chat = renderToStaticMarkup(
      <EndpointPicker pane="chat" endpoint="my-model" setEndpoint={() => {}} disabled={false} />,
    );
    expect(chat).toContain('sent a Chat Completions body');
    const completion = renderToStaticMarkup(
      <EndpointPicker pane="completions" endpoint="my-model" setEndpoint={() => {}} disabled={false} />,
    );
    expect(completion).toContain('sent a completions body');
    expect(render({ selected: LLAMA, autoPick: null, missing: null }, LLAMA.name)).not.toContain(
      'custom-shape-note',
    );
  });
});
