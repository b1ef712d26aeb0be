import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DemoWorkspace } from '../../../../electron/demo-workspace/server';
import { get, startFast } from './helpers';

const REDIRECT = 'http://localhost:8020';

let ws: DemoWorkspace;
beforeAll(async () => {
  ws = await startFast();
});
afterAll(() => ws.close());
beforeEach(async () => {
  await fetch(`${ws.url}/__demo/reset`, { method: 'POST', headers: { authorization: `Bearer ${ws.token}` } });
});

/** JSON bodies as loose records (the values are checked by the assertions). */
const json = async (res: Response): Promise<Record<string, string>> =>
  (await res.json()) as Record<string, string>;

const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

async function authorize(params: Record<string, string>): Promise<Response> {
  const url = new URL(`${ws.url}/oidc/v1/authorize`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return fetch(url, { redirect: 'manual' });
}

const baseParams = (challenge: string) => ({
  client_id: 'databricks-cli',
  redirect_uri: REDIRECT,
  response_type: 'code',
  code_challenge: challenge,
  code_challenge_method: 'S256',
  state: 'st-1',
  scope: 'all-apis offline_access',
});

const token = (form: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${ws.url}/oidc/v1/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });

async function signIn() {
  const { verifier, challenge } = pkce();
  const res = await authorize(baseParams(challenge));
  const code = new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const form = {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT,
    client_id: 'databricks-cli',
  };
  return { verifier, code, form };
}

const basic = (id: string, secret: string) => ({
  authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
});

describe('demo OIDC', () => {
  it('publishes discovery metadata with the /oidc issuer', async () => {
    const res = await fetch(`${ws.url}/oidc/.well-known/oauth-authorization-server`);
    const body = await json(res);
    expect(body.issuer).toBe(`${ws.url}/oidc`);
    expect(body.authorization_endpoint).toBe(`${ws.url}/oidc/v1/authorize`);
    expect(body.token_endpoint).toBe(`${ws.url}/oidc/v1/token`);
    expect(body.code_challenge_methods_supported).toEqual(['S256']);
    expect(body.grant_types_supported).toContain('client_credentials');
  });

  it('redirects back with a code and the state, then exchanges it once (PKCE checked)', async () => {
    const { verifier, code, form } = await signIn();
    expect(code).not.toBe('');
    const bad = await token({ ...form, code_verifier: 'x'.repeat(43) });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error).toBe('invalid_grant');
    // The failed attempt consumed the code.
    const again = await token({ ...form, code_verifier: verifier });
    expect((await json(again)).error).toBe('invalid_grant');
    const fresh = await signIn();
    const ok = await token({ ...fresh.form, code_verifier: fresh.verifier });
    const tokens = await json(ok);
    expect(ok.status).toBe(200);
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(typeof tokens.refresh_token).toBe('string');
    expect((await get(ws, '/api/2.0/serving-endpoints', tokens.access_token)).status).toBe(200);
    const reused = await token({ ...fresh.form, code_verifier: fresh.verifier });
    expect(reused.status).toBe(400);
  });

  it('refuses bad clients and redirect URIs without redirecting', async () => {
    const { challenge } = pkce();
    const wrongClient = await authorize({ ...baseParams(challenge), client_id: 'other' });
    expect(wrongClient.status).toBe(400);
    const wrongRedirect = await authorize({ ...baseParams(challenge), redirect_uri: 'https://evil.example' });
    expect(wrongRedirect.status).toBe(400);
    const noPkce = await authorize({ ...baseParams(challenge), code_challenge_method: 'plain' });
    expect(new URL(noPkce.headers.get('location') ?? '').searchParams.get('error')).toBe('invalid_request');
  });

  it('answers access_denied when consent is denied', async () => {
    ws.configure({ oauthDeny: true });
    const res = await authorize(baseParams(pkce().challenge));
    const back = new URL(res.headers.get('location') ?? '');
    expect(res.status).toBe(302);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('st-1');
  });

  it('rotates refresh tokens', async () => {
    const { verifier, form } = await signIn();
    const first = await json(await token({ ...form, code_verifier: verifier }));
    const refreshed = await token({
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token ?? '',
      client_id: 'databricks-cli',
    });
    const second = await json(refreshed);
    expect(refreshed.status).toBe(200);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    const old = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token ?? '' });
    expect((await json(old)).error).toBe('invalid_grant');
  });

  it('issues client-credentials tokens to the default service principal only', async () => {
    const ok = await token(
      { grant_type: 'client_credentials', scope: 'all-apis' },
      basic('demo-sp', 'demo-sp-secret'),
    );
    const body = await json(ok);
    expect(ok.status).toBe(200);
    expect(body.refresh_token).toBeUndefined();
    expect((await get(ws, '/api/2.0/serving-endpoints', body.access_token)).status).toBe(200);
    const bad = await token({ grant_type: 'client_credentials' }, basic('demo-sp', 'wrong'));
    expect(bad.status).toBe(401);
    expect((await json(bad)).error).toBe('invalid_client');
    ws.configure({ servicePrincipals: { 'ci-bot': 's3cret', 'demo-sp': null } });
    expect((await token({ grant_type: 'client_credentials' }, basic('ci-bot', 's3cret'))).status).toBe(200);
    expect(
      (await token({ grant_type: 'client_credentials' }, basic('demo-sp', 'demo-sp-secret'))).status,
    ).toBe(401);
  });

  it('answers 401 for expired OAuth access tokens (TTL and the expire-now knob)', async () => {
    const issue = async () =>
      (await json(await token({ grant_type: 'client_credentials' }, basic('demo-sp', 'demo-sp-secret'))))
        .access_token as string;
    const live = await issue();
    ws.configure({ oauthExpireAccessTokens: true });
    const res = await get(ws, '/api/2.0/serving-endpoints', live);
    expect(res.status).toBe(401);
    expect((await json(res)).message).toMatch(/expired/);
    ws.configure({ oauthAccessTokenTtlSec: 1 });
    const short = await issue();
    expect((await get(ws, '/api/2.0/serving-endpoints', short)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await get(ws, '/api/2.0/serving-endpoints', short)).status).toBe(401);
    expect((await get(ws, '/api/2.0/serving-endpoints', 'made-up')).status).toBe(403);
  });

  it('refuses unknown grant types', async () => {
    const res = await token({ grant_type: 'password' });
    expect((await json(res)).error).toBe('unsupported_grant_type');
  });
});
