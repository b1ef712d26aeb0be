import { randomUUID } from 'node:crypto';
import type {
  ImportableProfile,
  SecretSource,
  WorkspaceProfile,
  WorkspaceSummary,
} from '../../../shared/domain';
import { describeError, StudioFailure } from '../../../shared/errors';
import { secretAccount } from '../auth/credentials';
import { type Context, summary } from '../services-context';
import { type Env, type FoundProfile, findImportableProfiles } from '../storage/databrickscfg';
import { normaliseHost } from '../storage/workspace-profiles';
import type { Handlers } from '../types';

/*
 * Importing profiles from ~/.databrickscfg and the DATABRICKS_* environment. The file is only
 * ever read. Each imported secret goes to the keychain under the new profile's account and
 * nowhere else. Without a keychain, a profile with a secret is imported as a REFERENCE
 * (`secretSource`: the file section or the environment), read there at each request as the
 * CLI does: never a plaintext copy in workspaces.json.
 */

/** Where to look (tests point these at fixtures). */
export interface ImportSources {
  env?: Env;
  home?: string;
}

const messageOf = (err: unknown): string =>
  err instanceof StudioFailure ? describeError(err.error) : 'The profile could not be imported.';

/** A name not yet used by a saved profile: the section name, then "name (2)"… */
function freeName(wanted: string, taken: Set<string>): string {
  let name = wanted.slice(0, 90);
  for (let n = 2; taken.has(name); n++) name = `${wanted.slice(0, 90)} (${n})`;
  taken.add(name);
  return name;
}

/** Saves one found profile (and its secret). Throws StudioFailure with the reason it can't. */
async function importOne(
  ctx: Context,
  found: FoundProfile,
  taken: Set<string>,
  keychain: boolean,
  configPath: string,
): Promise<WorkspaceProfile> {
  const { profile: p, secret } = found;
  if (p.problems.length > 0 || !p.host || !p.authKind)
    throw new StudioFailure({ code: 'INVALID_INPUT', message: p.problems.join(' ') || 'It is incomplete.' });
  const host = normaliseHost(p.host);
  // No keychain: keep where the secret lives, not the secret (never a plaintext fallback).
  const reference =
    secret !== null && !keychain
      ? found.profile.source === 'env'
        ? envSource
        : cfgSource(configPath, p)
      : null;
  const name = freeName(p.source === 'env' ? 'Environment (DATABRICKS_HOST)' : p.profileName, taken);
  const profile: WorkspaceProfile = {
    id: randomUUID(),
    name,
    host,
    authKind: p.authKind,
    createdAt: Date.now(),
    ...(found.clientId ? { clientId: found.clientId } : {}),
    ...(reference ? { secretSource: reference } : {}),
  };
  await ctx.profiles.put(profile);
  // OAuth: the refresh token comes from the sign-in. A reference: the secret stays where it is.
  if (secret === null || reference) return profile;
  try {
    await ctx.secrets.set(secretAccount(profile.id), secret);
  } catch (err) {
    await ctx.profiles.remove(profile.id); // never a profile without its secret
    throw err;
  }
  return profile;
}

const envSource: SecretSource = { kind: 'env' };
const cfgSource = (path: string, p: ImportableProfile): SecretSource => ({
  kind: 'databrickscfg',
  path,
  profile: p.profileName,
});

/** listImportableProfiles and importProfiles. */
export function importHandlers(ctx: Context, sources: ImportSources = {}) {
  const find = () => findImportableProfiles(sources.env ?? process.env, sources.home);
  return {
    async listImportableProfiles() {
      const { configPath, profiles } = await find();
      return { configPath, profiles: profiles.map((f) => f.profile) };
    },
    async importProfiles({ ids }) {
      const { configPath, profiles } = await find();
      const keychain = await ctx.secrets.isAvailable();
      const taken = new Set((await ctx.profiles.list()).map((p) => p.name));
      const imported: WorkspaceSummary[] = [];
      const failed: { id: string; message: string }[] = [];
      for (const id of ids) {
        const found = profiles.find((f) => f.profile.id === id);
        if (!found) {
          failed.push({ id, message: 'That profile is no longer in the file or the environment.' });
          continue;
        }
        try {
          const profile = await importOne(ctx, found, taken, keychain, configPath);
          const saved = await summary(ctx, profile, keychain);
          // An OAuth profile has no refresh token until the user signs in in the browser.
          if (profile.authKind === 'oauth') ctx.health.set(profile.id, oauthPending());
          imported.push({ ...saved, health: ctx.health.get(profile.id) ?? null });
        } catch (err) {
          failed.push({ id, message: `${found.profile.profileName}: ${messageOf(err)}` });
        }
      }
      return { imported, failed };
    },
  } satisfies Partial<Handlers>;
}

/** The health an imported OAuth profile starts with: it needs a browser sign-in to work. */
const oauthPending = () => ({
  ok: false,
  checkedAt: Date.now(),
  code: 'AUTH',
  message: 'Imported without credentials: sign in to finish.',
  fix: 'Sign in in the browser to finish.',
});
