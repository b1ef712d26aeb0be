import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTRACT, METHOD_NAMES, STREAM_EVENT_CHANNEL } from '../../../../shared/contract';
import { ok } from '../../../../shared/errors';
import type { StreamEvent } from '../../../../shared/stream-events';

const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, payload: unknown) => Promise<unknown>) =>
      handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

const { createAppUrlPolicy } = await import('../../../../electron/main/app-url');
const { setupIpc, sessionFor } = await import('../../../../electron/main/ipc');

const APP_URL = 'file:///app/dist/renderer/index.html';
const policy = createAppUrlPolicy(APP_URL);

const router = {
  handle: vi.fn(async (..._args: unknown[]) => ok({ version: '1', mode: 'electron' })),
  closeSession: vi.fn(),
};

/** A web contents double with a main frame at `url`. */
const fakeContents = (id = 7) => {
  const mainFrame = { url: APP_URL, parent: null as unknown };
  let destroyed = false;
  return {
    id,
    mainFrame,
    send: vi.fn(),
    isDestroyed: () => destroyed,
    destroy: () => {
      destroyed = true;
    },
  };
};

const invoke = (channel: string, event: unknown, payload?: unknown) => {
  const handler = handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(event, payload) as Promise<{ ok: boolean; error?: { code: string } }>;
};

let dispose: () => void;
beforeEach(() => {
  router.handle.mockClear();
  dispose?.();
  dispose = setupIpc(router, policy);
});

describe('setupIpc', () => {
  it('registers exactly the contract channels', () => {
    expect([...handlers.keys()].sort()).toEqual(METHOD_NAMES.map((m) => CONTRACT[m].channel).sort());
  });

  it('routes a call from the main frame of the app page', async () => {
    const sender = fakeContents();
    const result = await invoke('app:get-info', { sender, senderFrame: sender.mainFrame }, undefined);
    expect(result).toEqual({ ok: true, value: { version: '1', mode: 'electron' } });
    expect(router.handle).toHaveBeenCalledWith(
      'app:get-info',
      undefined,
      expect.objectContaining({ id: '7' }),
    );
  });

  it.each([
    [
      'a foreign page URL',
      (c: ReturnType<typeof fakeContents>) => ({ ...c.mainFrame, url: 'https://evil.example/' }),
    ],
    [
      'another local file',
      (c: ReturnType<typeof fakeContents>) => ({ ...c.mainFrame, url: 'file:///tmp/x.html' }),
    ],
    [
      'a subframe of the app',
      (c: ReturnType<typeof fakeContents>) => ({ url: APP_URL, parent: c.mainFrame }),
    ],
    ['a detached frame', () => null],
  ])('refuses %s without calling the router', async (_name, frameOf) => {
    const sender = fakeContents();
    const result = await invoke('workspaces:list', { sender, senderFrame: frameOf(sender) });
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('INVALID_REQUEST');
    expect(router.handle).not.toHaveBeenCalled();
  });

  it('holds each window to the router limits, as the WebSocket does', async () => {
    const { createRouter, MAX_IN_FLIGHT_PER_SESSION } = await import('../../../../electron/services/router');
    let release: () => void = () => undefined;
    const gate = new Promise<void>((done) => {
      release = done;
    });
    const slow = vi.fn(async () => {
      await gate;
      return { version: '1', mode: 'electron' as const };
    });
    dispose();
    dispose = setupIpc(createRouter({ getAppInfo: slow } as never), policy);
    const busyWindow = fakeContents(8);
    const calls = Array.from({ length: MAX_IN_FLIGHT_PER_SESSION + 1 }, () =>
      invoke('app:get-info', { sender: busyWindow, senderFrame: busyWindow.mainFrame }),
    );
    // Another window has its own budget.
    const other = fakeContents(9);
    const otherCall = invoke('app:get-info', { sender: other, senderFrame: other.mainFrame });
    release();
    const results = await Promise.all(calls);
    expect(results.filter((r) => r.ok)).toHaveLength(MAX_IN_FLIGHT_PER_SESSION);
    expect(results.filter((r) => !r.ok).map((r) => r.error?.code)).toEqual(['BUSY']);
    expect(await otherCall).toMatchObject({ ok: true });
    // An oversize text is refused by the contract over IPC too, in words.
    const sender = fakeContents(10);
    const tooLong = (await invoke(
      'completion:start',
      { sender, senderFrame: sender.mainFrame },
      { streamId: 'a1b2c3d4-0000-4000-8000-000000000001', endpoint: 'e1', prompt: 'a'.repeat(4_000_001) },
    )) as { error?: { message: string } };
    expect(tooLong.error?.message).toMatch(/^This prompt is 4 million characters long/);
  });

  it('turns a router that throws into INTERNAL without its message', async () => {
    router.handle.mockRejectedValueOnce(new Error('secret internals'));
    const sender = fakeContents();
    const result = await invoke('endpoints:list', { sender, senderFrame: sender.mainFrame });
    expect(result.error?.code).toBe('INTERNAL');
    expect(JSON.stringify(result)).not.toContain('secret internals');
  });

  it('removes its handlers on dispose', () => {
    dispose();
    expect(handlers.size).toBe(0);
    dispose = setupIpc(router, policy);
  });
});

describe('sessionFor', () => {
  const event: StreamEvent = { streamId: 's1', seq: 0, type: 'start', model: null };

  it('sends stream events to its own web contents', () => {
    const contents = fakeContents(3);
    const session = sessionFor(contents as never);
    expect(session.id).toBe('3');
    expect(sessionFor(contents as never)).toBe(session);
    session.emit(event);
    expect(contents.send).toHaveBeenCalledWith(STREAM_EVENT_CHANNEL, event);
  });

  it('is safe after the web contents is destroyed', () => {
    const contents = fakeContents(4);
    const session = sessionFor(contents as never);
    contents.destroy();
    expect(() => session.emit(event)).not.toThrow();
    expect(contents.send).not.toHaveBeenCalled();
  });

  it('swallows a send that races with destruction', () => {
    const contents = fakeContents(5);
    contents.send.mockImplementation(() => {
      throw new Error('Object has been destroyed');
    });
    expect(() => sessionFor(contents as never).emit(event)).not.toThrow();
  });
});
