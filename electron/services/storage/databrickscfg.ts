import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'ini';
import type { AuthKind, ImportableProfile } from '../../../shared/domain';
import { failure } from '../../../shared/errors';

/*
 * Reads the Databricks CLI's ~/.databrickscfg (or DATABRICKS_CONFIG_FILE) and the DATABRICKS_*
 * environment into profiles the user may import. Read-only: the file is never written. Secret
 * values stay on this side; the renderer only learns whether one is present.
 */

/** A profile with its secret (privileged side only; ImportableProfile is what crosses the bridge). */
export interface FoundProfile {
  profile: ImportableProfile;
  /** The token (pat) or client secret (service principal); null for OAuth or when missing. */
  secret: string | null;
  clientId: string | null;
}

/** The environment variables read (injectable for tests). */
export type Env = Record<string, string | undefined>;

/** Where the CLI's config lives: DATABRICKS_CONFIG_FILE (with ~ expanded), else ~/.databrickscfg. */
export function configFilePath(env: Env = process.env, home: string = os.homedir()): string {
  const fromEnv = env.DATABRICKS_CONFIG_FILE?.trim();
  if (!fromEnv) return path.join(home, '.databrickscfg');
  return fromEnv.startsWith('~') ? path.join(home, fromEnv.slice(1)) : path.resolve(fromEnv);
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** The auth types the Databricks CLI records for a browser (U2M) sign-in. */
const OAUTH_TYPES = new Set(['databricks-cli', 'external-browser', 'oauth-u2m']);

interface Fields {
  host: string | null;
  token: string | null;
  clientId: string | null;
  clientSecret: string | null;
  authType: string | null;
}

/** Which way a profile authenticates, and what is missing for it (sentences to show). */
function classify(f: Fields): { authKind: AuthKind | null; problems: string[] } {
  const problems: string[] = [];
  if (!f.host) problems.push('No host is set.');
  if (f.authType && f.authType !== 'pat' && !OAUTH_TYPES.has(f.authType) && f.authType !== 'oauth-m2m')
    return { authKind: null, problems: [...problems, `auth_type ${f.authType} isn't supported yet.`] };
  if (f.authType === 'pat' || (f.token && !f.authType)) {
    if (!f.token) problems.push('auth_type is pat but no token is set.');
    return { authKind: 'pat', problems };
  }
  if (f.authType === 'oauth-m2m' || ((f.clientId || f.clientSecret) && !f.authType)) {
    if (!f.clientId) problems.push('No client_id is set.');
    if (!f.clientSecret) problems.push('No client_secret is set.');
    return { authKind: 'service-principal', problems };
  }
  // databricks-cli / external-browser / oauth-u2m, or a host alone: a browser sign-in after import.
  return { authKind: f.host ? 'oauth' : null, problems };
}

function found(
  id: string,
  source: ImportableProfile['source'],
  profileName: string,
  f: Fields,
  isDefault: boolean,
): FoundProfile {
  const { authKind, problems } = classify(f);
  const secret = authKind === 'pat' ? f.token : authKind === 'service-principal' ? f.clientSecret : null;
  return {
    profile: {
      id,
      source,
      profileName,
      host: f.host,
      authKind,
      hasSecret: secret !== null,
      isDefault,
      problems,
    },
    secret,
    clientId: authKind === 'service-principal' || authKind === 'oauth' ? f.clientId : null,
  };
}

/** The default profile's name: DATABRICKS_CONFIG_PROFILE, else [__settings__] default_profile, else DEFAULT. */
function defaultProfileName(parsed: Record<string, unknown>, env: Env): string {
  const settings = parsed.__settings__;
  const fromSettings =
    settings && typeof settings === 'object'
      ? str((settings as Record<string, unknown>).default_profile)
      : null;
  return str(env.DATABRICKS_CONFIG_PROFILE) ?? fromSettings ?? 'DEFAULT';
}

/**
 * `ini` nests dotted section names (`[team.prod]` → {team: {prod: {…}}}); the CLI doesn't, so
 * they are joined back. A level with keys of its own is a profile; one with only children isn't.
 */
function flattenSections(name: string, value: Record<string, unknown>): [string, Record<string, unknown>][] {
  const own = Object.fromEntries(
    Object.entries(value).filter(([, v]) => typeof v !== 'object' || v === null),
  );
  const out: [string, Record<string, unknown>][] = Object.keys(own).length ? [[name, own]] : [];
  for (const [key, child] of Object.entries(value)) {
    if (child && typeof child === 'object' && !Array.isArray(child))
      out.push(...flattenSections(`${name}.${key}`, child as Record<string, unknown>));
  }
  return out;
}

/** Parses the text of a .databrickscfg into profiles (the `[__settings__]` section is not one). */
export function parseDatabricksCfg(text: string, env: Env = {}): FoundProfile[] {
  const parsed = parse(text) as Record<string, unknown>;
  const defaultName = defaultProfileName(parsed, env);
  const profiles: FoundProfile[] = [];
  // ini puts keys before any section at the top level; the CLI treats them as [DEFAULT].
  const loose = Object.fromEntries(Object.entries(parsed).filter(([, v]) => typeof v !== 'object'));
  const sections: [string, Record<string, unknown>][] = Object.keys(loose).length ? [['DEFAULT', loose]] : [];
  for (const [name, value] of Object.entries(parsed)) {
    if (name === '__settings__' || !value || typeof value !== 'object') continue;
    sections.push(...flattenSections(name, value as Record<string, unknown>));
  }
  for (const [name, s] of sections) {
    const fields: Fields = {
      host: str(s.host),
      token: str(s.token),
      clientId: str(s.client_id),
      clientSecret: str(s.client_secret),
      authType: str(s.auth_type)?.toLowerCase() ?? null,
    };
    profiles.push(found(`cfg:${name}`, 'databrickscfg', name, fields, name === defaultName));
  }
  return profiles;
}

/** DATABRICKS_HOST with DATABRICKS_TOKEN or DATABRICKS_CLIENT_ID/SECRET as one profile `env`; null when unset. */
export function profileFromEnv(env: Env = process.env): FoundProfile | null {
  const fields: Fields = {
    host: str(env.DATABRICKS_HOST),
    token: str(env.DATABRICKS_TOKEN),
    clientId: str(env.DATABRICKS_CLIENT_ID),
    clientSecret: str(env.DATABRICKS_CLIENT_SECRET),
    authType: str(env.DATABRICKS_AUTH_TYPE)?.toLowerCase() ?? null,
  };
  if (!fields.host && !fields.token && !fields.clientId && !fields.clientSecret) return null;
  return found('env', 'env', 'environment', fields, false);
}

/** Everything importable: the config file's profiles (a missing file is no error) and the environment. */
export async function findImportableProfiles(
  env: Env = process.env,
  home: string = os.homedir(),
): Promise<{ configPath: string; profiles: FoundProfile[] }> {
  const configPath = configFilePath(env, home);
  let text = '';
  try {
    text = await readFile(configPath, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT')
      throw failure(
        'INVALID_INPUT',
        `${configPath} could not be read (${code ?? 'error'}). Check its permissions.`,
      );
  }
  const profiles = parseDatabricksCfg(text, env);
  const fromEnv = profileFromEnv(env);
  if (fromEnv) profiles.push(fromEnv);
  return { configPath, profiles };
}

/**
 * The token (pat) or client secret (service principal) of profile `profileName` in the config
 * file at `configPath`, read now; null when the file, the section or the secret is gone.
 * Used for profiles imported as a reference (no keychain): the secret stays in the file.
 */
export async function readProfileSecret(configPath: string, profileName: string): Promise<string | null> {
  let text: string;
  try {
    text = await readFile(configPath, 'utf8');
  } catch {
    return null; // missing or unreadable: the caller says which file and profile to check
  }
  return parseDatabricksCfg(text).find((f) => f.profile.profileName === profileName)?.secret ?? null;
}
