import { describe, expect, it, vi } from 'vitest';
import type { WorkspaceConnection } from '../../../../../electron/services/types';
import { Attempt } from '../../../../../electron/services/workspace-client/attempts';
import { MetricsRecorder } from '../../../../../electron/services/workspace-client/metrics';
import {
  DEFAULT_TIMEOUTS,
  WorkspaceTransport,
} from '../../../../../electron/services/workspace-client/transport';
import type { ConnectionHealth } from '../../../../../shared/domain';
import { StudioFailure } from '../../../../../shared/errors';

/* The HTTP layer with a fetch double: headers, the one 401 refresh, health reports, JSON calls. */

const HOST = 'https://ws.example.com';
type Call = { url: string; init: RequestInit };

/** A fetch double answering from a list (the last answer repeats) and recording each call. */
function fakeFetch(...answers: (() => Response)[]) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    const next = answers.length > 1 ? answers.shift()! : answers[0]!;
    return next();
  });
  return { calls, fetch: fetch as unknown as typeof globalThis.fetch };
}

const jsonAnswer = (status: number, body: unknown) => () =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function transport(fetch: typeof globalThis.fetch, connection: Partial<WorkspaceConnection> = {}) {
  const conn: WorkspaceConnection = { host: HOST, getToken: async () => 'tok', ...connection };
  return new WorkspaceTransport(conn, { fetch, sleep: async () => {}, retry: { maxAttempts: 2 } });
}

const headersOf = (call: Call) => call.init.headers as Record<string, string>;

describe('WorkspaceTransport', () => {
  it('takes the defaults and the API flavor from the connection', () => {
    const t = new WorkspaceTransport({ host: HOST, getToken: async () => '', flavor: 'openai' }, {});
    expect(t).toMatchObject({ host: HOST, openai: true, timeouts: DEFAULT_TIMEOUTS });
  });

  it('sends a bearer token, and no Authorization header at all for an empty key', async () => {
    const { calls, fetch } = fakeFetch(jsonAnswer(200, {}));
    const attempt = new Attempt(undefined);
    await transport(fetch).send(attempt, '/a', undefined, 'application/json', ['connect', 1_000]);
    await transport(fetch, { getToken: async () => '' }).send(attempt, '/b', { x: 1 }, 'text/event-stream', [
      'connect',
      1_000,
    ]);
    attempt.dispose();
    expect(calls.map((c) => [c.url, c.init.method])).toEqual([
      [`${HOST}/a`, 'GET'],
      [`${HOST}/b`, 'POST'],
    ]);
    expect(headersOf(calls[0]!).Authorization).toBe('Bearer tok');
    expect(headersOf(calls[1]!)).not.toHaveProperty('Authorization');
    expect(calls[1]!.init.body).toBe('{"x":1}');
  });

  it('refreshes the credentials once on a 401 and sends again with the new token', async () => {
    const tokens = ['old', 'new'];
    const onUnauthorized = vi.fn(async () => true);
    const { calls, fetch } = fakeFetch(jsonAnswer(401, {}), jsonAnswer(401, {}));
    const t = transport(fetch, { getToken: async () => tokens.shift() ?? 'none', onUnauthorized });
    const attempt = new Attempt(undefined);
    const res = await t.send(attempt, '/a', undefined, 'application/json', ['connect', 1_000]);
    const again = await t.send(attempt, '/a', undefined, 'application/json', ['connect', 1_000]);
    attempt.dispose();
    expect(res.status).toBe(401);
    expect(again.status).toBe(401);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(calls.map((c) => headersOf(c).Authorization)).toEqual(['Bearer old', 'Bearer new', 'Bearer none']);
  });

  it('reports health for every finished request, never for a cancelled one', async () => {
    const reports: ConnectionHealth[] = [];
    const { fetch } = fakeFetch(jsonAnswer(200, { ok: 1 }), jsonAnswer(403, { message: 'no' }));
    const t = transport(fetch, { onResult: (h) => reports.push(h) });
    await expect(t.requestJson('/ok', undefined, { host: HOST })).resolves.toMatchObject({ json: { ok: 1 } });
    await expect(t.requestJson('/no', undefined, { host: HOST })).rejects.toBeInstanceOf(StudioFailure);
    const cancelled = new AbortController();
    cancelled.abort();
    const aborted = t.requestJson('/x', undefined, { host: HOST }, cancelled.signal);
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect(reports.map((h) => h.ok)).toEqual([true, false]);
  });

  it('ignores a health listener that throws', async () => {
    const { fetch } = fakeFetch(jsonAnswer(200, []));
    const t = transport(fetch, {
      onResult: () => {
        throw new Error('listener bug');
      },
    });
    await expect(t.requestJson('/ok', undefined, { host: HOST })).resolves.toMatchObject({ json: [] });
  });

  it('accepts an empty answer to a management call, but not to a metadata call', async () => {
    const { fetch } = fakeFetch(() => new Response('', { status: 200 }));
    const t = transport(fetch);
    await expect(
      t.requestJson('/del', undefined, { host: HOST }, undefined, 'DELETE'),
    ).resolves.toMatchObject({
      json: {},
    });
    await expect(t.requestJson('/get', undefined, { host: HOST })).rejects.toMatchObject({
      error: { code: 'BAD_RESPONSE' },
    });
  });

  it('retries a 503 within the configured attempts and counts the retry in the metrics', async () => {
    const { calls, fetch } = fakeFetch(jsonAnswer(503, {}), jsonAnswer(200, { done: true }));
    const { json, rec } = await transport(fetch).requestJson('/x', { input: 1 }, { host: HOST });
    expect(json).toEqual({ done: true });
    expect(calls).toHaveLength(2);
    expect(rec).toBeInstanceOf(MetricsRecorder);
    expect(rec.finish().retries).toBe(1);
  });
});
