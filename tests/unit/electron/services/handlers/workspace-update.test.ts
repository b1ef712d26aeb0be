import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DemoWorkspace, startDemoWorkspace } from '../../../../../electron/demo-workspace/server';
import { PROFILES_FILE } from '../../../../../electron/services/storage/workspace-profiles';
import { createStudioServices, type StudioServices } from '../../../../../electron/services/studio-services';
import type { WorkspaceSummary } from '../../../../../shared/domain';
import type { Result } from '../../../../../shared/errors';
import { memorySecretStore } from '../auth/helpers';

/*
 * workspaces:update: a rotated token is replaced in place (same id, one workspace), checked
 * with a real call first; a new URL is checked too; nothing changes when a check fails.
 * Through the router, so every request is validated by the contract's zod schema.
 */

let remote: DemoWorkspace;
let moved: DemoWorkspace;
let dir: string;
let secrets: ReturnType<typeof memorySecretStore>;
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
const update = (payload: unknown) => call('workspaces:update', payload);
const connectPat = async () =>
  value<WorkspaceSummary>(
    await call('workspaces:connect', { name: 'Prod', host: remote.url, token: 'dapi-remote' }),
  );

beforeAll(async () => {
  remote = await startDemoWorkspace({ port: 0, token: 'dapi-remote', ttftMs: 0 });
  moved = await startDemoWorkspace({ port: 0, token: 'dapi-remote', ttftMs: 0 });
});
afterAll(async () => {
  await remote.close();
  await moved.close();
});
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'studio-update-'));
  secrets = memorySecretStore();
  services = await createStudioServices({
    userDataDir: dir,
    mode: 'browser',
    version: 't',
    secretStore: secrets,
  });
});
afterEach(async () => {
  remote.configure({ token: null });
  await services.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('updating a workspace', () => {
  it('replaces a rotated token in place: checked first, same id, one workspace, the keychain entry replaced', async () => {
    const ws = await connectPat();
    remote.configure({ token: 'dapi-rotated' });
    expect(errorOf(await call('endpoints:list')).code).toBe('PERMISSION');

    // A wrong new token is refused by the real call and changes nothing.
    const wrong = errorOf(await update({ id: ws.id, credential: { kind: 'pat', token: 'dapi-typo' } }));
    expect(wrong.message).toMatch(/rejected this token \(HTTP 403\)/);
    expect(secrets.values.get(ws.id)).toBe('dapi-remote');

    const updated = value<WorkspaceSummary>(
      await update({ id: ws.id, credential: { kind: 'pat', token: ' dapi-rotated\n' } }),
    );
    expect(updated).toMatchObject({ id: ws.id, name: 'Prod', hasSecret: true, health: { ok: true } });
    expect(secrets.values.get(ws.id)).toBe('dapi-rotated');
    expect(value<{ endpoints: unknown[] }>(await call('endpoints:list')).endpoints.length).toBeGreaterThan(0);
    const { workspaces } = value<{ workspaces: WorkspaceSummary[] }>(await call('workspaces:list'));
    expect(workspaces.map((w) => w.id)).toEqual(['demo', ws.id]);
    expect(await readFile(path.join(dir, PROFILES_FILE), 'utf8')).not.toContain('dapi');
    expect(JSON.stringify(updated)).not.toContain('dapi');
  });

  it('renames without a call, and re-checks a new URL with the saved token', async () => {
    const ws = await connectPat();
    remote.configure({ token: 'dapi-rotated' }); // a rename must not depend on the server
    expect(value<WorkspaceSummary>(await update({ id: ws.id, name: 'Production' })).name).toBe('Production');
    remote.configure({ token: null });

    const unreachable = errorOf(await update({ id: ws.id, host: 'http://127.0.0.1:1' }));
    expect(['NETWORK', 'TIMEOUT']).toContain(unreachable.code);
    const listed = value<{ workspaces: WorkspaceSummary[] }>(await call('workspaces:list')).workspaces;
    expect(listed.find((w) => w.id === ws.id)?.host).toBe(remote.url);

    const there = value<WorkspaceSummary>(await update({ id: ws.id, host: `${moved.url}/` }));
    expect(there).toMatchObject({ id: ws.id, host: moved.url, name: 'Production' });
  });

  it('replaces a service principal secret (and client id) after a real token call', async () => {
    remote.configure({ servicePrincipals: { bot: 'old-secret', 'bot-2': 'new-secret' } });
    const sp = value<WorkspaceSummary>(
      await call('workspaces:connect-sp', {
        name: 'Bot',
        host: remote.url,
        clientId: 'bot',
        clientSecret: 'old-secret',
      }),
    );
    const refused = errorOf(
      await update({ id: sp.id, credential: { kind: 'service-principal', clientSecret: 'new-secret' } }),
    );
    expect(refused.code).toBe('AUTH');
    const updated = value<WorkspaceSummary>(
      await update({
        id: sp.id,
        credential: { kind: 'service-principal', clientId: 'bot-2', clientSecret: 'new-secret' },
      }),
    );
    expect(updated).toMatchObject({ id: sp.id, clientId: 'bot-2', health: { ok: true } });
    expect(secrets.values.get(sp.id)).toBe('new-secret');
    expect(value<{ endpoints: unknown[] }>(await call('endpoints:list')).endpoints.length).toBeGreaterThan(0);
  });

  it('refuses the demo, another kind of credential, and unknown workspaces', async () => {
    const ws = await connectPat();
    expect(errorOf(await update({ id: 'demo', name: 'Mine' })).code).toBe('INVALID_INPUT');
    const kind = errorOf(await update({ id: ws.id, credential: { kind: 'openai', apiKey: 'k' } }));
    expect(kind).toMatchObject({ code: 'INVALID_INPUT' });
    expect(kind.message).toMatch(/uses a personal access token, not an API key/);
    expect(errorOf(await update({ id: 'ghost', name: 'x' })).code).toBe('NOT_FOUND');
  });

  it('validates the request with the contract: something to change, non-empty secrets, known kinds', async () => {
    const ws = await connectPat();
    expect(errorOf(await update({ id: ws.id }))).toMatchObject({
      code: 'INVALID_REQUEST',
      message: 'Nothing to change.',
    });
    expect(errorOf(await update({ id: ws.id, credential: { kind: 'pat', token: '  ' } })).message).toBe(
      'Enter the new personal access token.',
    );
    expect(errorOf(await update({ id: ws.id, name: '' })).message).toBe('Give the workspace a name.');
    expect(errorOf(await update({ id: ws.id, credential: { kind: 'oauth' } })).code).toBe('INVALID_REQUEST');
    expect(errorOf(await update({ id: '', name: 'x' })).code).toBe('INVALID_REQUEST');
  });
});
