import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DemoWorkspace, startDemoWorkspace } from '../../../../../electron/demo-workspace/server';
import {
  normaliseBaseUrl,
  providerHandlers,
} from '../../../../../electron/services/handlers/provider-handlers';
import { type Context, currentClient } from '../../../../../electron/services/services-context';
import { createWorkspaceProfiles } from '../../../../../electron/services/storage/workspace-profiles';
import { createStreamRegistry } from '../../../../../electron/services/streams/stream-registry';
import type { SecretStore } from '../../../../../electron/services/types';
import {
  createWorkspaceClient,
  type WorkspaceClientOptions,
} from '../../../../../electron/services/workspace-client/workspace-client';
import type { ConnectionHealth } from '../../../../../shared/domain';

/*
 * OpenAI-compatible providers end to end against the demo's OpenAI routes, and the health
 * check's classification of DNS, TLS, 401, 403, timeout and refused connections.
 */

function memorySecrets(): SecretStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    isAvailable: async () => true,
    set: async (id, s) => void map.set(id, s),
    get: async (id) => map.get(id) ?? null,
    remove: async (id) => void map.delete(id),
    has: async (id) => map.has(id),
  };
}

let demo: DemoWorkspace;
let dir: string;
let secrets: ReturnType<typeof memorySecrets>;
let ctx: Context;

beforeAll(async () => {
  demo = await startDemoWorkspace({ port: 0, ttftMs: 1, tokensPerSec: 5000 });
});
afterAll(async () => {
  await demo.close();
});
function makeContext(clientOptions: WorkspaceClientOptions = {}): Context {
  return {
    health: new Map(),
    options: { clientOptions: { sleep: async () => {}, ...clientOptions } },
    secrets,
    profiles: createWorkspaceProfiles(dir),
    registry: createStreamRegistry(),
    clients: new Map(),
    demo: null,
  };
}
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'studio-provider-'));
  secrets = memorySecrets();
  ctx = makeContext();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('normaliseBaseUrl', () => {
  it('keeps the path, drops the trailing slash, allows http only on this machine', () => {
    expect(normaliseBaseUrl('http://localhost:8000/v1/')).toBe('http://localhost:8000/v1');
    expect(normaliseBaseUrl('localhost:11434/v1')).toBe('http://localhost:11434/v1');
    expect(normaliseBaseUrl('api.example.com/v1')).toBe('https://api.example.com/v1');
    expect(normaliseBaseUrl('https://API.Example.com')).toBe('https://api.example.com');
    expect(() => normaliseBaseUrl('http://192.168.1.20:8000/v1')).toThrow(/https/);
    expect(() => normaliseBaseUrl('http://gpu-box.internal/v1')).toThrow(/https/);
  });
});

describe('connectOpenAiProvider × demo', () => {
  it('verifies via /models, saves the key in the keychain only, then chats, completes and embeds', async () => {
    const handlers = providerHandlers(ctx);
    const saved = await handlers.connectOpenAiProvider({
      name: 'Demo as OpenAI',
      baseUrl: `${demo.url}/serving-endpoints/`,
      apiKey: demo.token,
    });
    expect(saved).toMatchObject({
      authKind: 'openai',
      host: `${demo.url}/serving-endpoints`,
      hasSecret: true,
    });
    expect(secrets.map.get(saved.id)).toBe(demo.token);
    expect(await readFile(path.join(dir, 'workspaces.json'), 'utf8')).not.toContain(demo.token);

    const { client } = await currentClient(ctx);
    const endpoints = await client.listEndpoints();
    expect(endpoints.map((e) => e.name)).toContain('databricks-dbrx-instruct');
    let text = '';
    const sink = {
      start: () => {},
      delta: (_i: number, t: string) => {
        text += t;
      },
      reasoning: () => {},
      item: () => {},
      retry: () => {},
      usage: () => {},
    };
    const chat = await client.streamChat(
      {
        endpoint: 'databricks-dbrx-instruct',
        messages: [{ role: 'user', content: 'Hi' }],
        params: { max_tokens: 20 },
      },
      sink,
      new AbortController().signal,
    );
    expect(chat.status).toBe('done');
    const completion = await client.streamCompletion(
      { endpoint: 'demo-llama-3-1-8b-completions', prompt: 'The sky', params: { max_tokens: 20 } },
      sink,
      new AbortController().signal,
    );
    expect(completion.status).toBe('done');
    expect(text.length).toBeGreaterThan(0);
    const embedded = await client.createEmbeddings({ endpoint: 'databricks-bge-large-en', input: ['x'] });
    expect(embedded.vectors).toHaveLength(1);

    const health = await handlers.checkWorkspaceHealth({ id: saved.id });
    expect(health.ok).toBe(true);
    expect(ctx.health.get(saved.id)?.ok).toBe(true);
  });

  it('refuses a wrong key or a missing one, saving nothing', async () => {
    const handlers = providerHandlers(ctx);
    const base = `${demo.url}/serving-endpoints`;
    await expect(
      handlers.connectOpenAiProvider({ name: 'x', baseUrl: base, apiKey: 'wrong' }),
    ).rejects.toMatchObject({
      error: { code: 'PERMISSION', message: expect.stringMatching(/rejected this API key/) },
    });
    await expect(handlers.connectOpenAiProvider({ name: 'x', baseUrl: base })).rejects.toMatchObject({
      error: { code: 'AUTH' },
    });
    await expect(
      handlers.connectOpenAiProvider({ name: 'x', baseUrl: demo.url, apiKey: demo.token }),
    ).rejects.toMatchObject({ error: { message: expect.stringMatching(/base URL/) } });
    expect(await ctx.profiles.list()).toEqual([]);
    expect(secrets.map.size).toBe(0);
  });
});

