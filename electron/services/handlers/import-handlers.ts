import { randomUUID } from 'node:crypto';
import type { SecretSource, WorkspaceProfile } from '../../../shared/domain';
import { StudioFailure } from '../../../shared/errors';
import type { ImportResult } from '../../../shared/workspace-schemas';
import { checkPat, checkServicePrincipal } from '../auth/credential-checks';
import { secretAccount, tokenCacheFor } from '../auth/credentials';
import type { AccessToken } from '../auth/tokens';
import { findSameIdentity } from '../auth/workspace-identity';
import { type Context, summary } from '../services-context';
import { type Env, type FoundProfile, findImportableProfiles } from '../storage/databrickscfg';
import { previewProfile } from '../storage/import-preview';
import type { Handlers } from '../types';
import { healthyResult } from '../workspace-client/connection-health';

/*
 * Importing profiles from ~/.databrickscfg and the DATABRICKS_* environment. The file is only
 * ever read. Every selected profile gets a result: a token or service principal is checked
 * with a real call first and saved only if it works (`imported`), or not saved and says why
 * (`failed`); an OAuth / databricks-cli profile is saved without credentials and asks for a
 * browser sign-in (`needs-sign-in`). A profile whose host and identity are already here
 * updates that workspace instead of adding a twin. Without a keychain, a secret is kept as a
 * REFERENCE (`secretSource`: the file section or the environment), read there at each request
 * as the CLI does: never a plaintext copy in workspaces.json. Import never changes which
 * workspace is current: the renderer makes a checked one current when none is.
 */

/** The real call that checks a profile's token or service principal (tests replace it). */
export type ImportCheck = (found: FoundProfile, host: string) => Promise<AccessToken | null>;

/** Where to look, and how to check (tests point these at fixtures and doubles). */
export interface ImportOptions {
  env?: Env;
  home?: string;
  check?: ImportCheck;
}

const messageOf = (err: unknown): string =>
  err instanceof StudioFailure ? err.error.message : 'The profile could not be imported.';

/** A name not yet used by a saved profile: the section name, then "name (2)"… */
function freeName(wanted: string, taken: Set<string>): string {
  let name = wanted.slice(0, 90);
  for (let n = 2; taken.has(name); n++) name = `${wanted.slice(0, 90)} (${n})`;
  taken.add(name);
  return name;
}

const realCheck =
  (ctx: Context): ImportCheck =>
  async ({ profile, secret, clientId }, host) => {
    if (secret === null) throw new StudioFailure({ code: 'NOT_CONFIGURED', message: 'It has no secret.' });
    if (profile.authKind === 'service-principal')
      return checkServicePrincipal(ctx, host, clientId ?? '', secret);
    await checkPat(ctx, host, secret);
    return null;
  };

type Checked = { ok: true; access: AccessToken | null } | { ok: false; error: unknown };

/** One selected profile, before it is saved: refused already, an OAuth one, or a check under way. */
type Plan =
  | { kind: 'failed'; id: string; profileName: string; message: string }
  | { kind: 'oauth'; found: FoundProfile; host: string }
  | { kind: 'checked'; found: FoundProfile; host: string; checked: Promise<Checked> };

/** What to do with `id`. Checks start here, so they run side by side. */
function plan(profiles: FoundProfile[], id: string, check: ImportCheck): Plan {
  const found = profiles.find((f) => f.profile.id === id);
  if (!found)
    return {
      kind: 'failed',
      id,
      profileName: id,
      message: 'It is no longer in the file or the environment.',
    };
  // The same preview the checklist showed: what it calls a problem, import refuses.
  const shown = previewProfile(found.profile);
  const { host, authKind, problems } = shown;
  if (problems.length > 0 || !host || !authKind)
    return {
      kind: 'failed',
      id,
      profileName: shown.profileName,
      message: problems.join(' ') || 'It is incomplete.',
    };
  if (authKind === 'oauth') return { kind: 'oauth', found, host };
  const checked = check(found, host).then(
    (access): Checked => ({ ok: true, access }),
    (error: unknown): Checked => ({ ok: false, error }),
  );
  return { kind: 'checked', found, host, checked };
}

/** What the saves share: keychain availability, names in use, the config file's path. */
interface SaveState {
  keychain: boolean;
  taken: Set<string>;
  configPath: string;
}

/** Where a secret stays when there is no keychain (never a plaintext copy). */
const referenceTo = (found: FoundProfile, configPath: string): SecretSource =>
  found.profile.source === 'env'
    ? { kind: 'env' }
    : { kind: 'databrickscfg', path: configPath, profile: found.profile.profileName };

/** Saves a profile and (keychain) its secret; a failed secret write takes the profile back. */
async function save(
  ctx: Context,
  profile: WorkspaceProfile,
  secret: string | null,
  undo: () => Promise<unknown>,
) {
  await ctx.profiles.put(profile);
  if (secret === null || profile.secretSource) return;
  try {
    await ctx.secrets.set(secretAccount(profile.id), secret);
  } catch (err) {
    await undo(); // never a profile without its secret
    throw err;
  }
}

