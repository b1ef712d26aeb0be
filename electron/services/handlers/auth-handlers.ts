import type { ParsedRequestOf } from '../../../shared/contract';
import type { WorkspaceProfile, WorkspaceSummary } from '../../../shared/domain';
import { failure } from '../../../shared/errors';
import { checkAccess, checkServicePrincipal } from '../auth/credential-checks';
import { secretAccount, tokenCacheFor } from '../auth/credentials';
import { DATABRICKS_CLI_CLIENT_ID } from '../auth/discovery';
import { asStudioFailure, beginOAuthFlow, type OAuthFlow, type OAuthFlowOptions } from '../auth/oauth-flow';
import { openSignInPage } from '../auth/open-external';
import type { AccessToken } from '../auth/tokens';
import { findSameIdentity } from '../auth/workspace-identity';
import { type Context, DEMO_PROFILE_ID, summary } from '../services-context';
import { KEYCHAIN_UNAVAILABLE_MESSAGE } from '../storage/secret-store';
import { normaliseHost } from '../storage/workspace-profiles';
import type { Handlers } from '../types';
import { healthyResult } from '../workspace-client/connection-health';

/* OAuth sign-in (U2M), sign out, and service principals (M2M). No token ever leaves here. */

/** What the auth handlers need besides the context. */
export interface AuthHandlerOptions {
  /** Opens the sign-in page in the system browser; the OS opener by default. */
  openExternal?: (url: string) => Promise<void>;
  oauth?: OAuthFlowOptions;
}

interface PendingSignIn {
  flow: OAuthFlow;
  name: string;
  /** Signing in again to this saved OAuth workspace (updated in place). */
  profileId?: string;
}

async function requireKeychain(ctx: Context): Promise<void> {
  // Nowhere safe to keep the secret: refuse before any network call or write.
  if (!(await ctx.secrets.isAvailable())) throw failure('KEYCHAIN_UNAVAILABLE', KEYCHAIN_UNAVAILABLE_MESSAGE);
}

type ProfileFields = {
  name: string;
  host: string;
  authKind: 'oauth' | 'service-principal';
  clientId: string;
};

/**
 * The profile this sign-in updates: the one being signed in again, else one with the same host
 * and identity (signing in again after sign out, or connecting a principal twice), so its id,
 * and whatever refers to it, stays.
 */
async function existingProfile(
  ctx: Context,
  fields: ProfileFields,
  profileId?: string,
): Promise<WorkspaceProfile | null> {
  if (profileId) return ctx.profiles.get(profileId);
  return findSameIdentity(await ctx.profiles.list(), fields);
}

/** Saves profile + secret together (neither without the other), remembers the access token. */
async function saveProfile(
  ctx: Context,
  fields: ProfileFields,
  secret: string,
  access: AccessToken,
  profileId?: string,
): Promise<WorkspaceSummary> {
  const existing = await existingProfile(ctx, fields, profileId);
  let profile: WorkspaceProfile;
  if (existing) {
    await ctx.secrets.set(secretAccount(existing.id), secret);
    const name = fields.name.trim() || existing.name;
    profile = await ctx.profiles.put({ ...existing, name, host: fields.host, clientId: fields.clientId });
  } else {
    const added = await ctx.profiles.add({ name: fields.name, host: fields.host, authKind: fields.authKind });
    profile = added;
    try {
      profile = await ctx.profiles.put({ ...added, clientId: fields.clientId });
      await ctx.secrets.set(secretAccount(profile.id), secret);
    } catch (err) {
      await ctx.profiles.remove(profile.id); // no profile without its secret
      throw err;
    }
  }
  tokenCacheFor(ctx).remember(profile.id, access);
  ctx.clients.delete(profile.id);
  // Checked just now (an imported profile's "sign in to finish" is over).
  ctx.health.set(profile.id, healthyResult());
  // Signing a saved workspace in again doesn't switch to it, unless nothing is current.
  if (!profileId || !(await ctx.profiles.getCurrent())) await ctx.profiles.setCurrent(profile.id);
  return summary(ctx, profile, true);
}