describe('health classification', () => {
  /** The health a client reports for one listEndpoints call. */
  async function healthOf(
    host: string,
    options: WorkspaceClientOptions = {},
    token = 't',
  ): Promise<ConnectionHealth> {
    let seen: ConnectionHealth | null = null;
    const client = createWorkspaceClient(
      {
        host,
        flavor: 'openai',
        getToken: async () => token,
        onResult: (h) => {
          seen = h;
        },
      },
      { sleep: async () => {}, retry: { maxAttempts: 1 }, ...options },
    );
    await client.listEndpoints().catch(() => {});
    if (!seen) throw new Error('no health reported');
    return seen;
  }
  const failingFetch = (code: string) => async () => {
    throw new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
  };

  it('DNS and TLS failures say what to fix', async () => {
    const dns = await healthOf('https://nowhere.example', { fetch: failingFetch('ENOTFOUND') });
    expect(dns).toMatchObject({ ok: false, code: 'NETWORK', fix: "Check the workspace URL's host name." });
    expect(dns.message).toMatch(/DNS/);
    const again = await healthOf('https://nowhere.example', { fetch: failingFetch('EAI_AGAIN') });
    expect(again.fix).toBe('Check your network or VPN.');
    const tls = await healthOf('https://mitm.example', { fetch: failingFetch('SELF_SIGNED_CERT_IN_CHAIN') });
    expect(tls.message).toMatch(/TLS/);
    expect(tls.fix).toMatch(/TLS certificate isn't trusted by this machine/);
  });

  it('401 and 403 from the demo', async () => {
    const base = `${demo.url}/serving-endpoints`;
    expect(await healthOf(base, {}, '')).toMatchObject({
      code: 'AUTH',
      fix: 'Re-enter the token / sign in again.',
    });
    const forbidden = await healthOf(base, {}, 'wrong');
    expect(forbidden.code).toBe('PERMISSION');
    expect(forbidden.fix).toMatch(/lacks permission or has expired/);
  });

  it('a refused connection and a timeout (scripted servers)', async () => {
    const closed: Server = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await healthOf(`http://127.0.0.1:${port}/v1`);
    expect(refused).toMatchObject({ ok: false, code: 'NETWORK' });
    expect(refused.message).toMatch(/refused/);

    const silent: Server = createServer(() => {}); // accepts, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentPort = (silent.address() as AddressInfo).port;
    try {
      const slow = await healthOf(`http://127.0.0.1:${silentPort}/v1`, { timeouts: { connectMs: 150 } });
      expect(slow).toMatchObject({
        ok: false,
        code: 'TIMEOUT',
        fix: expect.stringMatching(/network or VPN/),
      });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('checkWorkspaceHealth stores the outcome for the profile', async () => {
    const handlers = providerHandlers(ctx);
    const saved = await handlers.connectOpenAiProvider({
      name: 'p',
      baseUrl: `${demo.url}/serving-endpoints`,
      apiKey: demo.token,
    });
    secrets.map.set(saved.id, 'revoked');
    const health = await handlers.checkWorkspaceHealth({ id: saved.id });
    expect(health).toMatchObject({ ok: false, code: 'PERMISSION' });
    expect(ctx.health.get(saved.id)).toEqual(health);
  });
});

describe('through the router (createStudioServices)', () => {
  it('connects the demo as an OpenAI provider, lists its models and checks its health', async () => {
    const { createStudioServices } = await import('../../../../../electron/services/studio-services');
    const services = await createStudioServices({
      userDataDir: dir,
      mode: 'browser',
      version: '0',
      secretStore: secrets,
    });
    const session = { id: 'r', emit: () => {} };
    try {
      const demoSummary = await services.router.handle('workspaces:use-demo', undefined, session);
      if (!demoSummary.ok) throw new Error(demoSummary.error.message);
      const host = (demoSummary.value as { host: string }).host;
      const connected = await services.router.handle(
        'workspaces:connect-openai',
        { name: 'Demo (OpenAI)', baseUrl: `${host}/serving-endpoints`, apiKey: 'demo-token' },
        session,
      );
      expect(connected).toMatchObject({ ok: true, value: { authKind: 'openai', hasSecret: true } });
      const listed = await services.router.handle('endpoints:list', undefined, session);
      if (!listed.ok) throw new Error(listed.error.message);
      const endpoints = (listed.value as { endpoints: { name: string; kind: string }[] }).endpoints;
      expect(endpoints.find((e) => e.name === 'databricks-dbrx-instruct')?.kind).toBe('external');
      const id = connected.ok ? (connected.value as { id: string }).id : '';
      const health = await services.router.handle('workspaces:check-health', { id }, session);
      expect(health).toMatchObject({ ok: true, value: { ok: true } });
    } finally {
      await services.dispose();
    }
  });
});
