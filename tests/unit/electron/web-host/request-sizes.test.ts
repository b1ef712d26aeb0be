import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { createRouter } from '../../../../electron/services/router';
import type { Handlers } from '../../../../electron/services/types';
import { MAX_PAYLOAD_BYTES, startWebHost, type WebHost } from '../../../../electron/web-host/server';
import { MAX_IMAGE_URL_CHARS } from '../../../../shared/domain';
import { IMAGE_LIMITS, TEXT_LIMITS } from '../../../../shared/limits';

/*
 * A chat request with images crosses the loopback WebSocket whole, up to the contract's cap
 * on all the images of one request; past it, the page gets the contract's words, not a
 * closed socket.
 */

const startChat = vi.fn(async (request: { streamId: string }) => ({ streamId: request.streamId }));
const router = createRouter({ startChat } as unknown as Handlers);

let root: string;
let host: WebHost;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'web-host-sizes-'));
  mkdirSync(join(root, 'renderer'));
  writeFileSync(join(root, 'renderer/index.html'), '<!doctype html>');
  host = await startWebHost({ services: { router }, port: 0, rendererDir: join(root, 'renderer') });
});

afterAll(async () => {
  await host.close();
  rmSync(root, { recursive: true, force: true });
});

/** Sends one call and resolves with its result frame (or the close code, if the socket closed). */
async function call(payload: unknown): Promise<Record<string, unknown> | { closed: number }> {
  const token = new URL(host.url).searchParams.get('token') ?? '';
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/bridge?token=${token}`, {
    origin: `http://127.0.0.1:${host.port}`,
    maxPayload: 0,
  });
  await new Promise((done, reject) => {
    socket.once('open', done);
    socket.once('error', reject);
  });
  const answer = new Promise<Record<string, unknown> | { closed: number }>((done) => {
    socket.once('message', (data) => done(JSON.parse(String(data)).result));
    socket.once('close', (code) => done({ closed: code }));
  });
  socket.send(JSON.stringify({ kind: 'call', id: 1, channel: 'chat:start', payload }));
  const result = await answer;
  socket.close();
  return result;
}

/** The largest image the contract takes: a data URL of MAX_IMAGE_URL_CHARS characters. */
const PREFIX = 'data:image/png;base64,';
const LARGEST = PREFIX + 'A'.repeat(MAX_IMAGE_URL_CHARS - PREFIX.length);

const request = (imagesPerMessage: number[]) => ({
  streamId: 'a1b2c3d4-0000-4000-8000-000000000001',
  endpoint: 'databricks-claude-sonnet-4-6',
  messages: imagesPerMessage.map((count) => ({
    role: 'user',
    content: 'What is in these pictures?',
    images: Array.from({ length: count }, () => ({ url: LARGEST })),
  })),
});

// Tens of megabytes through a socket, JSON and the contract's checks: slow on a loaded machine.
describe('chat requests with images over the WebSocket', { timeout: 90_000 }, () => {
  it('sizes one frame for the image cap plus the text', () => {
    expect(MAX_PAYLOAD_BYTES).toBeGreaterThanOrEqual(
      IMAGE_LIMITS.maxRequestEncodedBytes + 3 * TEXT_LIMITS.maxRequestChars,
    );
    // The burst test's 64 MB frame is over it.
    expect(MAX_PAYLOAD_BYTES).toBeLessThan(64 * 1024 * 1024);
  });

  it('carries four of the largest images to the handler', async () => {
    const result = await call(request([4]));
    expect(result).toEqual({ ok: true, value: { streamId: 'a1b2c3d4-0000-4000-8000-000000000001' } });
    const sent = startChat.mock.calls.at(-1)?.[0] as unknown as ReturnType<typeof request>;
    expect(sent.messages[0]?.images.map((i) => i.url.length)).toEqual(Array(4).fill(MAX_IMAGE_URL_CHARS));
  });

  it('refuses images past the cap, over the whole history, with a message that says why', async () => {
    startChat.mockClear();
    // 4 + 4 of the largest: each message is fine, together they are over the request's cap.
    const result = await call(request([4, 4]));
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'INVALID_REQUEST',
        message: expect.stringMatching(
          /^The images in this conversation add up to 53\.\d MB once encoded; one request can carry at most 50 MB of images/,
        ),
      },
    });
    expect(startChat).not.toHaveBeenCalled();
  });
});