/** Saves a checked profile: updates the workspace with that host and identity, else adds one. */
async function saveChecked(ctx: Context, found: FoundProfile, host: string, state: SaveState) {
  const { profile: p, secret, clientId } = found;
  const authKind = p.authKind as 'pat' | 'service-principal';
  const reference = secret !== null && !state.keychain ? referenceTo(found, state.configPath) : null;
  const existing = findSameIdentity(await ctx.profiles.list(), { authKind, host, clientId });
  const base: WorkspaceProfile = existing ?? {
    id: randomUUID(),
    name: freeName(p.source === 'env' ? 'Environment (DATABRICKS_HOST)' : p.profileName, state.taken),
    host,
    authKind,
    createdAt: Date.now(),
    ...(clientId ? { clientId } : {}),
  };
  const { secretSource: _old, ...rest } = base;
  const profile: WorkspaceProfile = reference ? { ...rest, secretSource: reference } : rest;
  await save(ctx, profile, secret, () =>
    existing ? ctx.profiles.put(existing) : ctx.profiles.remove(profile.id),
  );
  return { profile, updated: existing !== null };
}

/** The health an imported OAuth profile starts with: it needs a browser sign-in to work. */
const oauthPending = () => ({
  ok: false,
  checkedAt: Date.now(),
  code: 'AUTH',
  message: 'Imported without credentials: sign in to finish.',
  fix: 'Sign in in the browser to finish.',
});

/** Saves an OAuth profile without credentials (or finds it already here): a sign-in finishes it. */
async function importOAuth(ctx: Context, found: FoundProfile, host: string, state: SaveState) {
  const identity = { authKind: 'oauth' as const, host, clientId: found.clientId };
  const existing = findSameIdentity(await ctx.profiles.list(), identity);
  const signedIn = existing !== null && state.keychain && (await ctx.secrets.has(secretAccount(existing.id)));
  const profile: WorkspaceProfile = existing ?? {
    id: randomUUID(),
    name: freeName(found.profile.profileName, state.taken),
    host,
    authKind: 'oauth',
    createdAt: Date.now(),
    ...(found.clientId ? { clientId: found.clientId } : {}),
  };
  if (!existing) await ctx.profiles.put(profile);
  if (!signedIn) ctx.health.set(profile.id, oauthPending());
  const workspace = await summary(ctx, profile, state.keychain);
  const message = signedIn
    ? `Already here as "${profile.name}", signed in.`
    : `${existing ? `Already here as "${profile.name}"` : 'Saved'}: sign in in the browser to finish.`;
  return { status: signedIn ? ('imported' as const) : ('needs-sign-in' as const), message, workspace };
}

/** Turns a plan into its result, saving what can be saved. */
async function settle(ctx: Context, item: Plan, state: SaveState): Promise<ImportResult> {
  if (item.kind === 'failed')
    return {
      id: item.id,
      profileName: item.profileName,
      status: 'failed',
      message: item.message,
      workspace: null,
    };
  const { id, profileName } = item.found.profile;
  try {
    if (item.kind === 'oauth')
      return { id, profileName, ...(await importOAuth(ctx, item.found, item.host, state)) };
    const outcome = await item.checked;
    if (!outcome.ok) throw outcome.error;
    const { profile, updated } = await saveChecked(ctx, item.found, item.host, state);
    const cache = tokenCacheFor(ctx);
    cache.forget(profile.id);
    if (outcome.access) cache.remember(profile.id, outcome.access);
    ctx.clients.delete(profile.id);
    ctx.health.set(profile.id, healthyResult());
    const workspace = await summary(ctx, profile, state.keychain);
    const message = updated
      ? `Connection checked; updated "${profile.name}", already here.`
      : 'Connection checked.';
    return { id, profileName, status: 'imported', message, workspace };
  } catch (err) {
    return { id, profileName, status: 'failed', message: messageOf(err), workspace: null };
  }
}

/** listImportableProfiles and importProfiles. */
export function importHandlers(ctx: Context, options: ImportOptions = {}) {
  const find = () => findImportableProfiles(options.env ?? process.env, options.home);
  const check = options.check ?? realCheck(ctx);
  return {
    async listImportableProfiles() {
      const { configPath, profiles } = await find();
      return { configPath, profiles: profiles.map((f) => previewProfile(f.profile)) };
    },
    async importProfiles({ ids }) {
      const { configPath, profiles } = await find();
      const plans = [...new Set(ids)].map((id) => plan(profiles, id, check));
      const state: SaveState = {
        keychain: await ctx.secrets.isAvailable(),
        taken: new Set((await ctx.profiles.list()).map((p) => p.name)),
        configPath,
      };
      const results: ImportResult[] = [];
      // One after another: names are handed out and the profile file written in order.
      for (const item of plans) results.push(await settle(ctx, item, state));
      return { results };
    },
  } satisfies Partial<Handlers>;
}