async function finish(ctx: Context, pending: PendingSignIn): Promise<WorkspaceSummary> {
  const tokens = await pending.flow.wait().catch((err: unknown) => {
    throw asStudioFailure(err);
  });
  if (!tokens.refreshToken)
    throw failure('BAD_RESPONSE', 'The workspace gave no refresh token, so the sign-in could not be kept.');
  await checkAccess(ctx, pending.flow.host, tokens.token);
  const fields: ProfileFields = {
    name: pending.name,
    host: pending.flow.host,
    authKind: 'oauth' as const,
    clientId: DATABRICKS_CLI_CLIENT_ID,
  };
  return saveProfile(ctx, fields, tokens.refreshToken, tokens, pending.profileId);
}

/** Signing a saved workspace in again: it must exist and sign in with OAuth. */
async function requireOAuthProfile(ctx: Context, id: string, host: string): Promise<void> {
  const profile = await ctx.profiles.get(id);
  if (!profile) throw failure('NOT_FOUND', 'That workspace no longer exists. Pick another one.');
  if (profile.authKind !== 'oauth')
    throw failure(
      'INVALID_INPUT',
      `"${profile.name}" doesn't sign in with OAuth: edit its credential instead.`,
    );
  // Another workspace already signs in to that host as the same client: that would make twins.
  const twin = findSameIdentity(
    await ctx.profiles.list(),
    { authKind: 'oauth', host, clientId: profile.clientId },
    id,
  );
  if (twin)
    throw failure('CONFLICT', `"${twin.name}" already signs in to ${host}: sign that one in instead.`);
}

type SpRequest = ParsedRequestOf<'connectServicePrincipal'>;

async function connectSp(ctx: Context, request: SpRequest): Promise<WorkspaceSummary> {
  const host = normaliseHost(request.host);
  await requireKeychain(ctx);
  const access = await checkServicePrincipal(ctx, host, request.clientId, request.clientSecret);
  const fields = {
    name: request.name,
    host,
    authKind: 'service-principal' as const,
    clientId: request.clientId,
  };
  return saveProfile(ctx, fields, request.clientSecret, access);
}

/** The OAuth and service-principal handlers. */
export function authHandlers(ctx: Context, options: AuthHandlerOptions = {}) {
  const flows = new Map<string, PendingSignIn>();
  return {
    async startOAuthSignIn({ name, host, profileId }) {
      const normalised = normaliseHost(host);
      if (profileId) await requireOAuthProfile(ctx, profileId, normalised);
      await requireKeychain(ctx);
      const flow = await beginOAuthFlow(normalised, options.oauth);
      flows.set(flow.id, { flow, name, ...(profileId ? { profileId } : {}) });
      // Forget the flow once it settles unless finish picked it up (abandoned UIs).
      flow
        .wait()
        .catch(() => undefined)
        .finally(() => setTimeout(() => flows.delete(flow.id), 60_000).unref());
      await openSignInPage(flow.authorizationUrl, options.openExternal);
      return { flowId: flow.id, authorizationUrl: flow.authorizationUrl };
    },
    async finishOAuthSignIn({ flowId }) {
      const pending = flows.get(flowId);
      if (!pending) throw failure('NOT_FOUND', 'That sign-in is over or was never started. Start again.');
      try {
        return await finish(ctx, pending);
      } finally {
        flows.delete(flowId);
      }
    },
    async cancelOAuthSignIn({ flowId }) {
      const pending = flows.get(flowId);
      if (!pending) return { cancelled: false };
      pending.flow.cancel();
      flows.delete(flowId);
      return { cancelled: true };
    },
    async signOut({ id }) {
      if (id === DEMO_PROFILE_ID)
        throw failure('INVALID_INPUT', "The demo workspace can't be signed out of.");
      const profile = await ctx.profiles.get(id);
      if (!profile) throw failure('NOT_FOUND', 'That workspace no longer exists. Pick another one.');
      // Keychain first: if it fails, the user is told and nothing claims to be signed out.
      await ctx.secrets.remove(secretAccount(id));
      tokenCacheFor(ctx).forget(id);
      ctx.clients.delete(id);
      ctx.health.delete(id);
      return summary(ctx, profile, await ctx.secrets.isAvailable());
    },
    connectServicePrincipal: (request) => connectSp(ctx, request),
  } satisfies Partial<Handlers>;
}
