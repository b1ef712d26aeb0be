import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DemoConfig } from './config';
import { readBody, sendJson } from './http-util';

/*
 * The demo workspace's OAuth authorization server, shaped like Databricks' `{host}/oidc`:
 * discovery, authorization code + PKCE (S256) for the public client `databricks-cli`,
 * refresh tokens (rotated on use) and client credentials for service principals. Consent is
 * auto-approved (or denied with the `oauthDeny` knob) so the whole flow runs in tests.
 */

/** The public client id the Databricks CLI (and Serving Studio) uses. */
export const DEMO_OAUTH_CLIENT_ID = 'databricks-cli';

/** The demo's default service principal (public test values, loopback demo only). */
export const DEMO_SERVICE_PRINCIPAL = { clientId: 'demo-sp', clientSecret: 'demo-sp-secret' } as const;

const CODE_TTL_MS = 60_000;
const LOOPBACK_REDIRECT = /^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?(\/[^?#]*)?$/;

interface PendingCode {
  redirectUri: string;
  challenge: string;
  expiresAt: number;
}

/** What a valid bearer token check answers. */
export type TokenCheck = 'valid' | 'expired' | 'unknown';

/** Issued codes and tokens, all in memory. */
export class OidcState {
  private readonly codes = new Map<string, PendingCode>();
  private readonly access = new Map<string, number>();
  private readonly refresh = new Set<string>();

  /** Ends the life of every issued access token now (the `oauthExpireAccessTokens` knob). */
  expireAll(): void {
    for (const token of this.access.keys()) this.access.set(token, 0);
  }

  /** Whether a bearer token was issued here and is still alive. */
  check(token: string): TokenCheck {
    const expiresAt = this.access.get(token);
    if (expiresAt === undefined) return 'unknown';
    return Date.now() < expiresAt ? 'valid' : 'expired';
  }

  issueCode(code: PendingCode): string {
    const value = random();
    this.codes.set(value, code);
    return value;
  }

  /** Single use: the code is gone after the first attempt, right or wrong. */
  takeCode(value: string): PendingCode | null {
    const code = this.codes.get(value) ?? null;
    this.codes.delete(value);
    return code && code.expiresAt > Date.now() ? code : null;
  }

  takeRefresh(value: string): boolean {
    return this.refresh.delete(value);
  }

  tokens(config: DemoConfig, withRefresh: boolean): Record<string, unknown> {
    const accessToken = `demo-oauth-${random()}`;
    this.access.set(accessToken, Date.now() + config.oauthAccessTokenTtlSec * 1000);
    const body: Record<string, unknown> = {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: config.oauthAccessTokenTtlSec,
      scope: withRefresh ? 'all-apis offline_access' : 'all-apis',
    };
    if (withRefresh) {
      const refreshToken = `demo-refresh-${random()}`;
      this.refresh.add(refreshToken);
      body.refresh_token = refreshToken;
    }
    return body;
  }
}

const random = () => randomBytes(24).toString('base64url');
const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const oauthError = (res: ServerResponse, status: number, error: string, description: string) =>
  sendJson(res, status, { error, error_description: description }, { 'cache-control': 'no-store' });

function metadata(baseUrl: string) {
  const issuer = `${baseUrl}/oidc`;
  return {
    issuer,
    authorization_endpoint: `${issuer}/v1/authorize`,
    token_endpoint: `${issuer}/v1/token`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none', 'client_secret_basic'],
    scopes_supported: ['all-apis', 'offline_access'],
  };
}

type AuthorizeOutcome =
  | { status: 400; error: string; description: string }
  | { redirect: Record<string, string> };

/** Decides an authorization request: a shown error, or the parameters to redirect back with. */
function decideAuthorize(state: OidcState, config: DemoConfig, q: URLSearchParams): AuthorizeOutcome {
  const redirectUri = q.get('redirect_uri') ?? '';
  // Never redirect to an unchecked URI: those errors are shown, not sent back.
  if (q.get('client_id') !== DEMO_OAUTH_CLIENT_ID)
    return {
      status: 400,
      error: 'invalid_client',
      description: `Unknown client_id; use ${DEMO_OAUTH_CLIENT_ID}.`,
    };
  if (!LOOPBACK_REDIRECT.test(redirectUri))
    return {
      status: 400,
      error: 'invalid_request',
      description: 'redirect_uri must be http://localhost:PORT.',
    };
  const fail = (error: string, description: string) => ({
    redirect: { error, error_description: description },
  });
  const challenge = q.get('code_challenge') ?? '';
  if (q.get('response_type') !== 'code') return fail('unsupported_response_type', 'Use response_type=code.');
  if (q.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(challenge))
    return fail('invalid_request', 'A S256 code_challenge is required.');
  if (!q.get('state')) return fail('invalid_request', 'state is required.');
  if (config.oauthDeny) return fail('access_denied', 'The user denied consent.');
  const code = state.issueCode({ redirectUri, challenge, expiresAt: Date.now() + CODE_TTL_MS });
  return { redirect: { code } };
}

/** GET /oidc/v1/authorize: consent is auto-approved; redirects back with a code (or an error). */
function authorize(state: OidcState, config: DemoConfig, url: URL, res: ServerResponse): void {
  const q = url.searchParams;
  const outcome = decideAuthorize(state, config, q);
  if ('status' in outcome) {
    oauthError(res, outcome.status, outcome.error, outcome.description);
    return;
  }
  const back = new URL(q.get('redirect_uri') ?? '');
  for (const [k, v] of Object.entries(outcome.redirect)) back.searchParams.set(k, v);
  const st = q.get('state');
  if (st) back.searchParams.set('state', st);
  res.writeHead(302, { location: back.href, 'cache-control': 'no-store' });
  res.end();
}

/** Reads `client_id:client_secret` from HTTP Basic auth, or null. */
function basicAuth(req: IncomingMessage): { id: string; secret: string } | null {
  const match = /^Basic\s+(.+)$/i.exec(req.headers.authorization?.trim() ?? '');
  if (!match) return null;
  const text = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0) return null;
  const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
  try {
    return { id: decode(text.slice(0, colon)), secret: decode(text.slice(colon + 1)) };
  } catch {
    return null; // malformed %-escapes: an authentication failure, not a server error
  }
}

/** POST /oidc/v1/token (form-encoded). */
async function token(state: OidcState, config: DemoConfig, req: IncomingMessage, res: ServerResponse) {
  const form = new URLSearchParams((await readBody(req)).toString('utf8'));
  const grant = form.get('grant_type');
  if (grant === 'authorization_code') {
    const code = state.takeCode(form.get('code') ?? '');
    const clientId = form.get('client_id') ?? basicAuth(req)?.id;
    if (clientId !== DEMO_OAUTH_CLIENT_ID) return oauthError(res, 401, 'invalid_client', 'Unknown client.');
    if (!code || code.redirectUri !== form.get('redirect_uri'))
      return oauthError(res, 400, 'invalid_grant', 'The code is invalid, used or expired.');
    if (!safeEqual(s256(form.get('code_verifier') ?? ''), code.challenge))
      return oauthError(res, 400, 'invalid_grant', 'PKCE verification failed.');
    return sendJson(res, 200, state.tokens(config, true), { 'cache-control': 'no-store' });
  }
  if (grant === 'refresh_token') {
    if (!state.takeRefresh(form.get('refresh_token') ?? ''))
      return oauthError(res, 400, 'invalid_grant', 'The refresh token is invalid or was revoked.');
    return sendJson(res, 200, state.tokens(config, true), { 'cache-control': 'no-store' });
  }
  if (grant === 'client_credentials') {
    const client = basicAuth(req);
    const expected = client ? config.servicePrincipals[client.id] : undefined;
    if (!client || expected === undefined || !safeEqual(client.secret, expected))
      return oauthError(res, 401, 'invalid_client', 'Client authentication failed.');
    return sendJson(res, 200, state.tokens(config, false), { 'cache-control': 'no-store' });
  }
  return oauthError(res, 400, 'unsupported_grant_type', `Unsupported grant_type "${grant ?? ''}".`);
}

/** Serves /oidc/*; false when the path is not an OIDC route. */
export async function handleOidc(
  state: OidcState,
  config: DemoConfig,
  req: IncomingMessage,
  res: ServerResponse,
  baseUrl: string,
): Promise<boolean> {
  const url = new URL(req.url ?? '/', baseUrl);
  const path = url.pathname.replace(/\/+$/, '');
  const method = req.method ?? 'GET';
  if (method === 'GET' && path === '/oidc/.well-known/oauth-authorization-server') {
    sendJson(res, 200, metadata(baseUrl));
    return true;
  }
  if (method === 'GET' && path === '/oidc/v1/authorize') {
    authorize(state, config, url, res);
    return true;
  }
  if (method === 'POST' && path === '/oidc/v1/token') {
    await token(state, config, req, res);
    return true;
  }
  return false;
}
