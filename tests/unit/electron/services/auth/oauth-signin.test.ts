import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REFRESH_MARGIN_MS } from '../../../../../electron/services/auth/credentials';
import type { WorkspaceSummary } from '../../../../../shared/domain';
import type { Result } from '../../../../../shared/errors';
import { fakeBrowser, type Harness, harness, SECRET_MARKERS } from './helpers';

/* OAuth U2M end to end against the demo's authorization server, with a played browser. */

const PORTS = [18820, 18840] as const;
let h: Harness | null = null;
beforeAll(() => {
  delete process.env.SERVING_STUDIO_NO_BROWSER;
});
afterEach(async () => {
  await h?.close();
  h = null;
});

const value = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};
const errorOf = (r: Result<unknown>) => {
  if (r.ok) throw new Error('expected a failure');
  return r.error;
};

async function signIn(ctx: Harness): Promise<WorkspaceSummary> {
  const started = value(
    await ctx.call<{ flowId: string; authorizationUrl: string }>('workspaces:oauth-start', {
      name: 'Demo via OAuth',
      host: ctx.demo.url,
    }),
  );
  expect(started.authorizationUrl).toContain(`${ctx.demo.url}/oidc/v1/authorize?`);
  return value(await ctx.call<WorkspaceSummary>('workspaces:oauth-finish', { flowId: started.flowId }));
}

