import type { ParsedRequestOf } from '../../../shared/contract';
import type { AuthKind, WorkspaceProfile, WorkspaceSummary } from '../../../shared/domain';
import { failure } from '../../../shared/errors';
import type { CredentialUpdate } from '../../../shared/workspace-schemas';
import { checkPat, checkServicePrincipal } from '../auth/credential-checks';
import { profileSecret, secretAccount, tokenCacheFor } from '../auth/credentials';
import type { AccessToken } from '../auth/tokens';
import { type Context, DEMO_PROFILE_ID, demoProfile, summary } from '../services-context';
import { KEYCHAIN_UNAVAILABLE_MESSAGE } from '../storage/secret-store';
import { normaliseHost } from '../storage/workspace-profiles';
import { healthyResult } from '../workspace-client/connection-health';
import { normaliseBaseUrl, verifyProvider } from './provider-handlers';

/*
 * Editing a workspace in place: a rotated or expired token is replaced without a second
 * workspace appearing next to the old one. The id stays, so whatever refers to it (the current
 * choice, saved conversations' workspace) still does. A new URL or credential is checked with a
 * real call first; nothing is written unless that call succeeds.
 */

type UpdateRequest = ParsedRequestOf<'updateWorkspace'>;

const KIND_WORDS: Record<AuthKind, string> = {
  demo: 'nothing',
  pat: 'a personal access token',
  oauth: 'an OAuth sign-in',
  'service-principal': 'a service principal',
  openai: 'an API key',
};

/** The credential must be of the workspace's own kind; OAuth signs in again instead. */
function checkKind(profile: WorkspaceProfile, credential: CredentialUpdate | undefined): void {
  if (profile.authKind === 'demo')
    throw failure('INVALID_INPUT', "The demo workspace can't be edited: it needs no URL or token.");
  if (!credential || credential.kind === profile.authKind) return;
  throw failure(
    'INVALID_INPUT',
    profile.authKind === 'oauth'
      ? `"${profile.name}" signs in with OAuth: use Sign in again instead of a token.`
      : `"${profile.name}" uses ${KIND_WORDS[profile.authKind]}, not ${KIND_WORDS[credential.kind]}.`,
  );
}

/** The saved secret (keychain or file/environment reference), or null when there is none. */
async function storedSecret(ctx: Context, profile: WorkspaceProfile): Promise<string | null> {
  if (!profile.secretSource && !(await ctx.secrets.isAvailable())) return null;
  return profileSecret(ctx.secrets, profile);
}

/** The new secret of a credential update ('' for "no API key"). */
const secretOf = (credential: CredentialUpdate): string =>
  credential.kind === 'pat'
    ? credential.token
    : credential.kind === 'service-principal'
      ? credential.clientSecret
      : credential.apiKey;

/**
 * The real call for the edited workspace: its (new) host with the new secret, else the saved
 * one. Answers the access token a service principal got (so it isn't fetched again at once).
 */
async function check(
  ctx: Context,
  next: WorkspaceProfile,
  secret: string | null,
): Promise<AccessToken | null> {
  const missing = () =>
    failure('NOT_CONFIGURED', `No secret is saved for "${next.name}": enter a new one with the new URL.`);
  if (next.authKind === 'openai') {
    await verifyProvider(ctx, next.host, secret ?? '');
    return null;
  }
  if (secret === null) throw missing();
  if (next.authKind === 'service-principal') {
    if (!next.clientId) throw failure('INVALID_INPUT', 'Enter the client id.');
    return checkServicePrincipal(ctx, next.host, next.clientId, secret);
  }
  await checkPat(ctx, next.host, secret);
  return null;
}

/** Writes the new secret (or removes an emptied API key); the profile is put back if that fails. */
async function saveSecret(ctx: Context, previous: WorkspaceProfile, secret: string): Promise<void> {
  try {
    if (secret) await ctx.secrets.set(secretAccount(previous.id), secret);
    else await ctx.secrets.remove(secretAccount(previous.id));
  } catch (err) {
    await ctx.profiles.put(previous); // never a new URL with the old, unchecked secret
    throw err;
  }
}

/** Applies an edit: checked first when the URL, client id or credential changes. */
export async function updateWorkspace(ctx: Context, request: UpdateRequest): Promise<WorkspaceSummary> {
  const profile = request.id === DEMO_PROFILE_ID ? demoProfile() : await ctx.profiles.get(request.id);
  if (!profile) throw failure('NOT_FOUND', 'That workspace no longer exists. Pick another one.');
  const { credential } = request;
  checkKind(profile, credential);
  const host =
    request.host === undefined
      ? profile.host
      : profile.authKind === 'openai'
        ? normaliseBaseUrl(request.host)
        : normaliseHost(request.host);
  if (profile.authKind === 'oauth' && host !== profile.host)
    throw failure('INVALID_INPUT', 'A new URL needs a new sign-in: use Sign in again with the new URL.');
  const clientId = (credential?.kind === 'service-principal' && credential.clientId) || profile.clientId;
  const next: WorkspaceProfile = {
    ...profile,
    name: request.name ?? profile.name,
    host,
    ...(clientId ? { clientId } : {}),
  };
  const secret = credential ? secretOf(credential) : null;
  const keychain = await ctx.secrets.isAvailable();
  // Nowhere safe to keep a new secret: refuse before any network call or write.
  if (secret && !keychain) throw failure('KEYCHAIN_UNAVAILABLE', KEYCHAIN_UNAVAILABLE_MESSAGE);
  // A new secret lives in the keychain from now on, not in the file or variable it was imported from.
  if (credential) delete next.secretSource;
  const recheck = credential !== undefined || host !== profile.host || clientId !== profile.clientId;
  const access = recheck ? await check(ctx, next, secret ?? (await storedSecret(ctx, profile))) : null;
  await ctx.profiles.put(next);
  if (secret !== null) await saveSecret(ctx, profile, secret);
  // The old access token, client and health belong to the old credential.
  const cache = tokenCacheFor(ctx);
  cache.forget(profile.id);
  if (access) cache.remember(profile.id, access);
  ctx.clients.delete(profile.id);
  if (recheck) ctx.health.set(profile.id, healthyResult());
  return summary(ctx, next, keychain);
}
