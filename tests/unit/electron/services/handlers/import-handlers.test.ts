import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemoWorkspace } from '../../../../../electron/demo-workspace/server';
import { type ImportCheck, importHandlers } from '../../../../../electron/services/handlers/import-handlers';
import type { Context } from '../../../../../electron/services/services-context';
import { createWorkspaceProfiles } from '../../../../../electron/services/storage/workspace-profiles';
import { createStreamRegistry } from '../../../../../electron/services/streams/stream-registry';
import type { SecretStore } from '../../../../../electron/services/types';
import { failure } from '../../../../../shared/errors';

/*
 * Importing ~/.databrickscfg profiles: every selected profile gets a result (imported and
 * checked, failed and why, or needs a sign-in); secrets go to the keychain (a double here)
 * and never into workspaces.json; the config file is left byte for byte as it was; nothing
 * becomes current. The fixture's hosts are made up, so its checks are a double; one test
 * checks for real against a demo workspace.
 */

const FIXTURES = path.resolve(__dirname, '../../../../fixtures/databrickscfg');

function memorySecrets(available = true): SecretStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  const unavailable = () => Promise.reject(new Error('no keychain'));
  return {
    map,
    isAvailable: async () => available,
    set: async (id, s) => (available ? void map.set(id, s) : unavailable()),
    get: async (id) => (available ? (map.get(id) ?? null) : unavailable()),
    remove: async (id) => void map.delete(id),
    has: async (id) => map.has(id),
  };
}

/** A check that accepts every secret except `dapiREJECTED…`, and records what it was asked. */
function checkDouble() {
  const asked: string[] = [];
  const check: ImportCheck = async ({ profile, secret }, host) => {
    asked.push(`${profile.id} ${host}`);
    if (secret?.startsWith('dapiREJECTED'))
      throw failure('PERMISSION', `${host} rejected this token (HTTP 403).`);
    return null;
  };
  return { check, asked };
}

let dir: string;
let cfg: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'studio-import-'));
  cfg = path.join(dir, 'databrickscfg');
  await copyFile(path.join(FIXTURES, 'databrickscfg'), cfg);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function setup(secrets: SecretStore, env: Record<string, string> = {}, check = checkDouble().check) {
  const ctx: Context = {
    health: new Map(),
    options: {},
    secrets,
    profiles: createWorkspaceProfiles(dir),
    registry: createStreamRegistry(),
    clients: new Map(),
    demo: null,
  };
  const options = { env: { DATABRICKS_CONFIG_FILE: cfg, ...env }, home: dir, check };
  return { ctx, handlers: importHandlers(ctx, options) };
}

const sha = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