describe('OAuth sign-in (U2M)', () => {
  it('signs in, saves the profile with the refresh token in the keychain only, and lists endpoints', async () => {
    const browser = fakeBrowser();
    h = await harness({ browser: browser.open, ports: PORTS });
    const ws = await signIn(h);
    expect(ws).toMatchObject({
      authKind: 'oauth',
      hasSecret: true,
      isDemo: false,
      clientId: 'databricks-cli',
    });
    const url = new URL(browser.opened[0] ?? '');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('scope')).toBe('all-apis offline_access');
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/localhost:188\d\d$/);
    expect(h.secrets.values.get(ws.id)).toMatch(/^demo-refresh-/);
    const list = value(await h.call<{ endpoints: unknown[] }>('endpoints:list'));
    expect(list.endpoints.length).toBeGreaterThan(0);
    const listed = value(await h.call<{ workspaces: WorkspaceSummary[] }>('workspaces:list')).workspaces;
    expect(listed.find((w) => w.id === ws.id)?.health).toBeTruthy();
    expect(await h.profilesFile()).not.toMatch(SECRET_MARKERS);
    expect(h.transcript.join('\n')).not.toMatch(SECRET_MARKERS);
  });

  it('reports denied consent', async () => {
    h = await harness({ browser: fakeBrowser().open, ports: PORTS });
    h.demo.configure({ oauthDeny: true });
    const err = await signIn(h).catch((e: Error) => e);
    expect(String(err)).toMatch(/Consent was denied/);
    const { workspaces } = value(await h.call<{ workspaces: WorkspaceSummary[] }>('workspaces:list'));
    expect(workspaces.map((w) => w.id)).toEqual(['demo']); // nothing saved; the demo is always listed
  });

  it('rejects a redirect whose state does not match', async () => {
    const browser = fakeBrowser((redirect) => redirect.searchParams.set('state', 'forged'));
    h = await harness({ browser: browser.open, ports: PORTS });
    const err = await signIn(h).catch((e: Error) => e);
    expect(String(err)).toMatch(/state mismatch/);
  });

  it('times out when the browser never comes back, and can be cancelled', async () => {
    h = await harness({ ports: PORTS, timeoutMs: 300 });
    const err = await signIn(h).catch((e: Error) => e);
    expect(String(err)).toMatch(/browser sign-in didn't finish/);
    const started = value(
      await h.call<{ flowId: string }>('workspaces:oauth-start', { name: 'x', host: h.demo.url }),
    );
    const finishing = h.call('workspaces:oauth-finish', { flowId: started.flowId });
    expect(value(await h.call('workspaces:oauth-cancel', { flowId: started.flowId }))).toEqual({
      cancelled: true,
    });
    expect(errorOf(await finishing).message).toMatch(/cancelled/);
    expect(value(await h.call('workspaces:oauth-cancel', { flowId: started.flowId }))).toEqual({
      cancelled: false,
    });
  });

  it('refreshes before expiry (rotating the refresh token) and after a 401', async () => {
    h = await harness({ browser: fakeBrowser().open, ports: PORTS });
    // Tokens living less than the refresh margin are refreshed before each use.
    h.demo.configure({ oauthAccessTokenTtlSec: Math.floor(REFRESH_MARGIN_MS / 1000) - 10 });
    const ws = await signIn(h);
    const firstRefresh = h.secrets.values.get(ws.id);
    value(await h.call('endpoints:list'));
    expect(h.secrets.values.get(ws.id)).not.toBe(firstRefresh);
    // Long-lived tokens, then the server expires them all: the 401 triggers one refresh.
    h.demo.configure({ oauthAccessTokenTtlSec: 3600 });
    value(await h.call('endpoints:list'));
    const beforeExpiry = h.secrets.values.get(ws.id);
    h.demo.configure({ oauthExpireAccessTokens: true });
    value(await h.call('endpoints:list'));
    expect(h.secrets.values.get(ws.id)).not.toBe(beforeExpiry);
  });

  it('signs out: both tokens forgotten, profile kept, next call asks to sign in again', async () => {
    h = await harness({ browser: fakeBrowser().open, ports: PORTS });
    const ws = await signIn(h);
    const out = value(await h.call<WorkspaceSummary>('workspaces:sign-out', { id: ws.id }));
    expect(out).toMatchObject({ id: ws.id, hasSecret: false });
    expect(h.secrets.values.size).toBe(0);
    expect(errorOf(await h.call('endpoints:list')).message).toMatch(/Signed out: sign in again/);
    // Signing in again reuses the same profile.
    const again = await signIn(h);
    expect(again).toMatchObject({ id: ws.id, hasSecret: true });
    const { workspaces } = value(await h.call<{ workspaces: WorkspaceSummary[] }>('workspaces:list'));
    expect(workspaces.map((w) => w.id)).toEqual(['demo', ws.id]);
    value(await h.call('endpoints:list'));
    expect(h.transcript.join('\n')).not.toMatch(SECRET_MARKERS);
  });

  it('signs a saved workspace in again in place (profileId), without switching to it', async () => {
    h = await harness({ browser: fakeBrowser().open, ports: PORTS });
    const ws = await signIn(h);
    value(await h.call('workspaces:sign-out', { id: ws.id }));
    value(await h.call('workspaces:use-demo'));
    const started = value(
      await h.call<{ flowId: string }>('workspaces:oauth-start', {
        name: 'Renamed',
        host: ws.host,
        profileId: ws.id,
      }),
    );
    const again = value(
      await h.call<WorkspaceSummary>('workspaces:oauth-finish', { flowId: started.flowId }),
    );
    expect(again).toMatchObject({ id: ws.id, name: 'Renamed', hasSecret: true, health: { ok: true } });
    const list = value(
      await h.call<{ currentId: string; workspaces: WorkspaceSummary[] }>('workspaces:list'),
    );
    expect(list.currentId).toBe('demo');
    expect(list.workspaces.map((w) => w.id)).toEqual(['demo', ws.id]);
    // Only an OAuth workspace signs in again.
    const notOAuth = errorOf(
      await h.call('workspaces:oauth-start', { name: 'x', host: h.demo.url, profileId: 'demo' }),
    );
    expect(notOAuth.code).toBe('INVALID_INPUT');
    expect(
      errorOf(await h.call('workspaces:oauth-start', { name: 'x', host: h.demo.url, profileId: 'ghost' }))
        .code,
    ).toBe('NOT_FOUND');
  });
});
