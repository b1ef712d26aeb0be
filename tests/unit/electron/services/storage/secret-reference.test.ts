import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type DemoWorkspace, startDemoWorkspace } from '../../../../../electron/demo-workspace/server';
import { importHandlers } from '../../../../../electron/services/handlers/import-handlers';
import { type Context, currentClient, summary } from '../../../../../electron/services/services-context';
import {
  describeSource,
  readReference,
  referenceMissing,
} from '../../../../../electron/services/storage/secret-reference';
import { createWorkspaceProfiles } from '../../../../../electron/services/storage/workspace-profiles';
import { createStreamRegistry } from '../../../../../electron/services/streams/stream-registry';
import type { SecretStore } from '../../../../../electron/services/types';
import type { WorkspaceSummary } from '../../../../../shared/domain';
import type { ImportResult } from '../../../../../shared/workspace-schemas';

/*
 * No keychain: a .databrickscfg / DATABRICKS_* profile is imported as a reference and its token
 * is read from there at each request — against the real demo workspace. Nothing is copied.
 */

/** A keychain that is not there: every read or write rejects, so any use of it would show. */
const noKeychain: SecretStore = {
  isAvailable: async () => false,
  set: () => Promise.reject(new Error('no keychain')),
  get: () => Promise.reject(new Error('no keychain')),
  remove: async () => {},
  has: () => Promise.reject(new Error('no keychain')),
};

let demo: DemoWorkspace;
let dir: string;
let cfg: string;
beforeAll(async () => {
  demo = await startDemoWorkspace({ token: 'dapiREFERENCEDTOKEN', ttftMs: 0 });
});
afterAll(() => demo.close());
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'studio-ref-'));
  cfg = path.join(dir, 'databrickscfg');
  await writeFile(cfg, `[DEFAULT]\nhost = ${demo.url}\ntoken = ${demo.token}\n`);
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

function setup(secrets: SecretStore = noKeychain, env: Record<string, string> = {}) {
  const ctx: Context = {
    health: new Map(),
    options: {},
    secrets,
    profiles: createWorkspaceProfiles(dir),
    registry: createStreamRegistry(),
    clients: new Map(),
    demo: null,
  };
  return { ctx, handlers: importHandlers(ctx, { env: { DATABRICKS_CONFIG_FILE: cfg, ...env }, home: dir }) };
}

/** The saved workspaces of an import whose every profile was checked and imported. */
function importedOf({ results }: { results: ImportResult[] }): WorkspaceSummary[] {
  expect(results.map((r) => [r.id, r.status, r.message])).toEqual(
    results.map((r) => [r.id, 'imported', 'Connection checked.']),
  );
  return results.map((r) => r.workspace).filter((w): w is WorkspaceSummary => w !== null);
}

async function listVia(ctx: Context, id: string) {
  await ctx.profiles.setCurrent(id);
  return (await currentClient(ctx)).client.listEndpoints();
}