describe('import preview', () => {
  it('lists the file and environment profiles without their secrets, hosts normalised', async () => {
    const { handlers } = setup(memorySecrets(), {
      DATABRICKS_HOST: 'e.cloud.databricks.com/',
      DATABRICKS_TOKEN: 'dapiENVX',
    });
    const { configPath, profiles } = await handlers.listImportableProfiles();
    expect(configPath).toBe(cfg);
    const byId = Object.fromEntries(profiles.map((p) => [p.id, p]));
    expect(byId['cfg:DEFAULT']?.host).toBe('https://adb-1111111111111111.11.azuredatabricks.net');
    expect(byId.env?.host).toBe('https://e.cloud.databricks.com');
    expect(JSON.stringify(profiles)).not.toMatch(/dapi|doseSP/);
  });

  it('never returns user:password@ to the page, and lists what import would refuse as problems', async () => {
    await writeFile(
      cfg,
      [
        '[creds]',
        'host = https://alice:hunter2@dbc-1.cloud.databricks.com/',
        'token = dapiX',
        '[cleartext]',
        'host = http://dbc-2.cloud.databricks.com',
        'token = dapiY',
        '[spaces]',
        'host = https://dbc 3.cloud.databricks.com',
        'token = dapiZ',
      ].join('\n'),
    );
    const { handlers } = setup(memorySecrets());
    const { profiles } = await handlers.listImportableProfiles();
    expect(JSON.stringify(profiles)).not.toMatch(/alice|hunter2/);
    const byName = Object.fromEntries(profiles.map((p) => [p.profileName, p]));
    expect(byName.creds?.host).toBe('https://dbc-1.cloud.databricks.com/');
    expect(byName.creds?.problems.join(' ')).toMatch(/user name or password/);
    expect(byName.cleartext?.problems.join(' ')).toMatch(/Use https:\/\//);
    expect(byName.spaces?.problems.join(' ')).toMatch(/spaces/);

    // Import refuses exactly those, with the same words, and saves nothing.
    const { results } = await handlers.importProfiles({ ids: ['cfg:creds', 'cfg:cleartext', 'cfg:spaces'] });
    expect(results.map((r) => r.status)).toEqual(['failed', 'failed', 'failed']);
    expect(results.map((r) => r.message)).toEqual(profiles.map((p) => p.problems.join(' ')));
    expect(JSON.stringify(results)).not.toMatch(/alice|hunter2/);
  });
});

describe('import results', () => {
  it('one result per profile kind: checked tokens and principals, OAuth to sign in, refusals with reasons', async () => {
    const before = await sha(cfg);
    const secrets = memorySecrets();
    const { check, asked } = checkDouble();
    const env = { DATABRICKS_HOST: 'https://e.cloud.databricks.com', DATABRICKS_TOKEN: 'dapiREJECTEDENV' };
    const { ctx, handlers } = setup(secrets, env, check);
    const ids = [
      'cfg:DEFAULT',
      'cfg:sp-prod',
      'cfg:browser',
      'env',
      'cfg:no-host',
      'cfg:azure-cli',
      'cfg:gone',
    ];
    const { results } = await handlers.importProfiles({ ids });
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['cfg:DEFAULT', 'imported'],
      ['cfg:sp-prod', 'imported'],
      ['cfg:browser', 'needs-sign-in'],
      ['env', 'failed'],
      ['cfg:no-host', 'failed'],
      ['cfg:azure-cli', 'failed'],
      ['cfg:gone', 'failed'],
    ]);
    const [pat, sp, browser, rejected, noHost, azure, gone] = results;
    // Checked with the normalised host before saving; the reasons are the check's or the preview's.
    expect(asked).toEqual([
      'cfg:DEFAULT https://adb-1111111111111111.11.azuredatabricks.net',
      'cfg:sp-prod https://dbc-22222222-2222.cloud.databricks.com',
      'env https://e.cloud.databricks.com',
    ]);
    expect(pat).toMatchObject({
      message: 'Connection checked.',
      workspace: { authKind: 'pat', hasSecret: true },
    });
    expect(pat?.workspace?.health?.ok).toBe(true);
    expect(sp?.workspace).toMatchObject({ clientId: '6f0c1a8e-0000-4000-8000-000000000001' });
    expect(browser?.message).toMatch(/sign in in the browser/);
    expect(browser?.workspace).toMatchObject({ authKind: 'oauth', hasSecret: false });
    expect(rejected?.message).toMatch(/rejected this token/);
    expect(noHost?.message).toBe('No host is set.');
    expect(azure?.message).toMatch(/azure-cli isn't supported/);
    expect(gone?.message).toMatch(/no longer in the file/);

    // Only the checked secrets are kept, in the keychain only; the rejected one is not.
    expect([...secrets.map.values()].sort()).toEqual([
      'dapiDEFAULTTOKEN0000000000000000',
      'doseSPSECRET000000000000000000',
    ]);
    expect((await ctx.profiles.list()).map((p) => p.name)).toEqual(['DEFAULT', 'sp-prod', 'browser']);
    expect(await readFile(path.join(dir, 'workspaces.json'), 'utf8')).not.toMatch(/dapi|doseSP/);
    expect(await ctx.profiles.getCurrent()).toBeNull(); // import never picks the current workspace
    expect(await sha(cfg)).toBe(before);
  });

  it('for real: a good token, a bad token and a databricks-cli profile against a demo workspace', async () => {
    const demo = await startDemoWorkspace({ port: 0, ttftMs: 0 });
    try {
      await writeFile(
        cfg,
        [
          `[good]\nhost = ${demo.url}/\ntoken = ${demo.token}`,
          `[bad]\nhost = ${demo.url}\ntoken = dapi-expired`,
          `[cli]\nhost = ${demo.url}\nauth_type = databricks-cli`,
        ].join('\n'),
      );
      const secrets = memorySecrets();
      const ctx: Context = {
        health: new Map(),
        options: {},
        secrets,
        profiles: createWorkspaceProfiles(dir),
        registry: createStreamRegistry(),
        clients: new Map(),
        demo: null,
      };
      const handlers = importHandlers(ctx, { env: { DATABRICKS_CONFIG_FILE: cfg }, home: dir });
      const { results } = await handlers.importProfiles({ ids: ['cfg:good', 'cfg:bad', 'cfg:cli'] });
      expect(results.map((r) => [r.profileName, r.status])).toEqual([
        ['good', 'imported'],
        ['bad', 'failed'],
        ['cli', 'needs-sign-in'],
      ]);
      expect(results[1]?.message).toMatch(/rejected this token \(HTTP 403\)/);
      expect((await ctx.profiles.list()).map((p) => p.name)).toEqual(['good', 'cli']);
      expect([...secrets.map.values()]).toEqual([demo.token]);
    } finally {
      await demo.close();
    }
  });

  it('keychain unavailable: profiles with secrets are imported as references, never copied', async () => {
    const secrets = memorySecrets(false);
    const { handlers } = setup(secrets);
    const { results } = await handlers.importProfiles({ ids: ['cfg:DEFAULT', 'cfg:browser'] });
    expect(
      results.map((r) => [r.profileName, r.status, r.workspace?.hasSecret, r.workspace?.secretSource]),
    ).toEqual([
      ['DEFAULT', 'imported', true, { kind: 'databrickscfg', path: cfg, profile: 'DEFAULT' }],
      ['browser', 'needs-sign-in', false, undefined], // OAuth holds no secret yet
    ]);
    expect(secrets.map.size).toBe(0);
    expect(await readFile(path.join(dir, 'workspaces.json'), 'utf8')).not.toMatch(/dapi/);
  });

  it('importing what is already here updates it in place: no twin, the new secret replaces the old', async () => {
    const secrets = memorySecrets();
    const { ctx, handlers } = setup(secrets);
    const first = await handlers.importProfiles({ ids: ['cfg:DEFAULT', 'cfg:browser'] });
    const id = first.results[0]?.workspace?.id ?? '';
    await writeFile(
      cfg,
      (await readFile(cfg, 'utf8')).replace('dapiDEFAULTTOKEN0000000000000000', 'dapiROTATED'),
    );
    const again = await handlers.importProfiles({ ids: ['cfg:DEFAULT', 'cfg:browser'] });
    expect(again.results.map((r) => [r.status, r.workspace?.id])).toEqual([
      ['imported', id],
      ['needs-sign-in', first.results[1]?.workspace?.id],
    ]);
    expect(again.results[0]?.message).toMatch(/updated "DEFAULT", already here/);
    expect(again.results[1]?.message).toMatch(/Already here as "browser"/);
    expect((await ctx.profiles.list()).map((p) => p.name)).toEqual(['DEFAULT', 'browser']);
    expect(secrets.map.get(id)).toBe('dapiROTATED');
  });
});
