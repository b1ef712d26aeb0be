import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importHandlers } from '../../../../../electron/services/handlers/import-handlers';
import type { Context } from '../../../../../electron/services/services-context';
import { createWorkspaceProfiles } from '../../../../../electron/services/storage/workspace-profiles';
import { createStreamRegistry } from '../../../../../electron/services/streams/stream-registry';
import type { SecretStore } from '../../../../../electron/services/types';

/*
 * Importing ~/.databrickscfg profiles: secrets go to the keychain (a test double here) and
 * never into workspaces.json; the config file is left byte for byte as it was.
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

function setup(secrets: SecretStore, env: Record<string, string> = {}) {
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

const sha = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

describe('import handlers', () => {
  it('lists the file and environment profiles without their secrets', async () => {
    const { handlers } = setup(memorySecrets(), {
      DATABRICKS_HOST: 'https://e.cloud.databricks.com',
      DATABRICKS_TOKEN: 'dapiENVX',
    });
    const { configPath, profiles } = await handlers.listImportableProfiles();
    expect(configPath).toBe(cfg);
    expect(profiles.map((p) => p.id)).toContain('env');
    expect(JSON.stringify(profiles)).not.toMatch(/dapi|doseSP/);
  });

  it('imports PAT, service principal, OAuth and env profiles; secrets only in the keychain; file untouched', async () => {
    const before = await sha(cfg);
    const secrets = memorySecrets();
    const { ctx, handlers } = setup(secrets, {
      DATABRICKS_HOST: 'https://e.cloud.databricks.com',
      DATABRICKS_TOKEN: 'dapiENVX',
    });
    const ids = [
      'cfg:DEFAULT',
      'cfg:sp-prod',
      'cfg:browser',
      'env',
      'cfg:no-host',
      'cfg:azure-cli',
      'cfg:gone',
    ];
    const { imported, failed } = await handlers.importProfiles({ ids });
    expect(imported.map((w) => [w.name, w.authKind, w.hasSecret])).toEqual([
      ['DEFAULT', 'pat', true],
      ['sp-prod', 'service-principal', true],
      ['browser', 'oauth', false],
      ['Environment (DATABRICKS_HOST)', 'pat', true],
    ]);
    // Hosts normalised (trailing slash gone); the SP's client id kept (it is not a secret).
    expect(imported[0]?.host).toBe('https://adb-1111111111111111.11.azuredatabricks.net');
    expect(imported[1]?.clientId).toBe('6f0c1a8e-0000-4000-8000-000000000001');
    expect(imported[2]?.health?.message).toMatch(/sign in to finish/);
    expect(failed.map((f) => f.id)).toEqual(['cfg:no-host', 'cfg:azure-cli', 'cfg:gone']);
    expect(failed[1]?.message).toMatch(/azure-cli isn't supported/);

    expect(secrets.map.get(imported[0]?.id ?? '')).toBe('dapiDEFAULTTOKEN0000000000000000');
    expect(secrets.map.get(imported[1]?.id ?? '')).toBe('doseSPSECRET000000000000000000');
    expect(secrets.map.get(imported[3]?.id ?? '')).toBe('dapiENVX');
    expect(secrets.map.size).toBe(3);

    const saved = await readFile(path.join(dir, 'workspaces.json'), 'utf8');
    expect(saved).not.toMatch(/dapi|doseSP/);
    expect((await ctx.profiles.list()).length).toBe(4);
    expect(await sha(cfg)).toBe(before);
  });

  it('keychain unavailable: profiles with secrets are imported as references, never copied', async () => {
    const secrets = memorySecrets(false);
    const { ctx, handlers } = setup(secrets);
    const { imported, failed } = await handlers.importProfiles({ ids: ['cfg:DEFAULT', 'cfg:browser'] });
    expect(failed).toEqual([]);
    expect(imported.map((w) => [w.name, w.hasSecret, w.secretSource])).toEqual([
      ['DEFAULT', true, { kind: 'databrickscfg', path: cfg, profile: 'DEFAULT' }],
      ['browser', false, undefined], // OAuth holds no secret yet (its sign-in needs the keychain later)
    ]);
    expect(secrets.map.size).toBe(0);
    expect(await readFile(path.join(dir, 'workspaces.json'), 'utf8')).not.toMatch(/dapi/);
    expect((await ctx.profiles.list()).map((p) => p.name)).toEqual(['DEFAULT', 'browser']);
  });

  it('gives a second import of the same section a distinct name', async () => {
    const { handlers } = setup(memorySecrets());
    await handlers.importProfiles({ ids: ['cfg:DEFAULT'] });
    const { imported } = await handlers.importProfiles({ ids: ['cfg:DEFAULT'] });
    expect(imported[0]?.name).toBe('DEFAULT (2)');
  });
});
