import { describe, expect, it } from 'vitest';
import {
  previewHost,
  previewProfile,
  withoutUserInfo,
} from '../../../../../electron/services/storage/import-preview';
import type { ImportableProfile } from '../../../../../shared/domain';

/* The import checklist's hosts: normalised as saved, never with user-info, refusals as problems. */

describe('previewHost', () => {
  it.each([
    ['https://adb-1.11.azuredatabricks.net/', 'https://adb-1.11.azuredatabricks.net'],
    ['  dbc-2.cloud.databricks.com  ', 'https://dbc-2.cloud.databricks.com'],
    ['HTTPS://DBC-3.Cloud.Databricks.com/?o=123#x', 'https://dbc-3.cloud.databricks.com'],
    ['https://dbc-4.cloud.databricks.com/some/path/', 'https://dbc-4.cloud.databricks.com'],
    ['http://localhost:8080/', 'http://localhost:8080'],
    ['https://dbc-5.cloud.databricks.com./', 'https://dbc-5.cloud.databricks.com'],
  ])('normalises %s to %s', (raw, host) => {
    expect(previewHost(raw)).toEqual({ host, problem: null });
  });

  it.each([
    ['https://alice:hunter2@dbc-1.cloud.databricks.com/', 'https://dbc-1.cloud.databricks.com/'],
    ['alice:hunter2@dbc-1.cloud.databricks.com', 'dbc-1.cloud.databricks.com'],
    ['https://token@dbc-1.cloud.databricks.com', 'https://dbc-1.cloud.databricks.com'],
    ['https://a:p@ss@dbc-1.cloud.databricks.com', 'https://dbc-1.cloud.databricks.com'],
  ])('cuts the user-info from %s and refuses it', (raw, shown) => {
    const { host, problem } = previewHost(raw);
    expect(host).toBe(shown);
    expect(problem).toMatch(/user name or password/);
    expect(host).not.toMatch(/alice|hunter2|token@|p@ss/);
  });

  it.each([
    ['http://dbc-1.cloud.databricks.com', /Use https:\/\//],
    ['ftp://dbc-1.cloud.databricks.com', /start with https:\/\//],
    ['https://dbc 1.cloud.databricks.com', /spaces/],
    ['https://-bad-.com', /not a valid host name/],
  ])('refuses %s with the reason import would give', (raw, why) => {
    const { problem } = previewHost(raw);
    expect(problem).toMatch(/^host: /);
    expect(problem).toMatch(why);
  });

  it('a host that cannot be parsed is shown without anything up to its last @', () => {
    expect(withoutUserInfo('https://u:p/w@dbc-1.example.com')).toBe('https://dbc-1.example.com');
    expect(previewHost('https://u:p/w@dbc-1.example.com').host).not.toMatch(/u:p/);
  });
});

describe('previewProfile', () => {
  const profile = (host: string | null, problems: string[] = []): ImportableProfile => ({
    id: 'cfg:x',
    source: 'databrickscfg',
    profileName: 'x',
    host,
    authKind: 'pat',
    hasSecret: true,
    isDefault: false,
    problems,
  });

  it('keeps the parser problems and adds the host one', () => {
    const shown = previewProfile(profile('http://example.com', ['auth_type is pat but no token is set.']));
    expect(shown.problems).toHaveLength(2);
    expect(shown.problems[0]).toBe('auth_type is pat but no token is set.');
  });

  it('leaves a profile without a host as it is', () => {
    const p = profile(null, ['No host is set.']);
    expect(previewProfile(p)).toEqual(p);
  });
});
