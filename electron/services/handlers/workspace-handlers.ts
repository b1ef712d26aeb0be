import type { ParsedRequestOf } from '../../../shared/contract';
import type { WorkspaceProfile, WorkspaceSummary } from '../../../shared/domain';
import { failure } from '../../../shared/errors';
import { checkPat } from '../auth/credential-checks';
import { tokenCacheFor } from '../auth/credentials';
import { findSameIdentity } from '../auth/workspace-identity';
import { type Context, DEMO_PROFILE_ID, demoProfile, startDemo, summary } from '../services-context';
import { KEYCHAIN_UNAVAILABLE_MESSAGE } from '../storage/secret-store';
import { normaliseHost } from '../storage/workspace-profiles';
import type { Handlers } from '../types';
import { healthyResult } from '../workspace-client/connection-health';
import { normaliseBaseUrl } from './provider-handlers';
import { updateWorkspace } from './workspace-update';

/* Workspace profiles and their secrets: choose, connect (token checked first), edit, remove. */

type ConnectRequest = ParsedRequestOf<'connectWorkspace'>;
type FindRequest = ParsedRequestOf<'findExistingWorkspace'>;

async function activateDemo(ctx: Context): Promise<WorkspaceSummary> {
  await startDemo(ctx);
  const profile = (await ctx.profiles.get(DEMO_PROFILE_ID)) ?? (await ctx.profiles.put(demoProfile()));
  await ctx.profiles.setCurrent(DEMO_PROFILE_ID);
  return summary(ctx, profile, true);
}

/**
 * Every saved workspace, the demo first even when it was never chosen: it is always there to
 * go back to (it is only written to the file once it is used), and always in the same place,
 * whenever it was first used; connected workspaces follow in the order they were added.
 */
async function allProfiles(ctx: Context): Promise<WorkspaceProfile[]> {
  const list = await ctx.profiles.list();
  const demo = list.find((p) => p.id === DEMO_PROFILE_ID) ?? demoProfile();
  return [demo, ...list.filter((p) => p.id !== DEMO_PROFILE_ID)];
}

/**
 * After the current workspace is removed: another one whose last call this session succeeded,
 * else the demo (always reachable). Never "nothing", which would show the first-run screen.
 */
async function fallBack(ctx: Context): Promise<void> {
  const good = (await ctx.profiles.list()).find(
    (p) => p.id !== DEMO_PROFILE_ID && ctx.health.get(p.id)?.ok === true,
  );
  if (good) await ctx.profiles.setCurrent(good.id);
  else await activateDemo(ctx);
}

/** The connected workspace with that host and identity (connecting again then offers to update it). */
async function findExisting(ctx: Context, request: FindRequest) {
  const host = request.authKind === 'openai' ? normaliseBaseUrl(request.host) : normaliseHost(request.host);
  const match = findSameIdentity(await ctx.profiles.list(), { ...request, host });
  const existing = match ? await summary(ctx, match, await ctx.secrets.isAvailable()) : null;
  return { host, existing };
}

/** Verifies, then saves the profile and its token together (neither without the other). */
async function connect(ctx: Context, request: ConnectRequest): Promise<WorkspaceSummary> {
  const host = normaliseHost(request.host);
  // Nowhere safe to keep the token: refuse before any network call or write.
  if (!(await ctx.secrets.isAvailable())) throw failure('KEYCHAIN_UNAVAILABLE', KEYCHAIN_UNAVAILABLE_MESSAGE);
  await checkPat(ctx, host, request.token);
  const profile = await ctx.profiles.add({ name: request.name, host, authKind: 'pat' });
  try {
    await ctx.secrets.set(profile.id, request.token);
  } catch (err) {
    await ctx.profiles.remove(profile.id); // no profile without its token
    throw err;
  }
  await ctx.profiles.setCurrent(profile.id);
  ctx.health.set(profile.id, healthyResult()); // the check just succeeded
  return summary(ctx, profile, true);
}

async function requireProfile(ctx: Context, id: string): Promise<WorkspaceProfile> {
  const profile = await ctx.profiles.get(id);
  if (!profile) throw failure('NOT_FOUND', 'That workspace no longer exists. Pick another one.');
  return profile;
}

/** Workspace and secret handlers. Secrets are write-only: set, remove, status; never get. */
export function workspaceHandlers(ctx: Context) {
  const { secrets, profiles } = ctx;
  return {
    async listWorkspaces() {
      const keychainAvailable = await secrets.isAvailable();
      const list = await allProfiles(ctx);
      const workspaces = await Promise.all(list.map((p) => summary(ctx, p, keychainAvailable)));
      return { workspaces, currentId: (await profiles.getCurrent())?.id ?? null, keychainAvailable };
    },
    useDemoWorkspace: () => activateDemo(ctx),
    connectWorkspace: (request) => connect(ctx, request),
    async selectWorkspace({ id }) {
      if (id === DEMO_PROFILE_ID) return activateDemo(ctx);
      const profile = await requireProfile(ctx, id);
      await profiles.setCurrent(id);
      return summary(ctx, profile, await secrets.isAvailable());
    },
    async removeWorkspace({ id }) {
      if (id === DEMO_PROFILE_ID) throw failure('INVALID_INPUT', "The demo workspace can't be removed.");
      // Secret first: if the keychain fails, the profile stays and the user can retry.
      await secrets.remove(id);
      // The in-memory access token (OAuth, service principal) and health go with it.
      tokenCacheFor(ctx).forget(id);
      ctx.health.delete(id);
      ctx.clients.delete(id);
      const wasCurrent = (await profiles.getCurrent())?.id === id;
      const removed = await profiles.remove(id);
      if (removed && wasCurrent) await fallBack(ctx);
      return { removed };
    },
    updateWorkspace: (request) => updateWorkspace(ctx, request),
    findExistingWorkspace: (request) => findExisting(ctx, request),
    async setSecret({ profileId, secret }) {
      const profile = await requireProfile(ctx, profileId);
      if (profile.authKind === 'demo') throw failure('INVALID_INPUT', 'The demo workspace needs no token.');
      // Pasted tokens often carry a trailing newline; it is never part of a token.
      await secrets.set(profileId, secret.trim());
      return { hasSecret: true };
    },
    async removeSecret({ profileId }) {
      await secrets.remove(profileId);
      return { hasSecret: await secrets.has(profileId) };
    },
    async getSecretStatus({ profileId }) {
      const keychainAvailable = await secrets.isAvailable();
      const hasSecret =
        profileId === DEMO_PROFILE_ID || (keychainAvailable && (await secrets.has(profileId)));
      return { hasSecret, keychainAvailable };
    },
  } satisfies Partial<Handlers>;
}
