import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import type { Router } from '../../../../electron/services/router';
import { attachSession, POLICY_VIOLATION } from '../../../../electron/web-host/ws-session';
import { fail, ok } from '../../../../shared/errors';

/*
 * One WebSocket → one router session, driven through a socket double: what the page sends
 * ('message' events), what it gets back (`send`), and when the session ends (`close`).
 */

class SocketDouble extends EventEmitter {
  readyState: number = WebSocket.OPEN;
  readonly sent: unknown[] = [];
  closedWith: [number, string] | null = null;
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code: number, reason: string) {
    this.closedWith = [code, reason];
  }
  /** A text frame as the page sends it. */
  receive(frame: unknown, isBinary = false) {
    const text = typeof frame === 'string' ? frame : JSON.stringify(frame);
    this.emit('message', Buffer.from(text), isBinary);
  }
}

function setup(handle: Router['handle'] = async (channel, payload) => ok({ channel, payload })) {
  const socket = new SocketDouble();
  const router = { handle: vi.fn(handle), closeSession: vi.fn() };
  const session = attachSession(socket as unknown as WebSocket, router);
  return { socket, router, session };
}

describe('attachSession', () => {
  it('answers each call with a result frame carrying its id, the payload passed as sent', async () => {
    const { socket, router, session } = setup();
    socket.receive({ kind: 'call', id: 7, channel: 'app:get-info', payload: { a: 1 } });
    socket.receive({ kind: 'call', id: 8, channel: 'endpoints:list' });
    await vi.waitFor(() => expect(socket.sent).toHaveLength(2));
    expect(socket.sent).toEqual([
      { kind: 'result', id: 7, result: { ok: true, value: { channel: 'app:get-info', payload: { a: 1 } } } },
      { kind: 'result', id: 8, result: { ok: true, value: { channel: 'endpoints:list' } } },
    ]);
    expect(router.handle).toHaveBeenNthCalledWith(1, 'app:get-info', { a: 1 }, session);
    expect(router.handle).toHaveBeenNthCalledWith(2, 'endpoints:list', undefined, session);
    expect(socket.closedWith).toBeNull();
  });

  it("passes the router's own failure through unchanged", async () => {
    const { socket } = setup(async () => fail('BUSY', 'Too many requests at once.'));
    socket.receive({ kind: 'call', id: 1, channel: 'endpoints:list' });
    await vi.waitFor(() => expect(socket.sent).toHaveLength(1));
    expect(socket.sent[0]).toEqual({
      kind: 'result',
      id: 1,
      result: { ok: false, error: { code: 'BUSY', message: 'Too many requests at once.' } },
    });
  });

  it('answers a router that throws with INTERNAL, never with the thrown message', async () => {
    const { socket } = setup(async () => {
      throw new Error('ECONNREFUSED /home/ada/secret-path');
    });
    socket.receive({ kind: 'call', id: 3, channel: 'endpoints:list' });
    await vi.waitFor(() => expect(socket.sent).toHaveLength(1));
    expect(socket.sent[0]).toEqual({
      kind: 'result',
      id: 3,
      result: {
        ok: false,
        error: {
          code: 'INTERNAL',
          message: 'Something went wrong in Serving Studio. Try again; restart it if it persists.',
        },
      },
    });
    expect(JSON.stringify(socket.sent)).not.toContain('secret-path');
  });

  it.each([
    ['not JSON', 'not json', false],
    ['a binary frame, even one holding a valid call', { kind: 'call', id: 1, channel: 'app:get-info' }, true],
    ['a negative id', { kind: 'call', id: -1, channel: 'x' }, false],
    ['a fractional id', { kind: 'call', id: 1.5, channel: 'x' }, false],
    ['another kind', { kind: 'result', id: 1, channel: 'x' }, false],
    ['a channel longer than 100 characters', { kind: 'call', id: 1, channel: 'x'.repeat(101) }, false],
    ['JSON null', 'null', false],
  ])('ends the session on %s: 1008, and the router never sees it', async (_why, frame, isBinary) => {
    const { socket, router } = setup();
    socket.receive(frame, isBinary);
    expect(socket.closedWith).toEqual([POLICY_VIOLATION, 'Malformed frame']);
    expect(POLICY_VIOLATION).toBe(1008);
    expect(router.handle).not.toHaveBeenCalled();
    expect(socket.sent).toEqual([]);
  });

  it('pushes stream events while the socket is open, and drops them once it is not', () => {
    const { socket, session } = setup();
    session.emit({ streamId: 's', seq: 0, type: 'start', model: 'm' });
    expect(socket.sent).toEqual([
      { kind: 'event', event: { streamId: 's', seq: 0, type: 'start', model: 'm' } },
    ]);
    for (const state of [WebSocket.CLOSING, WebSocket.CLOSED, WebSocket.CONNECTING]) {
      socket.readyState = state;
      expect(() => session.emit({ streamId: 's', seq: 1, type: 'delta', index: 0, text: 'x' })).not.toThrow();
    }
    expect(socket.sent).toHaveLength(1);
  });

  it('drops the answer of a call that finishes after the socket closed', async () => {
    let answer: (value: unknown) => void = () => {};
    const { socket } = setup(() => new Promise((resolve) => (answer = (v) => resolve(ok(v)))));
    socket.receive({ kind: 'call', id: 1, channel: 'endpoints:list' });
    socket.readyState = WebSocket.CLOSED;
    answer('late');
    await new Promise((resolve) => setImmediate(resolve));
    expect(socket.sent).toEqual([]);
  });

  it('ends its router session once, when the socket closes, and survives socket errors', () => {
    const { socket, router, session } = setup();
    expect(() => socket.emit('error', new Error('ECONNRESET'))).not.toThrow();
    expect(router.closeSession).not.toHaveBeenCalled();
    socket.emit('close');
    socket.emit('close');
    expect(router.closeSession).toHaveBeenCalledTimes(1);
    expect(router.closeSession).toHaveBeenCalledWith(session.id);
  });

  it('gives every session its own random id', () => {
    const ids = new Set(Array.from({ length: 5 }, () => setup().session.id));
    expect(ids.size).toBe(5);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
