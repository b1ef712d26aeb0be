import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTRACT, METHOD_NAMES, STREAM_EVENT_CHANNEL, type StudioApi } from '../../../../shared/contract';

const exposed = new Map<string, unknown>();
const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
const invoke = vi.fn(async (channel: string, _payload?: unknown) => ({ ok: true, value: channel }));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: {
    invoke,
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
      listeners.get(channel)?.delete(listener),
  },
}));

let api: StudioApi;
beforeAll(async () => {
  await import('../../../../electron/preload/index');
  api = exposed.get('studio') as StudioApi;
});

describe('preload', () => {
  it('exposes only window.studio', () => {
    expect([...exposed.keys()]).toEqual(['studio']);
  });

  it('exposes exactly the named contract methods and onStreamEvent', () => {
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES, 'onStreamEvent'].sort());
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('send');
    expect(api).not.toHaveProperty('on');
  });

  it.each(METHOD_NAMES)('%s invokes its own channel with the payload only', async (method) => {
    invoke.mockClear();
    const call = api[method] as (payload?: unknown) => Promise<unknown>;
    await call({ probe: method });
    expect(invoke).toHaveBeenCalledExactlyOnceWith(CONTRACT[method].channel, { probe: method });
  });

  it('delivers stream events without the IpcRendererEvent, and unsubscribes', () => {
    const received: unknown[][] = [];
    const unsubscribe = api.onStreamEvent((...args: unknown[]) => received.push(args));
    const event = { streamId: 's', seq: 0, type: 'start', model: null };
    for (const listener of listeners.get(STREAM_EVENT_CHANNEL) ?? [])
      listener({ sender: 'ipcRenderer' }, event);
    expect(received).toEqual([[event]]);
    unsubscribe();
    expect(listeners.get(STREAM_EVENT_CHANNEL)?.size).toBe(0);
  });
});
