import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DemoWorkspace, startDemoWorkspace } from '../../../../electron/demo-workspace/server';
import { PROFILES_FILE } from '../../../../electron/services/storage/workspace-profiles';
import { createStudioServices, type StudioServices } from '../../../../electron/services/studio-services';
import type { SecretStore, Session } from '../../../../electron/services/types';
import type { Result } from '../../../../shared/errors';
import { isTerminalEvent, type StreamEvent } from '../../../../shared/stream-events';

/** An in-memory SecretStore double; `available: false` behaves like a machine without a keychain. */
function memorySecretStore(available = true): SecretStore & { values: Map<string, string> } {
  const values = new Map<string, string>();
  const unavailable = () =>
    Object.assign(new Error('no keychain'), { error: { code: 'KEYCHAIN_UNAVAILABLE' } });
  return {
    values,
    isAvailable: async () => available,
    async set(id, secret) {
      if (!available) throw unavailable();
      values.set(id, secret);
    },
    async get(id) {
      if (!available) throw unavailable();
      return values.get(id) ?? null;
    },
    async remove(id) {
      values.delete(id);
    },
    has: async (id) => values.has(id),
  };
}

/** A session that records its events and can wait for a stream's terminal event. */
function recordingSession(id = 'window-1') {
  const events: StreamEvent[] = [];
  const waiters: (() => void)[] = [];
  const session: Session = {
    id,
    emit(event) {
      events.push(event);
      for (const wake of waiters.splice(0)) wake();
    },
  };
  async function waitFor(predicate: (events: StreamEvent[]) => boolean, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(events)) {
      if (Date.now() > deadline) throw new Error(`timed out; events so far: ${events.map((e) => e.type)}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }
  const of = (streamId: string) => events.filter((e) => e.streamId === streamId);
  const ended = (streamId: string) => () => of(streamId).some(isTerminalEvent);
  return { session, events, of, ended, waitFor };
}

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}
function error(result: Result<unknown>) {
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

const user = [{ role: 'user', content: 'Say something about serving.' }];

describe('studio services against the demo workspace', () => {
  let dir: string;
  let secrets: ReturnType<typeof memorySecretStore>;
  let services: StudioServices;
  let rec: ReturnType<typeof recordingSession>;
  let remote: DemoWorkspace; // a second demo server posing as a "real" workspace
  const call = (channel: string, payload?: unknown) => services.router.handle(channel, payload, rec.session);

  beforeAll(async () => {
    remote = await startDemoWorkspace({ port: 0, token: 'dapi-remote-token', ttftMs: 10 });
  });
  afterAll(async () => remote.close());
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'studio-'));
    secrets = memorySecretStore();
    services = await createStudioServices({
      userDataDir: dir,
      mode: 'browser',
      version: '9.9.9',
      secretStore: secrets,
    });
    rec = recordingSession();
  });
  afterEach(async () => {
    await services.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers app info and a list with only the demo (not current), and asks for a workspace first', async () => {
    expect(value(await call('app:get-info'))).toEqual({ version: '9.9.9', mode: 'browser' });
    expect(value(await call('workspaces:list'))).toEqual({
      workspaces: [expect.objectContaining({ id: 'demo', isDemo: true })],
      currentId: null,
      keychainAvailable: true,
    });
    const e = error(await call('endpoints:list'));
    expect(e).toMatchObject({ code: 'NOT_CONFIGURED', message: 'Choose the demo workspace or connect one.' });
  });

  it('uses the demo, lists endpoints, and streams a chat that ends in done with metrics', async () => {
    const demo = value<{ id: string; host: string; isDemo: boolean }>(await call('workspaces:use-demo'));
    expect(demo).toMatchObject({ id: 'demo', isDemo: true, authKind: 'demo', hasSecret: true });
    expect(demo.host).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const list = value<{ currentId: string }>(await call('workspaces:list'));
    expect(list.currentId).toBe('demo');

    const { endpoints } = value<{ endpoints: { name: string; taskKind: string }[] }>(
      await call('endpoints:list'),
    );
    expect(endpoints.map((e) => e.name)).toContain('databricks-dbrx-instruct');

    const { streamId } = value<{ streamId: string }>(
      await call('chat:start', {
        streamId: randomUUID(),
        endpoint: 'databricks-dbrx-instruct',
        messages: user,
        params: { max_tokens: 40 },
      }),
    );
    await rec.waitFor(rec.ended(streamId));
    const events = rec.of(streamId);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
    expect(events.filter(isTerminalEvent)).toHaveLength(1);
    const last = events.at(-1)!;
    expect(last.type).toBe('done');
    if (last.type === 'done') expect(last.metrics.totalMs).toBeGreaterThan(0);
    const text = events.map((e) => (e.type === 'delta' ? e.text : '')).join('');
    expect(text.length).toBeGreaterThan(0);
    // The demo token never reaches the renderer: not in any result or event.
    expect(JSON.stringify([demo, list, events])).not.toMatch(/Bearer|"token"|demo-token/);
  });

  it('streams a completion, and creates embeddings', async () => {
    await call('workspaces:use-demo');
    const { streamId } = value<{ streamId: string }>(
      await call('completion:start', {
        streamId: randomUUID(),
        endpoint: 'demo-llama-3-1-8b-completions',
        prompt: 'Once',
        params: { max_tokens: 10 },
      }),
    );
    await rec.waitFor(rec.ended(streamId));
    expect(rec.of(streamId).at(-1)?.type).toBe('done');
    // Packed for the bridge: two float32 vectors of 1024 numbers, base64 (see the contract).
    const result = value<{ count: number; dim: number; vectors: string }>(
      await call('embeddings:create', { endpoint: 'databricks-bge-large-en', input: ['a', 'b'] }),
    );
    expect(result).toMatchObject({ count: 2, dim: 1024 });
    expect(Buffer.from(result.vectors, 'base64').byteLength).toBe(2 * 1024 * 4);
  });

  it('refuses bad parameters and the wrong endpoint kind before streaming', async () => {
    await call('workspaces:use-demo');
    const params = error(
      await call('chat:start', {
        streamId: randomUUID(),
        endpoint: 'databricks-dbrx-instruct',
        messages: user,
        params: { temperature: 5, n: 9 },
      }),
    );
    expect(params.code).toBe('INVALID_INPUT');
    expect(params.message).toMatch(/temperature must be between 0 and 2/);
    expect(params.message).toMatch(/n must be between 1 and 5/);
    const kind = error(
      await call('chat:start', {
        streamId: randomUUID(),
        endpoint: 'databricks-bge-large-en',
        messages: user,
      }),
    );
    expect(kind).toMatchObject({ code: 'INVALID_INPUT' });
    expect(rec.events).toEqual([]);
  });

  it('cancels a stream: it ends in aborted, and a second cancel answers false', async () => {
    await call('workspaces:use-demo');
    const { streamId } = value<{ streamId: string }>(
      await call('chat:start', {
        streamId: randomUUID(),
        endpoint: 'databricks-dbrx-instruct',
        messages: user,
        params: { max_tokens: 2000 },
      }),
    );
    await rec.waitFor((events) => events.some((e) => e.streamId === streamId && e.type === 'delta'));
    expect(value(await call('stream:cancel', { streamId }))).toEqual({ cancelled: true });
    await rec.waitFor(rec.ended(streamId));
    expect(rec.of(streamId).at(-1)?.type).toBe('aborted');
    expect(rec.of(streamId).filter(isTerminalEvent)).toHaveLength(1);
    expect(value(await call('stream:cancel', { streamId }))).toEqual({ cancelled: false });
  });

  it("another session can't cancel the stream; closing the owning session aborts it", async () => {
    await call('workspaces:use-demo');
    const { streamId } = value<{ streamId: string }>(
      await call('chat:start', {
        streamId: randomUUID(),
        endpoint: 'databricks-dbrx-instruct',
        messages: user,
        params: { max_tokens: 2000 },
      }),
    );
    const other = recordingSession('window-2');
    expect(value(await services.router.handle('stream:cancel', { streamId }, other.session))).toEqual({
      cancelled: false,
    });
    services.router.closeSession(rec.session.id);
    await rec.waitFor(rec.ended(streamId));
    expect(rec.of(streamId).at(-1)?.type).toBe('aborted');
  });

  it('refuses an id its session already runs; the same id in another session is a stream of its own', async () => {
    await call('workspaces:use-demo');
    const streamId = randomUUID();
    const payload = {
      streamId,
      endpoint: 'databricks-dbrx-instruct',
      messages: user,
      params: { max_tokens: 2000 },
    };
    expect(value(await call('chat:start', payload))).toEqual({ streamId });
    expect(error(await call('chat:start', payload))).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/already running/),
    });
    const other = recordingSession('window-2');
    value(await services.router.handle('chat:start', payload, other.session));
    expect(value(await services.router.handle('stream:cancel', { streamId }, other.session))).toEqual({
      cancelled: true,
    });
    await other.waitFor(other.ended(streamId));
    expect(other.of(streamId).at(-1)?.type).toBe('aborted');
    // Cancelling its own stream left the first session's one running.
    expect(rec.of(streamId).some(isTerminalEvent)).toBe(false);
    expect(value(await call('stream:cancel', { streamId }))).toEqual({ cancelled: true });
    await rec.waitFor(rec.ended(streamId));
    expect(rec.of(streamId).at(-1)?.type).toBe('aborted');
  });

  it('connect with a bad token: AUTH/PERMISSION saying it was rejected, nothing saved', async () => {
    const e = error(
      await call('workspaces:connect', { name: 'Remote', host: remote.url, token: 'dapi-wrong' }),
    );
    expect(['AUTH', 'PERMISSION']).toContain(e.code);
    expect(e.message).toMatch(/rejected this token/);
    expect(secrets.values.size).toBe(0);
    const { workspaces } = value<{ workspaces: { id: string }[] }>(await call('workspaces:list'));
    expect(workspaces.map((w) => w.id)).toEqual(['demo']);
    await expect(readFile(path.join(dir, PROFILES_FILE), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('connect with a good token: saved, token in the secret store only, usable, removable', async () => {
    const summary = value<{ id: string; host: string; hasSecret: boolean }>(
      await call('workspaces:connect', {
        name: 'Remote',
        host: `${remote.url}/`,
        token: ' dapi-remote-token ',
      }),
    );
    expect(summary).toMatchObject({
      name: 'Remote',
      host: remote.url,
      authKind: 'pat',
      isDemo: false,
      hasSecret: true,
    });
    expect(secrets.values.get(summary.id)).toBe('dapi-remote-token');
    const file = await readFile(path.join(dir, PROFILES_FILE), 'utf8');
    expect(file).not.toContain('dapi');
    expect(JSON.parse(file).currentId).toBe(summary.id);

    // Requests now use the token from the secret store.
    const { endpoints } = value<{ endpoints: unknown[] }>(await call('endpoints:list'));
    expect(endpoints.length).toBeGreaterThan(0);
    expect(value(await call('secrets:status', { profileId: summary.id }))).toEqual({
      hasSecret: true,
      keychainAvailable: true,
    });

    expect(error(await call('workspaces:remove', { id: 'demo' })).code).toBe('INVALID_INPUT');
    expect(value(await call('workspaces:remove', { id: summary.id }))).toEqual({ removed: true });
    expect(secrets.values.has(summary.id)).toBe(false);
    // Removing the current workspace never leaves none: the demo (always reachable) takes over.
    expect(value<{ currentId: string | null }>(await call('workspaces:list')).currentId).toBe('demo');
  });

  it('replacing and removing a secret is write-only; a missing token says so', async () => {
    const { id } = value<{ id: string }>(
      await call('workspaces:connect', { name: 'Remote', host: remote.url, token: 'dapi-remote-token' }),
    );
    expect(value(await call('secrets:remove', { profileId: id }))).toEqual({ hasSecret: false });
    expect(error(await call('endpoints:list'))).toMatchObject({ code: 'NOT_CONFIGURED' });
    expect(value(await call('secrets:set', { profileId: id, secret: 'dapi-remote-token\n' }))).toEqual({
      hasSecret: true,
    });
    expect(secrets.values.get(id)).toBe('dapi-remote-token');
    expect(value<{ endpoints: unknown[] }>(await call('endpoints:list')).endpoints.length).toBeGreaterThan(0);
    expect(error(await call('secrets:set', { profileId: 'ghost', secret: 'x' })).code).toBe('NOT_FOUND');
  });

  it('switches between the demo and a connected workspace', async () => {
    const { id } = value<{ id: string }>(
      await call('workspaces:connect', { name: 'Remote', host: remote.url, token: 'dapi-remote-token' }),
    );
    expect(value<{ id: string }>(await call('workspaces:select', { id: 'demo' })).id).toBe('demo');
    expect(value<{ id: string }>(await call('workspaces:select', { id })).id).toBe(id);
    expect(error(await call('workspaces:select', { id: 'ghost' })).code).toBe('NOT_FOUND');
  });
});

describe('studio services shutdown', () => {
  it('dispose aborts running streams and stops the demo workspace', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'studio-'));
    const services = await createStudioServices({
      userDataDir: dir,
      mode: 'browser',
      version: '1',
      secretStore: memorySecretStore(),
    });
    const rec = recordingSession();
    try {
      const demo = value<{ host: string }>(
        await services.router.handle('workspaces:use-demo', undefined, rec.session),
      );
      const payload = {
        streamId: randomUUID(),
        endpoint: 'databricks-dbrx-instruct',
        messages: user,
        params: { max_tokens: 2000 },
      };
      const { streamId } = value<{ streamId: string }>(
        await services.router.handle('chat:start', payload, rec.session),
      );
      await services.dispose();
      await rec.waitFor(rec.ended(streamId));
      expect(rec.of(streamId).at(-1)?.type).toBe('aborted');
      await expect(fetch(`${demo.host}/api/2.0/serving-endpoints`)).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('studio services without a keychain', () => {
  it('refuses to connect (KEYCHAIN_UNAVAILABLE) and saves nothing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'studio-'));
    const remote = await startDemoWorkspace({ port: 0, token: 'dapi-remote-token' });
    const services = await createStudioServices({
      userDataDir: dir,
      mode: 'electron',
      version: '1',
      secretStore: memorySecretStore(false),
    });
    const session = recordingSession().session;
    try {
      const result = await services.router.handle(
        'workspaces:connect',
        { name: 'Remote', host: remote.url, token: 'dapi-remote-token' },
        session,
      );
      expect(error(result).code).toBe('KEYCHAIN_UNAVAILABLE');
      const list = value<{ workspaces: { id: string }[]; keychainAvailable: boolean }>(
        await services.router.handle('workspaces:list', undefined, session),
      );
      expect(list.keychainAvailable).toBe(false);
      expect(list.workspaces.map((w) => w.id)).toEqual(['demo']);
      await expect(readFile(path.join(dir, PROFILES_FILE), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
      // The demo still works: it needs no keychain.
      expect(
        value<{ id: string }>(await services.router.handle('workspaces:use-demo', undefined, session)).id,
      ).toBe('demo');
    } finally {
      await services.dispose();
      await remote.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
