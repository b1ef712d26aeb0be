import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DemoWorkspace, startDemoWorkspace } from '../../../../../electron/demo-workspace/server';
import { createStudioServices, type StudioServices } from '../../../../../electron/services/studio-services';
import type { WorkspaceSummary } from '../../../../../shared/domain';
import type { Result } from '../../../../../shared/errors';
import { memorySecretStore } from '../auth/helpers';

/*
 * The workspace list through the router (requests validated by the contract's zod schemas):
 * the demo is always listed, removing the current workspace never leaves none, and connecting
 * can ask first whether that host and identity are already here.
 */

let remote: DemoWorkspace;
let other: DemoWorkspace;
let dir: string;
let services: StudioServices;
const session = { id: 's', emit: () => {} };
const call = (channel: string, payload?: unknown) => services.router.handle(channel, payload, session);

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}
const errorOf = (result: Result<unknown>) => {
  if (result.ok) throw new Error('expected a failure');
  return result.error;
};
const list = async () =>
  value<{ workspaces: WorkspaceSummary[]; currentId: string | null }>(await call('workspaces:list'));
const connect = async (name: string, ws = remote) =>
  value<WorkspaceSummary>(await call('workspaces:connect', { name, host: ws.url, token: ws.token }));

beforeAll(async () => {
  remote = await startDemoWorkspace({ port: 0, token: 'dapi-remote', ttftMs: 0 });
  other = await startDemoWorkspace({ port: 0, token: 'dapi-other', ttftMs: 0 });
});
afterAll(async () => {
  await remote.close();
  await other.close();
});
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'studio-ws-'));
  services = await createStudioServices({
    userDataDir: dir,
    mode: 'browser',
    version: 't',
    secretStore: memorySecretStore(),
  });
});
afterEach(async () => {
  await services.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('the demo in the workspace list', () => {
  it('is listed (first) before it is ever chosen, and stays there after others are connected', async () => {
    expect((await list()).workspaces.map((w) => w.id)).toEqual(['demo']);
    const a = await connect('A');
    expect((await list()).workspaces.map((w) => w.id)).toEqual(['demo', a.id]);
    value(await call('workspaces:use-demo'));
    const b = await connect('B', other);
    const after = await list();
    expect(after.workspaces.map((w) => w.id)).toEqual(['demo', a.id, b.id]);
    expect(after.currentId).toBe(b.id);
    expect(value<WorkspaceSummary>(await call('workspaces:select', { id: 'demo' })).isDemo).toBe(true);
  });
});

describe('removing a workspace', () => {
  it('the current one: a known-good other one takes over, else the demo; never none', async () => {
    const a = await connect('A');
    const b = await connect('B', other);
    expect(value(await call('workspaces:remove', { id: b.id }))).toEqual({ removed: true });
    expect((await list()).currentId).toBe(a.id); // A's connect call succeeded this session
    value(await call('workspaces:remove', { id: a.id }));
    const after = await list();
    expect(after.currentId).toBe('demo');
    expect(after.workspaces.map((w) => w.id)).toEqual(['demo']);
  });

  it('a failing one is not fallen back to', async () => {
    const a = await connect('A');
    const b = await connect('B', other);
    remote.configure({ token: 'dapi-rotated' });
    try {
      value(await call('workspaces:check-health', { id: a.id })); // A is now known to fail
      value(await call('workspaces:remove', { id: b.id }));
      expect((await list()).currentId).toBe('demo');
    } finally {
      remote.configure({ token: null });
    }
  });

  it('another one: the current stays; an unknown id removes nothing', async () => {
    const a = await connect('A');
    const b = await connect('B', other);
    value(await call('workspaces:remove', { id: a.id }));
    expect((await list()).currentId).toBe(b.id);
    expect(value(await call('workspaces:remove', { id: 'ghost' }))).toEqual({ removed: false });
    expect(errorOf(await call('workspaces:remove', { id: 'demo' })).code).toBe('INVALID_INPUT');
  });
});

describe('finding a workspace that is already connected', () => {
  it('matches a PAT workspace by its normalised host', async () => {
    const a = await connect('A');
    const host = remote.url.replace('http://', '');
    const found = value<{ host: string; existing: WorkspaceSummary | null }>(
      await call('workspaces:find-existing', { authKind: 'pat', host: `http://${host}/some/path/` }),
    );
    expect(found.host).toBe(remote.url);
    expect(found.existing?.id).toBe(a.id);
    const none = value<{ existing: unknown }>(
      await call('workspaces:find-existing', { authKind: 'pat', host: other.url }),
    );
    expect(none.existing).toBeNull();
    // Another kind on the same host is another identity.
    const sp = value<{ existing: unknown }>(
      await call('workspaces:find-existing', {
        authKind: 'service-principal',
        host: remote.url,
        clientId: 'x',
      }),
    );
    expect(sp.existing).toBeNull();
  });

  it('matches a service principal by host and client id', async () => {
    const sp = value<WorkspaceSummary>(
      await call('workspaces:connect-sp', {
        name: 'Bot',
        host: remote.url,
        clientId: 'demo-sp',
        clientSecret: 'demo-sp-secret',
      }),
    );
    const ask = (clientId: string) =>
      call('workspaces:find-existing', { authKind: 'service-principal', host: remote.url, clientId });
    expect(value<{ existing: WorkspaceSummary | null }>(await ask('demo-sp')).existing?.id).toBe(sp.id);
    expect(value<{ existing: unknown }>(await ask('another-sp')).existing).toBeNull();
  });

  it('refuses a URL that could never be saved, and a request outside the contract', async () => {
    const bad = errorOf(
      await call('workspaces:find-existing', { authKind: 'pat', host: 'http://example.com' }),
    );
    expect(bad).toMatchObject({ code: 'INVALID_INPUT' });
    expect(errorOf(await call('workspaces:find-existing', { authKind: 'demo', host: 'x' })).code).toBe(
      'INVALID_REQUEST',
    );
    expect(errorOf(await call('workspaces:find-existing', { authKind: 'pat', host: ' ' })).message).toBe(
      'Enter the workspace URL.',
    );
  });
});
