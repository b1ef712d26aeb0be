import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
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

describe('normaliseHost: each rule on its own', () => {
  const label63 = 'a'.repeat(63);
  // 4 labels of 63 and 3 dots: 255 characters; one label of 61 instead: 253.
  const name253 = [label63, label63, label63, 'a'.repeat(61)].join('.');
  it.each([
    ['a 63-character label', `${label63}.example.com`, `https://${label63}.example.com`],
    ['a 253-character name', name253, `https://${name253}`],
    ['a one-letter name', 'a', 'https://a'],
    ['digits and inner dashes', 'https://a-1-b.example.com', 'https://a-1-b.example.com'],
    ['an IPv6 address over https', 'https://[2001:db8::1]:8443', 'https://[2001:db8::1]:8443'],
    ['the loopback IPv6 address over http', 'http://[::1]', 'http://[::1]'],
    ['localhost over http without a port', 'http://localhost', 'http://localhost'],
    ['127.0.0.1 over http', 'http://127.0.0.1', 'http://127.0.0.1'],
    ['the default https port dropped', 'https://abc.example.com:443/', 'https://abc.example.com'],
    ['the default http port dropped', 'http://localhost:80', 'http://localhost'],
    ['a tab-free surrounding of spaces', '\n abc.example.com \n', 'https://abc.example.com'],
  ])('accepts %s', (_why, input, expected) => {
    expect(normaliseHost(input)).toBe(expected);
  });

  const messageOf = (input: string) => {
    try {
      normaliseHost(input);
    } catch (err) {
      return (err as StudioFailure).error;
    }
    return null;
  };

  it.each([
    ['a 64-character label', `https://${'a'.repeat(64)}.example.com`, '"aaaa'],
    [
      'a 255-character name',
      `https://${[label63, label63, label63, label63].join('.')}`,
      'is not a valid host name.',
    ],
    [
      'a label ending with a dash',
      'https://abc-.example.com',
      '"abc-.example.com" is not a valid host name.',
    ],
    ['an empty label', 'https://a..b.example.com', 'not a valid'],
    ['an underscore', 'https://a_b.example.com', '"a_b.example.com" is not a valid host name.'],
    [
      'a password alone',
      'https://:secret@abc.example.com',
      'Remove the user name or password from the URL; the token has its own field.',
    ],
    [
      'a user alone',
      'https://ada@abc.example.com',
      'Remove the user name or password from the URL; the token has its own field.',
    ],
    [
      'http to another machine',
      'http://abc.example.com',
      'Use https:// for workspaces; plain http:// is only allowed for servers on this machine.',
    ],
    ['http to an IPv6 address that is not loopback', 'http://[2001:db8::1]', 'plain http:// is only allowed'],
    [
      'http to a name that only starts like localhost',
      'http://localhost.evil.com',
      'plain http:// is only allowed',
    ],
    ['another scheme', 'ws://abc.example.com', 'Workspace URLs start with https:// (got ws://).'],
    ['a tab inside', 'https://abc.example.com/\tx', 'The workspace URL cannot contain spaces.'],
    [
      'a DEL character',
      'https://abc.example.com\u007f',
      'The workspace URL contains characters that are not allowed.',
    ],
    [
      'a unit separator',
      'https://abc\u001f.example.com',
      'The workspace URL contains characters that are not allowed.',
    ],
    [
      'a backslash alone',
      'abc.example.com\\x',
      'The workspace URL contains characters that are not allowed.',
    ],
    [
      'nothing but a scheme',
      'https://',
      'That is not a valid workspace URL. It looks like https://<workspace>.cloud.databricks.com.',
    ],
    ['empty input', '', 'Enter the workspace URL.'],
  ])('refuses %s, saying so', (_why, input, words) => {
    const error = messageOf(input);
    expect(error?.code).toBe('INVALID_INPUT');
    expect(error?.message).toContain(words);
  });

  it.each([
    ['1.2.3.4', 'https://1.2.3.4'],
    ['https://255.255.255.255', 'https://255.255.255.255'],
  ])('accepts the IPv4 address %s', (input, expected) => {
    expect(normaliseHost(input)).toBe(expected);
  });
});

