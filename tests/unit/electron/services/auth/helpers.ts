import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type DemoWorkspace, startDemoWorkspace } from '../../../../../electron/demo-workspace/server';
import { PROFILES_FILE } from '../../../../../electron/services/storage/workspace-profiles';
import { createStudioServices, type StudioServices } from '../../../../../electron/services/studio-services';
import type { SecretStore, Session } from '../../../../../electron/services/types';
import type { Result } from '../../../../../shared/errors';

/** An in-memory SecretStore double (the real keychain is covered by secret-store tests). */
export function memorySecretStore(): SecretStore & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    isAvailable: async () => true,
    set: async (id, secret) => void values.set(id, secret),
    get: async (id) => values.get(id) ?? null,
    remove: async (id) => void values.delete(id),
    has: async (id) => values.has(id),
  };
}

/**
 * Plays the system browser: follows the authorization URL (consent is auto-approved by the
 * demo) and delivers the redirect to the loopback listener, optionally tampering with it.
 */
export function fakeBrowser(tamper?: (redirect: URL) => void) {
  const opened: string[] = [];
  const open = async (url: string) => {
    opened.push(url);
    const res = await fetch(url, { redirect: 'manual' });
    const location = res.headers.get('location');
    if (!location) return;
    const redirect = new URL(location);
    // The listener is bound to 127.0.0.1; `localhost` may resolve to ::1 first in Node.
    redirect.hostname = '127.0.0.1';
    tamper?.(redirect);
    await fetch(redirect);
  };
  return { open, opened };
}

/** Demo tokens and secrets all carry these markers, so a leak is easy to find. */
export const SECRET_MARKERS = /demo-oauth-|demo-refresh-|demo-sp-secret|demo-token/;

export interface Harness {
  demo: DemoWorkspace;
  services: StudioServices;
  secrets: ReturnType<typeof memorySecretStore>;
  dir: string;
  call<T = unknown>(channel: string, payload?: unknown): Promise<Result<T>>;
  /** Every response seen so far, as JSON text (for leak checks). */
  transcript: string[];
  profilesFile(): Promise<string>;
  close(): Promise<void>;
}

/** A demo workspace + services wired to it, with the given browser and redirect ports. */
export async function harness(options: {
  browser?: (url: string) => Promise<void>;
  ports: readonly [number, number];
  timeoutMs?: number;
}): Promise<Harness> {
  const demo = await startDemoWorkspace({ port: 0, ttftMs: 0 });
  const dir = await mkdtemp(path.join(tmpdir(), 'studio-auth-'));
  const secrets = memorySecretStore();
  const browser = options.browser ?? (async () => {});
  const services = await createStudioServices({
    userDataDir: dir,
    mode: 'browser',
    version: 'test',
    secretStore: secrets,
    // The browser is played in the background, like the real one: start returns first.
    openExternal: async (url) => void browser(url).catch(() => undefined),
    oauth: { ports: options.ports, timeoutMs: options.timeoutMs ?? 10_000 },
  });
  const session: Session = { id: 'test', emit: () => {} };
  const transcript: string[] = [];
  return {
    demo,
    services,
    secrets,
    dir,
    transcript,
    async call<T>(channel: string, payload?: unknown) {
      const result = (await services.router.handle(channel, payload, session)) as Result<T>;
      transcript.push(JSON.stringify(result));
      return result;
    },
    profilesFile: () => readFile(path.join(dir, PROFILES_FILE), 'utf8'),
    async close() {
      await services.dispose();
      await demo.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
