import { describe, expect, it, vi } from 'vitest';
import {
  openEndpointIn,
  registerEndpointOpener,
  registerEndpointOpenerLoader,
} from '../../../../renderer/core/open-endpoint';

describe('opening an endpoint in a view', () => {
  it('opens at once in a view that registered its opener', () => {
    const open = vi.fn();
    const unregister = registerEndpointOpener('chat', open);
    expect(openEndpointIn('chat', 'my-llama')).toBe(true);
    expect(open).toHaveBeenCalledWith('my-llama', undefined);
    unregister();
  });

  it("loads a view's module first when its opener is not registered yet, then opens", async () => {
    const open = vi.fn();
    let unregister: () => void = () => undefined;
    const load = vi.fn(async () => {
      unregister = registerEndpointOpener('compare', open);
    });
    registerEndpointOpenerLoader('compare', load);
    expect(openEndpointIn('compare', 'my-llama-pt')).toBe(true);
    await vi.waitFor(() => expect(open).toHaveBeenCalledWith('my-llama-pt', undefined));
    expect(load).toHaveBeenCalledTimes(1);
    // Registered now: the next one opens without loading again.
    expect(openEndpointIn('compare', 'other')).toBe(true);
    expect(open).toHaveBeenLastCalledWith('other', undefined);
    expect(load).toHaveBeenCalledTimes(1);
    unregister();
  });
});