describe('createWorkspaceProfiles: the file and its edits', () => {
  const prod = { name: 'Prod', host: 'prod.cloud.databricks.com', authKind: 'pat' as const };

  it('writes the file readable by its owner only, with a trailing newline', async () => {
    const profiles = createWorkspaceProfiles(path.join(dir, 'nested', 'user-data'));
    await profiles.add(prod);
    const file = path.join(dir, 'nested', 'user-data', PROFILES_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const text = await readFile(file, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "version": 1,');
  });

  it('stamps a new profile with the time it was added and a fresh id each time', async () => {
    vi.spyOn(Date, 'now').mockReturnValue(1_700_000_000_000);
    const profiles = createWorkspaceProfiles(dir);
    const a = await profiles.add(prod);
    const b = await profiles.add(prod);
    expect(a.createdAt).toBe(1_700_000_000_000);
    expect(a.id).not.toBe(b.id);
  });

  it('keeps the demo host as given (it is filled in at runtime)', async () => {
    const profiles = createWorkspaceProfiles(dir);
    const demo = await profiles.add({ name: 'Demo', host: '', authKind: 'demo' });
    expect(demo.host).toBe('');
  });

  it('replaces an edited profile where it is, so it keeps its place', async () => {
    const profiles = createWorkspaceProfiles(dir);
    const a = await profiles.add({ ...prod, name: 'A' });
    const b = await profiles.add({ ...prod, name: 'B' });
    const c = await profiles.add({ ...prod, name: 'C' });
    await profiles.put({ ...b, name: 'B2' });
    expect((await profiles.list()).map((p) => p.name)).toEqual(['A', 'B2', 'C']);
    expect((await readJson()).profiles.map((p: { id: string }) => p.id)).toEqual([a.id, b.id, c.id]);
  });

  it('hands out copies: changing a returned list changes nothing stored', async () => {
    const profiles = createWorkspaceProfiles(dir);
    await profiles.add(prod);
    (await profiles.list()).pop();
    expect(await profiles.list()).toHaveLength(1);
  });

  it('answers null for an unknown id, and nothing current after clearing the selection', async () => {
    const profiles = createWorkspaceProfiles(dir);
    const a = await profiles.add(prod);
    expect(await profiles.get('nope')).toBeNull();
    await profiles.setCurrent(a.id);
    await profiles.setCurrent(null);
    expect(await profiles.getCurrent()).toBeNull();
    expect((await readJson()).currentId).toBeNull();
  });

  it('keeps the current workspace when another one is removed', async () => {
    const profiles = createWorkspaceProfiles(dir);
    const a = await profiles.add({ ...prod, name: 'A' });
    const b = await profiles.add({ ...prod, name: 'B' });
    await profiles.setCurrent(a.id);
    expect(await profiles.remove(b.id)).toBe(true);
    expect((await profiles.getCurrent())?.id).toBe(a.id);
    expect(await readJson()).toEqual({ version: 1, profiles: [a], currentId: a.id });
  });

  it('does not rewrite the file for a selection or removal that changes nothing', async () => {
    const profiles = createWorkspaceProfiles(dir);
    const a = await profiles.add(prod);
    await profiles.setCurrent(a.id);
    const file = path.join(dir, PROFILES_FILE);
    await writeFile(file, `${JSON.stringify({ version: 1, profiles: [a], currentId: a.id })}`);
    await profiles.setCurrent(a.id);
    expect(await profiles.remove('nope')).toBe(false);
    // Still the text written by hand above: neither call wrote.
    expect(await readFile(file, 'utf8')).toBe(JSON.stringify({ version: 1, profiles: [a], currentId: a.id }));
  });

  it('forgets a current id whose profile is gone when it next writes the file', async () => {
    const kept = { id: 'p1', name: 'Kept', host: 'https://k.example.com', authKind: 'pat', createdAt: 1 };
    await writeFile(
      path.join(dir, PROFILES_FILE),
      JSON.stringify({ version: 1, profiles: [kept], currentId: 'ghost' }),
    );
    const profiles = createWorkspaceProfiles(dir);
    await profiles.add(prod);
    expect((await readJson()).currentId).toBeNull();
  });

  it('says what is wrong in words: no name, a workspace that is gone', async () => {
    const profiles = createWorkspaceProfiles(dir);
    await expect(profiles.add({ ...prod, name: ' ' })).rejects.toMatchObject({
      error: { code: 'INVALID_INPUT', message: 'Give the workspace a name.' },
    });
    await expect(profiles.setCurrent('gone')).rejects.toMatchObject({
      error: { code: 'NOT_FOUND', message: 'That workspace no longer exists. Pick another one.' },
    });
  });

  it('keeps a good file as it is, and names the backup of a bad one after the time', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(Date, 'now').mockReturnValue(1234);
    await writeFile(path.join(dir, PROFILES_FILE), 'not json');
    expect(await createWorkspaceProfiles(dir).list()).toEqual([]);
    expect(await readdir(dir)).toEqual([`${PROFILES_FILE}.corrupt-1234`]);
    expect(warn).toHaveBeenCalledWith(
      `[workspace-profiles] ${PROFILES_FILE} was unreadable; kept it as ${PROFILES_FILE}.corrupt-1234`,
    );
    warn.mockClear();
    const good = { version: 1, profiles: [], currentId: null };
    await writeFile(path.join(dir, PROFILES_FILE), JSON.stringify(good));
    expect(await createWorkspaceProfiles(dir).list()).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
    expect(await readJson()).toEqual(good);
  });

  it('reports a file it cannot read (not a missing one), and tries again next time', async () => {
    // A folder where the file should be: reading it fails with EISDIR.
    await mkdir(path.join(dir, PROFILES_FILE));
    const profiles = createWorkspaceProfiles(dir);
    await expect(profiles.list()).rejects.toMatchObject({ code: 'EISDIR' });
    await rm(path.join(dir, PROFILES_FILE), { recursive: true });
    expect(await profiles.list()).toEqual([]);
  });

  it('leaves no temporary file behind when the write fails, and the next edit still works', async () => {
    const profiles = createWorkspaceProfiles(dir);
    await profiles.add({ ...prod, name: 'A' });
    // A folder in the file's place: the final rename fails.
    await rm(path.join(dir, PROFILES_FILE));
    await mkdir(path.join(dir, PROFILES_FILE));
    await writeFile(path.join(dir, PROFILES_FILE, 'keep'), '');
    await expect(profiles.add({ ...prod, name: 'B' })).rejects.toThrow();
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    await rm(path.join(dir, PROFILES_FILE), { recursive: true });
    await profiles.add({ ...prod, name: 'C' });
    expect((await readJson()).profiles.map((p: { name: string }) => p.name)).toEqual(['A', 'C']);
  });
});
