import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createWorkspaceProfiles,
  normaliseHost,
  PROFILES_FILE,
} from '../../../../../electron/services/storage/workspace-profiles';
import { StudioFailure } from '../../../../../shared/errors';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'profiles-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

const readJson = async () => JSON.parse(await readFile(path.join(dir, PROFILES_FILE), 'utf8'));

describe('normaliseHost', () => {
  it.each([
    ['https://abc.cloud.databricks.com', 'https://abc.cloud.databricks.com'],
    ['  abc.cloud.databricks.com  ', 'https://abc.cloud.databricks.com'],
    ['ABC.Cloud.Databricks.COM/', 'https://abc.cloud.databricks.com'],
    ['https://adb-123.4.azuredatabricks.net///', 'https://adb-123.4.azuredatabricks.net'],
    ['https://adb-123.4.azuredatabricks.net/?o=123#notebook/1', 'https://adb-123.4.azuredatabricks.net'],
    ['https://abc.cloud.databricks.com/serving-endpoints/x', 'https://abc.cloud.databricks.com'],
    ['HTTPS://abc.cloud.databricks.com:443', 'https://abc.cloud.databricks.com'],
    ['https://abc.example.com:8443/', 'https://abc.example.com:8443'],
    ['abc.cloud.databricks.com.', 'https://abc.cloud.databricks.com'],
    ['http://127.0.0.1:8123', 'http://127.0.0.1:8123'],
    ['http://localhost:3000/', 'http://localhost:3000'],
    ['http://[::1]:9000', 'http://[::1]:9000'],
    ['localhost:3000', 'https://localhost:3000'],
    ['https://10.0.0.5', 'https://10.0.0.5'],
    ['https://bücher.example', 'https://xn--bcher-kva.example'],
  ])('%j → %j', (input, expected) => {
    expect(normaliseHost(input)).toBe(expected);
  });

  it.each([
    ['', /Enter the workspace URL/],
    ['   ', /Enter the workspace URL/],
    ['https://abc .com', /spaces/],
    ['ftp://abc.com', /https:\/\//],
    ['file:///etc/passwd', /https:\/\//],
    ['javascript://alert(1)', /https:\/\//],
    ['https://user:pass@abc.cloud.databricks.com', /user name or password/],
    ['https://user@abc.cloud.databricks.com', /user name or password/],
    ['http://abc.cloud.databricks.com', /plain http/],
    ['http://10.0.0.5:8080', /plain http/],
    ['https://', /not a valid workspace URL/],
    ['https://a_b.example.com', /not a valid host name/],
    ['https://-abc.example.com', /not a valid host name/],
    ['https://999.1.1.1', /not a valid/],
    ['https:\\\\evil.com', /not allowed/],
    ['https://abc.com\u0000.evil', /not allowed/],
    ['https://abc.com:99999', /not a valid workspace URL/],
  ])('rejects %j', (input, message) => {
    let thrown: unknown;
    try {
      normaliseHost(input);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(StudioFailure);
    const error = (thrown as StudioFailure).error;
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(message);
  });
});

describe('createWorkspaceProfiles', () => {
  it('starts empty when the file is missing', async () => {
    const profiles = createWorkspaceProfiles(dir);
    expect(await profiles.list()).toEqual([]);
    expect(await profiles.getCurrent()).toBeNull();
  });

  it('adds, gets, selects and removes profiles, and persists them', async () => {
    const profiles = createWorkspaceProfiles(dir);
    const a = await profiles.add({ name: ' Prod ', host: 'Prod.cloud.databricks.com/', authKind: 'pat' });
    expect(a).toMatchObject({ name: 'Prod', host: 'https://prod.cloud.databricks.com', authKind: 'pat' });
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
    const b = await profiles.add({ name: 'Dev', host: 'dev.cloud.databricks.com', authKind: 'pat' });
    await profiles.setCurrent(b.id);
    expect((await profiles.getCurrent())?.id).toBe(b.id);

    const reopened = createWorkspaceProfiles(dir);
    expect((await reopened.list()).map((p) => p.name)).toEqual(['Prod', 'Dev']);
    expect(await reopened.get(a.id)).toEqual(a);
    expect((await reopened.getCurrent())?.id).toBe(b.id);

    expect(await reopened.remove(b.id)).toBe(true);
    expect(await reopened.remove(b.id)).toBe(false);
    expect(await reopened.getCurrent()).toBeNull();
    expect(await readJson()).toEqual({ version: 1, profiles: [a], currentId: null });
  });

  it('refuses to select an unknown profile', async () => {
    const profiles = createWorkspaceProfiles(dir);
    await expect(profiles.setCurrent('nope')).rejects.toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('refuses a bad host or an empty name before writing anything', async () => {
    const profiles = createWorkspaceProfiles(dir);
    await expect(profiles.add({ name: 'x', host: 'http://evil.com', authKind: 'pat' })).rejects.toMatchObject(
      {
        error: { code: 'INVALID_INPUT' },
      },
    );
    await expect(profiles.add({ name: '  ', host: 'a.com', authKind: 'pat' })).rejects.toMatchObject({
      error: { code: 'INVALID_INPUT' },
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('put adds or replaces a profile with a fixed id (the demo)', async () => {
    const profiles = createWorkspaceProfiles(dir);
    const demo = { id: 'demo', name: 'Demo', host: '', authKind: 'demo' as const, createdAt: 1 };
    await profiles.put(demo);
    await profiles.put({ ...demo, name: 'Demo workspace' });
    expect(await profiles.list()).toEqual([{ ...demo, name: 'Demo workspace' }]);
  });

  it('writes atomically and leaves no temporary files, even under concurrent writes', async () => {
    const profiles = createWorkspaceProfiles(dir);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        profiles.add({ name: `W${i}`, host: `w${i}.cloud.databricks.com`, authKind: 'pat' }),
      ),
    );
    expect(await readdir(dir)).toEqual([PROFILES_FILE]);
    // No write was lost to a concurrent read-modify-write.
    expect((await readJson()).profiles).toHaveLength(20);
  });

  it('recovers from a corrupt file: keeps a backup and starts empty', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await writeFile(path.join(dir, PROFILES_FILE), '{"version":1,"profiles":[{"id":');
    const profiles = createWorkspaceProfiles(dir);
    expect(await profiles.list()).toEqual([]);
    const files = await readdir(dir);
    const backup = files.find((f) => f.startsWith(`${PROFILES_FILE}.corrupt-`));
    expect(backup).toBeDefined();
    expect(await readFile(path.join(dir, backup!), 'utf8')).toBe('{"version":1,"profiles":[{"id":');
    await profiles.add({ name: 'After', host: 'after.cloud.databricks.com', authKind: 'pat' });
    expect((await readJson()).profiles).toHaveLength(1);
  });

  it.each([
    ['valid JSON of the wrong shape', JSON.stringify({ version: 1, profiles: [{ id: 1 }], currentId: null })],
    ['a future version', JSON.stringify({ version: 2, profiles: [], currentId: null })],
    ['not an object', '[]'],
    ['empty', ''],
  ])('treats %s as corrupt', async (_label, text) => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await writeFile(path.join(dir, PROFILES_FILE), text);
    expect(await createWorkspaceProfiles(dir).list()).toEqual([]);
    expect((await readdir(dir)).some((f) => f.includes('.corrupt-'))).toBe(true);
  });

  it('ignores a current id whose profile is gone', async () => {
    await writeFile(
      path.join(dir, PROFILES_FILE),
      JSON.stringify({ version: 1, profiles: [], currentId: 'ghost' }),
    );
    expect(await createWorkspaceProfiles(dir).getCurrent()).toBeNull();
  });

  it('never writes a secret, even if a caller passes one along', async () => {
    const profiles = createWorkspaceProfiles(dir);
    const sneaky = {
      name: 'W',
      host: 'w.cloud.databricks.com',
      authKind: 'pat' as const,
      token: 'dapi-secret',
    };
    await profiles.add(sneaky);
    await profiles.put({
      id: 'x',
      name: 'X',
      host: '',
      authKind: 'demo',
      createdAt: 1,
      token: 'dapi-2',
    } as never);
    const text = await readFile(path.join(dir, PROFILES_FILE), 'utf8');
    expect(text).not.toMatch(/dapi|token|secret/i);
  });
});
