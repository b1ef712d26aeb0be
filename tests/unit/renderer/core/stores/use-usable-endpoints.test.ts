import { describe, expect, it } from 'vitest';
import { endpointChoice } from '../../../../../renderer/core/stores/use-usable-endpoints';
import type { Endpoint } from '../../../../../shared/domain';
import type { StudioError } from '../../../../../shared/errors';

/* What a pane's endpoint choice amounts to: auto-picked only when nothing was chosen, never swapped. */

const ep = (name: string, ready: 'READY' | 'NOT_READY' = 'READY') =>
  ({ name, ready, taskKind: 'chat' }) as Endpoint;
const LIST = [ep('databricks-claude-sonnet-4-5', 'NOT_READY'), ep('databricks-meta-llama-3-3-70b-instruct')];
const RETIRED = 'databricks-dbrx-instruct';
const SAID = `The endpoint ${RETIRED} has been retired. Please use another model.`;
const retired: StudioError = {
  code: 'NOT_FOUND',
  message: `The model behind "${RETIRED}" has been retired. Pick another model.`,
  serverMessage: SAID,
  retired: true,
  status: 404,
};

describe('endpointChoice', () => {
  it('picks the first ready endpoint only when nothing was chosen yet', () => {
    expect(endpointChoice('chat', LIST, null, 'ready', {})).toEqual({
      selected: undefined,
      missing: null,
      autoPick: 'databricks-meta-llama-3-3-70b-instruct',
    });
    expect(endpointChoice('chat', [], null, 'ready', {}).autoPick).toBeNull();
    // Nothing is decided while the list loads.
    expect(endpointChoice('chat', LIST, RETIRED, 'loading', {})).toEqual({
      selected: undefined,
      missing: null,
      autoPick: null,
    });
  });

  it('keeps a remembered endpoint the workspace no longer lists, as missing — never replaced', () => {
    const choice = endpointChoice('chat', LIST, RETIRED, 'ready', {});
    expect(choice.autoPick).toBeNull();
    expect(choice.selected).toBeUndefined();
    expect(choice.missing).toMatchObject({ name: RETIRED, error: null });
    expect(choice.missing?.reason).toMatch(/not among this workspace's chat endpoints.*retired/);
  });

  it("gives the server's own words when it said the endpoint is gone (retired)", () => {
    const choice = endpointChoice('chat', LIST, RETIRED, 'ready', { [RETIRED]: retired });
    expect(choice.missing).toMatchObject({ name: RETIRED, error: retired });
    expect(choice.missing?.reason).toBe(
      `The server said: “${SAID}” The model behind "${RETIRED}" has been retired. Pick another model.`,
    );
  });

  it('reports a listed endpoint the server answered 404 for as missing too', () => {
    const name = 'databricks-meta-llama-3-3-70b-instruct';
    const choice = endpointChoice('chat', LIST, name, 'ready', { [name]: retired });
    expect(choice.selected?.name).toBe(name);
    expect(choice.missing?.name).toBe(name);
  });

  it('an endpoint that is listed and not gone is simply selected', () => {
    const choice = endpointChoice('chat', LIST, 'databricks-claude-sonnet-4-5', 'ready', {});
    expect(choice).toMatchObject({
      missing: null,
      autoPick: null,
      selected: { name: 'databricks-claude-sonnet-4-5' },
    });
  });
});
