import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createWebSocketBridge,
  webSocketUrlFromLocation,
} from '../../../../../renderer/core/bridge/ws-client';
import type { StreamEvent } from '../../../../../shared/stream-events';
import { MAX_FRAME_BYTES } from '../../../../../shared/ws-protocol';

/** A WebSocket double: records sent frames; the test opens, answers and closes it. */
class FakeSocket {
  static readonly OPEN = 1;
  static instances: FakeSocket[] = [];
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  open() {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
}

const latest = () => FakeSocket.instances.at(-1) as FakeSocket;
const URL = 'ws://127.0.0.1:1234/bridge?token=abc';
const bridge = () =>
  createWebSocketBridge(URL, { WebSocket: FakeSocket as unknown as typeof WebSocket, initialDelayMs: 10 });

beforeEach(() => {
  FakeSocket.instances = [];
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

describe('webSocketUrlFromLocation', () => {
  it('builds the socket URL from the page URL token', () => {
    expect(
      webSocketUrlFromLocation({ protocol: 'http:', host: '127.0.0.1:1234', search: '?token=a-b_c' }),
    ).toBe('ws://127.0.0.1:1234/bridge?token=a-b_c');
    expect(webSocketUrlFromLocation({ protocol: 'http:', host: '127.0.0.1:1234', search: '' })).toBeNull();
  });
});

describe('createWebSocketBridge', () => {
  it('refuses a frame over the host bound in words, sends nothing, and keeps the socket', async () => {
    const api = bridge();
    latest().open();
    // Four million characters of three-byte text: 12 MB, under the bound; the bound itself in text: over it.
    const small = api.startCompletion({
      streamId: 's',
      endpoint: 'e',
      prompt: '€'.repeat(4_000_000),
      params: {},
    });
    const big = api.startCompletion({
      streamId: 's',
      endpoint: 'e',
      prompt: 'a'.repeat(MAX_FRAME_BYTES),
      params: {},
    });
    expect(await big).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/larger than one request can be \(63 MB\)/),
      },
    });
    expect(latest().sent.map((f) => f.channel)).toEqual(['completion:start']);
    expect(FakeSocket.instances).toHaveLength(1);
    latest().receive({
      kind: 'result',
      id: (latest().sent[0] as { id: number }).id,
      result: { ok: true, value: 1 },
    });
    expect(await small).toEqual({ ok: true, value: 1 });
  });

  it('queues calls until the socket opens and matches results by id', async () => {
    const api = bridge();
    const info = api.getAppInfo();
    const endpoints = api.getEndpoint({ name: 'e1' });
    expect(latest().sent).toEqual([]);
    latest().open();
    expect(latest().sent.map((f) => f.channel)).toEqual(['app:get-info', 'endpoints:get']);
    const [first, second] = latest().sent as { id: number }[];
    latest().receive({ kind: 'result', id: second?.id, result: { ok: true, value: 'B' } });
    latest().receive({ kind: 'result', id: first?.id, result: { ok: true, value: 'A' } });
    expect(await info).toEqual({ ok: true, value: 'A' });
    expect(await endpoints).toEqual({ ok: true, value: 'B' });
  });

  it('delivers pushed events to subscribers until they unsubscribe', () => {
    const api = bridge();
    latest().open();
    const seen: StreamEvent[] = [];
    const off = api.onStreamEvent((event) => seen.push(event));
    const event = { streamId: 's', seq: 0, type: 'start', model: null };
    latest().receive({ kind: 'event', event });
    off();
    latest().receive({ kind: 'event', event: { ...event, seq: 1 } });
    expect(seen).toEqual([event]);
  });

  it('fails calls in flight with NETWORK, ends live streams, and reconnects', async () => {
    const api = bridge();
    const states: string[] = [];
    api.onConnectionChange((state) => states.push(state));
    const seen: StreamEvent[] = [];
    api.onStreamEvent((event) => seen.push(event));
    latest().open();
    const start = api.startChat({
      streamId: 's1',
      endpoint: 'e',
      messages: [{ role: 'user', content: 'hi' }],
    });
    latest().receive({
      kind: 'result',
      id: (latest().sent[0] as { id: number }).id,
      result: { ok: true, value: { streamId: 's1' } },
    });
    await start;
    latest().receive({
      kind: 'event',
      event: { streamId: 's1', seq: 0, type: 'delta', index: 0, text: 'x' },
    });
    const pending = api.listEndpoints();
    latest().drop();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'NETWORK' } });
    expect(seen.at(-1)).toMatchObject({ streamId: 's1', seq: 1, type: 'error', partial: true });
    expect(states).toContain('reconnecting');
    expect(console.warn).toHaveBeenCalled();
    await vi.waitFor(() => expect(FakeSocket.instances).toHaveLength(2));
    latest().open();
    expect(states.at(-1)).toBe('open');
  });

  it('backs off 10, 20, 40 ms while the host is down, and starts again at 10 ms after an open', () => {
    vi.useFakeTimers();
    try {
      createWebSocketBridge(URL, {
        WebSocket: FakeSocket as unknown as typeof WebSocket,
        initialDelayMs: 10,
        maxDelayMs: 1_000,
      });
      /** Drops the latest socket and returns how long the bridge waits before the next one. */
      const waitAfterDrop = () => {
        const before = FakeSocket.instances.length;
        latest().drop();
        let waited = 0;
        while (FakeSocket.instances.length === before) {
          vi.advanceTimersByTime(1);
          waited += 1;
        }
        return waited;
      };
      expect([waitAfterDrop(), waitAfterDrop(), waitAfterDrop()]).toEqual([10, 20, 40]);
      latest().open();
      // A connection that opened resets the backoff: the next loss waits the first delay again.
      expect(waitAfterDrop()).toBe(10);
    } finally {
      vi.useRealTimers();
    }
  });
});
