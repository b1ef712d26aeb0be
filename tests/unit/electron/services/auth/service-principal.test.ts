import { afterEach, describe, expect, it } from 'vitest';
import type { WorkspaceSummary } from '../../../../../shared/domain';
import type { Result } from '../../../../../shared/errors';
import { type Harness, harness, SECRET_MARKERS } from './helpers';

/* OAuth M2M (service principals) end to end against the demo's token endpoint. */

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const value = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

const connect = (ctx: Harness, clientSecret: string) =>
  ctx.call<WorkspaceSummary>('workspaces:connect-sp', {
    name: 'CI bot',
    host: ctx.demo.url,
    clientId: 'demo-sp',
    clientSecret,
  });

describe('service principal (M2M)', () => {
  it('connects after a real token call and endpoint list, secret in the keychain only', async () => {
    h = await harness({ ports: [18841, 18850] });
    const ws = value(await connect(h, 'demo-sp-secret'));
    expect(ws).toMatchObject({ authKind: 'service-principal', clientId: 'demo-sp', hasSecret: true });
    expect(h.secrets.values.get(ws.id)).toBe('demo-sp-secret');
    expect(value(await h.call<{ endpoints: unknown[] }>('endpoints:list')).endpoints.length).toBeGreaterThan(
      0,
    );
    // Expired access tokens: the 401 gets a fresh client-credentials token, transparently.
    h.demo.configure({ oauthExpireAccessTokens: true });
    expect(value(await h.call<{ endpoints: unknown[] }>('endpoints:list')).endpoints.length).toBeGreaterThan(
      0,
    );
    const file = await h.profilesFile();
    expect(file).toContain('demo-sp');
    expect(file).not.toMatch(SECRET_MARKERS);
    expect(h.transcript.join('\n')).not.toMatch(SECRET_MARKERS);
  });

  it('refuses a bad secret and saves nothing', async () => {
    h = await harness({ ports: [18841, 18850] });
    const result = await connect(h, 'wrong-secret');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('AUTH');
      expect(result.error.message).toMatch(/rejected this client id and secret/);
      expect(result.error.message).not.toContain('wrong-secret');
    }
    const { workspaces } = value(await h.call<{ workspaces: { id: string }[] }>('workspaces:list'));
    expect(workspaces.map((w) => w.id)).toEqual(['demo']); // nothing saved; the demo is always listed
    expect(h.secrets.values.size).toBe(0);
  });

  it('refuses OAuth over plain http to a non-loopback host', async () => {
    h = await harness({ ports: [18841, 18850] });
    const result = await h.call('workspaces:connect-sp', {
      name: 'x',
      host: 'http://example.com',
      clientId: 'a',
      clientSecret: 'b',
    });
    expect(result.ok).toBe(false);
  });
});
