import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  APP_URL,
  appResponse,
  ELECTRON_CSP,
  registerAppScheme,
  resolveAppFile,
  serveAppProtocol,
} from '../../../../electron/main/app-protocol';

const root = mkdtempSync(join(tmpdir(), 'app-protocol-'));
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Serving Studio</title>');
writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
writeFileSync(join(tmpdir(), 'secret.txt'), 'outside');

describe('the app:// protocol', () => {
  it('maps app://studio/ paths to files under the renderer folder', () => {
    expect(resolveAppFile(root, APP_URL)).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://studio/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://studio/assets/index-abc.js?v=1#x')).toBe(
      join(root, 'assets', 'index-abc.js'),
    );
  });

  it('refuses other hosts, other schemes and every way out of the folder', async () => {
    // The URL parser folds plain dot segments into the folder: they can't climb out of it.
    for (const url of [
      'app://studio/../secret.txt',
      'app://studio/assets/../../../secret.txt',
      'app://studio/%2e%2e/secret.txt',
    ]) {
      expect(resolveAppFile(root, url)?.startsWith(`${root}/`), url).toBe(true);
      expect((await appResponse(root, url)).status, url).toBe(404);
    }
    for (const url of [
      'app://other/index.html',
      'file:///etc/passwd',
      'https://studio/index.html',
      'app://studio/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://studio/..%5c..%5csecret.txt',
      'app://studio/index.html%00.png',
      'app://studio/%E0%A4%A',
      'not a url',
    ])
      expect(resolveAppFile(root, url), url).toBeNull();
  });

  it('answers files with their type and the policy, and 404 for anything else', async () => {
    const page = await appResponse(root, APP_URL);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(ELECTRON_CSP);
    expect(await page.text()).toContain('Serving Studio');
    const script = await appResponse(root, 'app://studio/assets/index-abc.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    for (const url of ['app://studio/missing.js', 'app://studio/assets', 'app://studio/%2e%2e/secret.txt']) {
      const res = await appResponse(root, url);
      expect(res.status, url).toBe(404);
      expect(await res.text()).toBe('Not found');
    }
  });

  it('gives the desktop page no WebSocket and no framing', () => {
    expect(ELECTRON_CSP).toContain("connect-src 'self';");
    expect(ELECTRON_CSP).not.toMatch(/ws:/);
    expect(ELECTRON_CSP).toContain("frame-ancestors 'none'");
    // WebAssembly may be compiled (the similarity kernel); JavaScript eval stays refused.
    expect(ELECTRON_CSP).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(ELECTRON_CSP).not.toMatch(/'unsafe-eval'|'unsafe-inline'[^;]*script/);
  });

  it('registers a standard, secure scheme and serves it through protocol.handle', async () => {
    const registerSchemesAsPrivileged = vi.fn();
    registerAppScheme({ registerSchemesAsPrivileged });
    expect(registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ]);
    const handle = vi.fn();
    serveAppProtocol({ handle }, root);
    const [scheme, handler] = handle.mock.calls[0] as [string, (r: Request) => Promise<Response>];
    expect(scheme).toBe('app');
    expect((await handler(new Request(APP_URL))).status).toBe(200);
  });
});
