import type { WorkspaceProfile } from '../../../shared/domain';
import { failure } from '../../../shared/errors';
import { readReference, referenceMissing } from '../storage/secret-reference';
import type { SecretStore } from '../types';
import { type AccessToken, clientCredentialsToken, refreshAccessToken } from './tokens';

/*
 * Credentials per profile. Keychain accounts (the naming every engineer imports from here):
 *  - `secretAccount(id)` = `<profileId>`: THE persisted secret of the profile: a PAT, an
 *    OAuth refresh token, a service principal's client secret, or an OpenAI-compatible API key.
 *    Keeping one account per profile means removing a workspace (which removes `<profileId>`)
 *    and `hasSecret` stay right for every auth kind.
 *  - `extraAccount(id, name)` = `<profileId>:<name>`: reserved for any further secret.
 * Access tokens (OAuth U2M and M2M) are never persisted: they live in memory with their expiry.
 */

/** The keychain account of a profile's main secret. */
export const secretAccount = (profileId: string): string => profileId;

/** The keychain account of a profile's additional secret `name` (e.g. `refresh`). */
export const extraAccount = (profileId: string, name: string): string => `${profileId}:${name}`;

/**
 * THE lookup of a profile's persisted secret (PAT, client secret, refresh token, API key): from
 * its file/environment reference when it has one (imported without a keychain; NOT_CONFIGURED
 * naming where, once that no longer has it), else the keychain (null when none is saved).
 */
export async function profileSecret(secrets: SecretStore, profile: WorkspaceProfile): Promise<string | null> {
  if (!profile.secretSource) return secrets.get(secretAccount(profile.id));
  const secret = await readReference(profile.secretSource);
  if (secret) return secret;
  throw failure('NOT_CONFIGURED', referenceMissing(profile.name, profile.secretSource));
}

/** Refresh when less than this is left, so a request never starts with a dying token. */
export const REFRESH_MARGIN_MS = 60_000;

/** The message shown after sign out (or when a refresh token is gone). */
export const SIGNED_OUT = 'Signed out: sign in again.';

/** In-memory access tokens of OAuth / service-principal profiles, one per profile id. */
export class TokenCache {
  private readonly tokens = new Map<string, AccessToken>();
  /** One refresh at a time per profile: concurrent requests share it (refresh tokens rotate). */
  private readonly inflight = new Map<string, Promise<AccessToken>>();

  constructor(private readonly secrets: SecretStore) {}

  /** Remembers a fresh access token (right after sign-in or connecting). */
  remember(profileId: string, token: AccessToken): void {
    this.tokens.set(profileId, token);
  }

  /** Forgets the access token (sign out, removal, or a 401). */
  forget(profileId: string): void {
    this.tokens.delete(profileId);
  }

  /** A valid access token, refreshed first when it is missing or about to expire. */
  async accessToken(profile: WorkspaceProfile): Promise<string> {
    const cached = this.tokens.get(profile.id);
    if (cached && cached.expiresAt - Date.now() > REFRESH_MARGIN_MS) return cached.token;
    return (await this.refresh(profile)).token;
  }

  /** Gets a new access token now (shared by concurrent callers). */
  refresh(profile: WorkspaceProfile): Promise<AccessToken> {
    let running = this.inflight.get(profile.id);
    if (!running) {
      running = this.obtain(profile).finally(() => this.inflight.delete(profile.id));
      this.inflight.set(profile.id, running);
    }
    return running;
  }

  private async obtain(profile: WorkspaceProfile): Promise<AccessToken> {
    const secret = await profileSecret(this.secrets, profile);
    if (!secret) throw failure('AUTH', SIGNED_OUT);
    let next: AccessToken & { refreshToken?: string };
    if (profile.authKind === 'service-principal') {
      if (!profile.clientId) throw failure('NOT_CONFIGURED', 'This service principal has no client id.');
      next = await clientCredentialsToken(profile.host, profile.clientId, secret);
    } else {
      next = await refreshAccessToken(profile.host, secret);
      // Rotated: the old refresh token no longer works, so the new one must be kept.
      if (next.refreshToken && next.refreshToken !== secret)
        await this.secrets.set(secretAccount(profile.id), next.refreshToken);
    }
    const token = { token: next.token, expiresAt: next.expiresAt };
    this.tokens.set(profile.id, token);
    return token;
  }
}

const caches = new WeakMap<object, TokenCache>();

/** The token cache of one services instance (keyed by its context object). */
export function tokenCacheFor(ctx: { secrets: SecretStore }): TokenCache {
  let cache = caches.get(ctx);
  if (!cache) {
    cache = new TokenCache(ctx.secrets);
    caches.set(ctx, cache);
  }
  return cache;
}
