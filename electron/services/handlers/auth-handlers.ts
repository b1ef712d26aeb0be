import type { ParsedRequestOf } from '../../../shared/contract';
import type { WorkspaceProfile, WorkspaceSummary } from '../../../shared/domain';
import { failure, StudioFailure } from '../../../shared/errors';
import { secretAccount, tokenCacheFor } from '../auth/credentials';
import { DATABRICKS_CLI_CLIENT_ID } from '../auth/discovery';
import { asStudioFailure, beginOAuthFlow, type OAuthFlow, type OAuthFlowOptions } from '../auth/oauth-flow';
import { openSignInPage } from '../auth/open-external';
import { type AccessToken, clientCredentialsToken } from '../auth/tokens';
import { type Context, DEMO_PROFILE_ID, summary } from '../services-context';
import { KEYCHAIN_UNAVAILABLE_MESSAGE } from '../storage/secret-store';
import { normaliseHost } from '../storage/workspace-profiles';
import type { Handlers } from '../types';
import { createWorkspaceClient } from '../workspace-client/workspace-client';

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
}

async function requireKeychain(ctx: Context): Promise<void> {
  // Nowhere safe to keep the secret: refuse before any network call or write.
  if (!(await ctx.secrets.isAvailable())) throw failure('KEYCHAIN_UNAVAILABLE', KEYCHAIN_UNAVAILABLE_MESSAGE);
}

/** A real listEndpoints call with the new access token before anything is saved. */
async function verifyAccess(ctx: Context, host: string, token: string): Promise<void> {
  const probe = createWorkspaceClient({ host, getToken: async () => token }, ctx.options.clientOptions);
  try {
    await probe.listEndpoints();
  } catch (err) {
    if (err instanceof StudioFailure && (err.error.code === 'AUTH' || err.error.code === 'PERMISSION'))
      throw new StudioFailure({
        ...err.error,
        message: `${host} accepted the sign-in but refused to list serving endpoints (HTTP ${err.error.status ?? '401/403'}). Check this identity's access to Model Serving.`,
      });
    throw err;
  }
}

type ProfileFields = {
  name: string;
  host: string;
  authKind: 'oauth' | 'service-principal';
  clientId: string;
};

/**
 * Signing in again to the same host as the same client reuses that profile (e.g. after sign
 * out), so its id, and whatever refers to it, stays.
 */
async function existingProfile(ctx: Context, fields: ProfileFields): Promise<WorkspaceProfile | null> {
  const all = await ctx.profiles.list();
  const same = (p: WorkspaceProfile) =>
    p.authKind === fields.authKind && p.host === fields.host && p.clientId === fields.clientId;
  return all.find(same) ?? null;
}

/** Saves profile + secret together (neither without the other), remembers the access token. */
async function saveProfile(
  ctx: Context,
  fields: ProfileFields,
  secret: string,
  access: AccessToken,
): Promise<WorkspaceSummary> {
  const existing = await existingProfile(ctx, fields);
  let profile: WorkspaceProfile;
  if (existing) {
    await ctx.secrets.set(secretAccount(existing.id), secret);
    profile = await ctx.profiles.put({ ...existing, name: fields.name.trim() || existing.name });
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
  await ctx.profiles.setCurrent(profile.id);
  return summary(ctx, profile, true);
}

async function finish(ctx: Context, pending: PendingSignIn): Promise<WorkspaceSummary> {
  const tokens = await pending.flow.wait().catch((err: unknown) => {
    throw asStudioFailure(err);
  });
  if (!tokens.refreshToken)
    throw failure('BAD_RESPONSE', 'The workspace gave no refresh token, so the sign-in could not be kept.');
  await verifyAccess(ctx, pending.flow.host, tokens.token);
  const fields: ProfileFields = {
    name: pending.name,
    host: pending.flow.host,
    authKind: 'oauth' as const,
    clientId: DATABRICKS_CLI_CLIENT_ID,
  };
  return saveProfile(ctx, fields, tokens.refreshToken, tokens);
}

type SpRequest = ParsedRequestOf<'connectServicePrincipal'>;

async function connectSp(ctx: Context, request: SpRequest): Promise<WorkspaceSummary> {
  const host = normaliseHost(request.host);
  await requireKeychain(ctx);
  const access = await clientCredentialsToken(host, request.clientId, request.clientSecret);
  await verifyAccess(ctx, host, access.token);
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
    async startOAuthSignIn({ name, host }) {
      const normalised = normaliseHost(host);
      await requireKeychain(ctx);
      const flow = await beginOAuthFlow(normalised, options.oauth);
      flows.set(flow.id, { flow, name });
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
