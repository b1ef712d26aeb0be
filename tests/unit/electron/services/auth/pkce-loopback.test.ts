import { createServer, type Server } from 'node:http';
import * as oauth from 'oauth4webapi';
import { afterEach, describe, expect, it } from 'vitest';
import { startLoopbackListener } from '../../../../../electron/services/auth/loopback';
import { createPkce } from '../../../../../electron/services/auth/oauth-flow';

describe('PKCE', () => {
  it('matches RFC 7636 appendix B', async () => {
    const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
    expect(await oauth.calculatePKCECodeChallenge(verifier)).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('creates a fresh high-entropy verifier and its S256 challenge each time', async () => {
    const a = await createPkce();
    const b = await createPkce();
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(a.verifier).not.toBe(b.verifier);
    expect(a.challenge).toBe(await oauth.calculatePKCECodeChallenge(a.verifier));
  });
});

const blockers: Server[] = [];
const block = (port: number) =>
  new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
    blockers.push(server);
  });
afterEach(() => {
  for (const s of blockers.splice(0)) s.close();
});

describe('loopback listener', () => {
  it('falls back to the next port when 8020 is taken', async () => {
    await block(8020).catch(() => undefined); // taken already is fine too
    const listener = await startLoopbackListener();
    try {
      expect(listener.port).toBeGreaterThan(8020);
      expect(listener.port).toBeLessThanOrEqual(8040);
      expect(listener.redirectUri).toBe(`http://localhost:${listener.port}`);
    } finally {
      listener.close();
    }
  });

  it('says so clearly when no port in the range is free', async () => {
    await block(18931);
    await expect(startLoopbackListener([18931, 18931])).rejects.toThrow(/ports 18931–18931 .* in use/);
  });

  it('answers the browser with a static page and hands over the query', async () => {
    const listener = await startLoopbackListener([18932, 18940]);
    try {
      const res = await fetch(`http://127.0.0.1:${listener.port}/?code=secret-code&state=s`);
      const page = await res.text();
      expect(page).toContain('You can close this tab');
      expect(page).not.toContain('secret-code');
      expect((await listener.result).get('code')).toBe('secret-code');
    } finally {
      listener.close();
    }
  });
});
