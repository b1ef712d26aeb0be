import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  configFilePath,
  findImportableProfiles,
  parseDatabricksCfg,
  profileFromEnv,
} from '../../../../../electron/services/storage/databrickscfg';

/* ~/.databrickscfg and DATABRICKS_* parsing: profiles, default profile, auth kinds, problems. */

const FIXTURES = path.resolve(__dirname, '../../../../fixtures/databrickscfg');
const fixture = (name: string) => readFile(path.join(FIXTURES, name), 'utf8');

describe('parseDatabricksCfg', () => {
  it('reads every section as a profile, comments ignored, with its auth kind', async () => {
    const found = parseDatabricksCfg(await fixture('databrickscfg'));
    const byName = Object.fromEntries(found.map((f) => [f.profile.profileName, f]));
    expect(Object.keys(byName)).toEqual([
      'DEFAULT',
      'sp-prod',
      'browser',
      'host-only',
      'no-host',
      'azure-cli',
      'half-sp',
    ]);
    expect(byName.DEFAULT?.profile).toMatchObject({
      id: 'cfg:DEFAULT',
      source: 'databrickscfg',
      host: 'https://adb-1111111111111111.11.azuredatabricks.net/',
      authKind: 'pat',
      hasSecret: true,
      isDefault: true,
      problems: [],
    });
    expect(byName.DEFAULT?.secret).toBe('dapiDEFAULTTOKEN0000000000000000');
    expect(byName['sp-prod']?.profile).toMatchObject({ authKind: 'service-principal', hasSecret: true });
    expect(byName['sp-prod']?.clientId).toBe('6f0c1a8e-0000-4000-8000-000000000001');
    expect(byName['sp-prod']?.secret).toBe('doseSPSECRET000000000000000000');
    expect(byName.browser?.profile).toMatchObject({ authKind: 'oauth', hasSecret: false, problems: [] });
    expect(byName['host-only']?.profile).toMatchObject({ authKind: 'oauth', problems: [] });
  });

  it('reports missing fields and unsupported auth types as problems', async () => {
    const found = parseDatabricksCfg(await fixture('databrickscfg'));
    const problems = (name: string) => found.find((f) => f.profile.profileName === name)?.profile.problems;
    expect(problems('no-host')).toEqual(['No host is set.']);
    expect(problems('azure-cli')).toEqual(["auth_type azure-cli isn't supported yet."]);
    expect(problems('half-sp')).toEqual(['No client_secret is set.']);
  });

  it('never lets a secret into the importable profile itself', async () => {
    const found = parseDatabricksCfg(await fixture('databrickscfg'));
    const json = JSON.stringify(found.map((f) => f.profile));
    expect(json).not.toContain('dapi');
    expect(json).not.toContain('doseSPSECRET');
  });

  it('picks the default profile: DATABRICKS_CONFIG_PROFILE, else [__settings__], else DEFAULT', async () => {
    const text = await fixture('with-settings');
    const defaults = (env: Record<string, string>) =>
      parseDatabricksCfg(text, env)
        .filter((f) => f.profile.isDefault)
        .map((f) => f.profile.profileName);
    expect(defaults({})).toEqual(['staging']);
    expect(defaults({ DATABRICKS_CONFIG_PROFILE: 'DEFAULT' })).toEqual(['DEFAULT']);
    expect(parseDatabricksCfg(text).map((f) => f.profile.profileName)).not.toContain('__settings__');
    const plain = parseDatabricksCfg(
      '[DEFAULT]\nhost = https://a.cloud.databricks.com\ntoken = x\n[other]\nhost=h',
    );
    expect(plain.filter((f) => f.profile.isDefault).map((f) => f.profile.profileName)).toEqual(['DEFAULT']);
  });

  it('keeps dotted section names and strips inline comments', () => {
    const found = parseDatabricksCfg(
      '[team.prod]\nhost = https://p.cloud.databricks.com ; prod\ntoken = dapiP\n',
    );
    expect(found.map((f) => [f.profile.profileName, f.profile.host, f.secret])).toEqual([
      ['team.prod', 'https://p.cloud.databricks.com', 'dapiP'],
    ]);
  });

  it('answers nothing for an empty file', () => {
    expect(parseDatabricksCfg('')).toEqual([]);
    expect(parseDatabricksCfg('; only a comment\n# and another\n')).toEqual([]);
  });
});

describe('environment and file location', () => {
  it('uses DATABRICKS_CONFIG_FILE (with ~) else ~/.databrickscfg', () => {
    expect(configFilePath({}, '/home/u')).toBe(path.join('/home/u', '.databrickscfg'));
    expect(configFilePath({ DATABRICKS_CONFIG_FILE: '~/cfg/x.cfg' }, '/home/u')).toBe(
      path.join('/home/u', 'cfg/x.cfg'),
    );
    expect(configFilePath({ DATABRICKS_CONFIG_FILE: '/etc/dbcfg' }, '/home/u')).toBe(
      path.resolve('/etc/dbcfg'),
    );
  });

  it('reads DATABRICKS_HOST + DATABRICKS_TOKEN (or client id/secret) as the profile `env`', () => {
    expect(profileFromEnv({})).toBeNull();
    const pat = profileFromEnv({
      DATABRICKS_HOST: 'https://e.cloud.databricks.com',
      DATABRICKS_TOKEN: 'dapiENV',
    });
    expect(pat?.profile).toMatchObject({
      id: 'env',
      source: 'env',
      authKind: 'pat',
      hasSecret: true,
      problems: [],
    });
    expect(pat?.secret).toBe('dapiENV');
    const sp = profileFromEnv({
      DATABRICKS_HOST: 'https://e.cloud.databricks.com',
      DATABRICKS_CLIENT_ID: 'cid',
      DATABRICKS_CLIENT_SECRET: 'csecret',
    });
    expect(sp?.profile.authKind).toBe('service-principal');
    expect(sp?.clientId).toBe('cid');
    expect(profileFromEnv({ DATABRICKS_TOKEN: 'dapiX' })?.profile.problems).toEqual(['No host is set.']);
  });

  it('lists the file named by DATABRICKS_CONFIG_FILE plus the environment; a missing file is no error', async () => {
    const env = {
      DATABRICKS_CONFIG_FILE: path.join(FIXTURES, 'with-settings'),
      DATABRICKS_HOST: 'https://e.cloud.databricks.com',
      DATABRICKS_TOKEN: 'dapiENV',
    };
    const { configPath, profiles } = await findImportableProfiles(env, '/nowhere');
    expect(configPath).toBe(path.join(FIXTURES, 'with-settings'));
    expect(profiles.map((f) => f.profile.id)).toEqual(['cfg:DEFAULT', 'cfg:staging', 'env']);
    const none = await findImportableProfiles({}, path.join(FIXTURES, 'missing-home'));
    expect(none.profiles).toEqual([]);
  });
});
