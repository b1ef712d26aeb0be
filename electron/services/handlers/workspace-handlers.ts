import type { ParsedRequestOf } from '../../../shared/contract';
import type { WorkspaceProfile, WorkspaceSummary } from '../../../shared/domain';
import { failure, StudioFailure } from '../../../shared/errors';
import { tokenCacheFor } from '../auth/credentials';
import { type Context, DEMO_PROFILE_ID, demoProfile, startDemo, summary } from '../services-context';
import { KEYCHAIN_UNAVAILABLE_MESSAGE } from '../storage/secret-store';
import { normaliseHost } from '../storage/workspace-profiles';
import type { Handlers } from '../types';
import { createWorkspaceClient } from '../workspace-client/workspace-client';

/* Workspace profiles and their secrets: choose, connect (token checked first), remove. */

type ConnectRequest = ParsedRequestOf<'connectWorkspace'>;

async function activateDemo(ctx: Context): Promise<WorkspaceSummary> {
  await startDemo(ctx);
  const profile = (await ctx.profiles.get(DEMO_PROFILE_ID)) ?? (await ctx.profiles.put(demoProfile()));
  await ctx.profiles.setCurrent(DEMO_PROFILE_ID);
  return summary(ctx, profile, true);
}

/** Checks host + token with a real call before anything is saved. */
async function verifyToken(ctx: Context, host: string, token: string): Promise<void> {
  const probe = createWorkspaceClient({ host, getToken: async () => token }, ctx.options.clientOptions);
  try {
    await probe.listEndpoints();
  } catch (err) {
    if (err instanceof StudioFailure && (err.error.code === 'AUTH' || err.error.code === 'PERMISSION')) {
      const status = err.error.status ?? '401/403';
      throw new StudioFailure({
        ...err.error,
        message: `${host} rejected this token (HTTP ${status}). Check that it is a valid, unexpired personal access token for this workspace with access to serving endpoints.`,
      });
    }
    throw err;
  }
}

/** Verifies, then saves the profile and its token together (neither without the other). */
async function connect(ctx: Context, request: ConnectRequest): Promise<WorkspaceSummary> {
  const host = normaliseHost(request.host);
  // Nowhere safe to keep the token: refuse before any network call or write.
  if (!(await ctx.secrets.isAvailable())) throw failure('KEYCHAIN_UNAVAILABLE', KEYCHAIN_UNAVAILABLE_MESSAGE);
  await verifyToken(ctx, host, request.token);
  const profile = await ctx.profiles.add({ name: request.name, host, authKind: 'pat' });
  try {
    await ctx.secrets.set(profile.id, request.token);
  } catch (err) {
    await ctx.profiles.remove(profile.id); // no profile without its token
    throw err;
  }
  await ctx.profiles.setCurrent(profile.id);
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
      const list = await profiles.list();
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
      return { removed: await profiles.remove(id) };
    },
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