describe('secret references (no keychain)', () => {
  it('a .databrickscfg PAT profile works through its reference; the token is never stored', async () => {
    const { ctx, handlers } = setup();
    const imported = importedOf(await handlers.importProfiles({ ids: ['cfg:DEFAULT'] }));
    const ws = imported[0];
    expect(ws?.secretSource).toEqual({ kind: 'databrickscfg', path: cfg, profile: 'DEFAULT' });
    expect(ws?.hasSecret).toBe(true);
    expect(JSON.stringify(imported)).not.toContain(demo.token);
    expect(await readFile(path.join(dir, 'workspaces.json'), 'utf8')).not.toContain(demo.token);

    expect((await listVia(ctx, ws?.id ?? '')).length).toBeGreaterThan(0);

    // The token removed from the file: the next request fails, naming the file and profile.
    await writeFile(cfg, `[DEFAULT]\nhost = ${demo.url}\n`);
    const profile = (await ctx.profiles.list())[0];
    if (!profile) throw new Error('profile missing');
    expect((await summary(ctx, profile, false)).hasSecret).toBe(false);
    const err = await listVia(ctx, profile.id).catch((e: unknown) => e);
    expect(err).toMatchObject({ error: { code: 'NOT_CONFIGURED' } });
    expect((err as { error: { message: string } }).error.message).toContain(`${cfg} [DEFAULT]`);
  });

  it('the environment profile reads DATABRICKS_TOKEN at request time', async () => {
    const env = { DATABRICKS_HOST: demo.url, DATABRICKS_TOKEN: demo.token };
    const { ctx, handlers } = setup(noKeychain, env);
    for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
    const imported = importedOf(await handlers.importProfiles({ ids: ['env'] }));
    expect(imported[0]?.secretSource).toEqual({ kind: 'env' });
    expect(await readFile(path.join(dir, 'workspaces.json'), 'utf8')).not.toContain(demo.token);
    expect((await listVia(ctx, imported[0]?.id ?? '')).length).toBeGreaterThan(0);

    vi.stubEnv('DATABRICKS_TOKEN', '');
    const err = await listVia(ctx, imported[0]?.id ?? '').catch((e: unknown) => e);
    expect(err).toMatchObject({ error: { code: 'NOT_CONFIGURED' } });
    expect((err as { error: { message: string } }).error.message).toMatch(/DATABRICKS_TOKEN/);
  });

  it('a service principal gets its client secret from the file at token time', async () => {
    demo.configure({ servicePrincipals: { 'ref-bot': 'doseREFSECRET' } });
    await writeFile(cfg, `[bot]\nhost = ${demo.url}\nclient_id = ref-bot\nclient_secret = doseREFSECRET\n`);
    const { ctx, handlers } = setup();
    const imported = importedOf(await handlers.importProfiles({ ids: ['cfg:bot'] }));
    expect(imported[0]?.secretSource).toEqual({ kind: 'databrickscfg', path: cfg, profile: 'bot' });
    expect(await readFile(path.join(dir, 'workspaces.json'), 'utf8')).not.toContain('doseREFSECRET');
    expect((await listVia(ctx, imported[0]?.id ?? '')).length).toBeGreaterThan(0);
  });

  it('with a keychain, the secret is still copied into it and no reference is kept', async () => {
    const map = new Map<string, string>();
    const keychain: SecretStore = {
      isAvailable: async () => true,
      set: async (id, s) => void map.set(id, s),
      get: async (id) => map.get(id) ?? null,
      remove: async (id) => void map.delete(id),
      has: async (id) => map.has(id),
    };
    const { ctx, handlers } = setup(keychain);
    const imported = importedOf(await handlers.importProfiles({ ids: ['cfg:DEFAULT'] }));
    expect(imported[0]?.secretSource).toBeUndefined();
    expect(map.get(imported[0]?.id ?? '')).toBe(demo.token);
    await writeFile(cfg, ''); // the copy no longer depends on the file
    expect((await listVia(ctx, imported[0]?.id ?? '')).length).toBeGreaterThan(0);
  });
});

describe('where a reference points, in words', () => {
  it.each([
    ['a file in the home folder, shortened to ~', '/home/ada/.databrickscfg', '~/.databrickscfg [DEFAULT]'],
    ['a file deeper in the home folder', '/home/ada/cfg/work.cfg', '~/cfg/work.cfg [DEFAULT]'],
    ['a file elsewhere, as is', '/etc/databrickscfg', '/etc/databrickscfg [DEFAULT]'],
    // A prefix match would shorten these to a path that points somewhere else.
    [
      "another user's folder that starts like home",
      '/home/ada2/.databrickscfg',
      '/home/ada2/.databrickscfg [DEFAULT]',
    ],
    ['a path that only ends like home', '/backup/home/ada/', '/backup/home/ada/ [DEFAULT]'],
  ])('%s', (_why, file, words) => {
    vi.spyOn(os, 'homedir').mockReturnValue('/home/ada');
    try {
      expect(describeSource({ kind: 'databrickscfg', path: file, profile: 'DEFAULT' })).toBe(words);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('names the environment variables, and says where to put a missing secret back', () => {
    expect(describeSource({ kind: 'env' })).toBe(
      'the DATABRICKS_TOKEN / DATABRICKS_CLIENT_SECRET environment variables',
    );
    vi.spyOn(os, 'homedir').mockReturnValue('/home/ada');
    try {
      expect(
        referenceMissing('Prod', {
          kind: 'databrickscfg',
          path: '/home/ada/.databrickscfg',
          profile: 'work',
        }),
      ).toBe(
        '"Prod" reads its secret from ~/.databrickscfg [work], which no longer has one. Add it back there, or remove and re-add the workspace.',
      );
    } finally {
      vi.restoreAllMocks();
    }
  });

  it.each([
    ['no DATABRICKS_* variable at all', {}, null],
    ['a host but no secret', { DATABRICKS_HOST: 'https://a.cloud.databricks.com' }, null],
    ['a token', { DATABRICKS_TOKEN: 'dapiFROMENV' }, 'dapiFROMENV'],
    ['a client secret', { DATABRICKS_CLIENT_ID: 'id', DATABRICKS_CLIENT_SECRET: 'sp-secret' }, 'sp-secret'],
  ])('reads an environment reference with %s', async (_why, env, secret) => {
    expect(await readReference({ kind: 'env' }, env)).toBe(secret);
  });
});
