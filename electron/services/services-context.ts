import type { ConnectionHealth, Endpoint, WorkspaceProfile, WorkspaceSummary } from '../../shared/domain';
import { failure } from '../../shared/errors';
import type { WireProtocol } from '../../shared/model-capabilities';
import { type DemoWorkspace, startDemoWorkspace } from '../demo-workspace/server';
import { profileSecret, secretAccount, tokenCacheFor } from './auth/credentials';
import { readReference } from './storage/secret-reference';
import type { WorkspaceProfiles } from './storage/workspace-profiles';
import type { StreamRegistry } from './streams/stream-registry';
import type { SecretStore, WorkspaceClient, WorkspaceConnection } from './types';
import { createWorkspaceClient, type WorkspaceClientOptions } from './workspace-client/workspace-client';

/*
 * What the handlers share (the stores, the stream registry, the demo server, one client per
 * workspace) and the helpers that resolve "the current workspace" into a client.
 */

/** The fixed id of the embedded demo workspace's profile. */
export const DEMO_PROFILE_ID = 'demo';

/** The options the services were created with (see createStudioServices). */
export interface ContextOptions {
  /** A fixed port for the embedded demo (0 or absent: any free port); `onStarted` hears its URL. */
  demo?: { port?: number; onStarted?(url: string): void };
  clientOptions?: WorkspaceClientOptions;
}

/** A workspace's client and the endpoint metadata last seen through it. */
export interface CachedClient {
  host: string;
  client: WorkspaceClient;
  endpoints: Map<string, Endpoint>;
  /**
   * Endpoints that answered "use the Responses API": the client sends them that from then on
   * (for as long as this host runs), and validation and listings read it from here.
   */
  protocols: Map<string, WireProtocol>;
}

/** The demo profile as stored: its host stays empty because the port changes every launch. */
export const demoProfile = (): WorkspaceProfile => ({
  id: DEMO_PROFILE_ID,
  name: 'Demo workspace',
  host: '',
  authKind: 'demo',
  createdAt: Date.now(),
});

export const NO_WORKSPACE = 'Choose the demo workspace or connect one.';

/** What the handlers share: the stores, the registry, the demo server and one client per workspace. */
export interface Context {
  /** Each profile's last connection health (in memory; reported by the clients' onResult). */
  health: Map<string, ConnectionHealth>;
  options: ContextOptions;
  secrets: SecretStore;
  profiles: WorkspaceProfiles;
  registry: StreamRegistry;
  clients: Map<string, CachedClient>;
  demo: Promise<DemoWorkspace> | null;
}

/** Starts the demo workspace once; a failed start is forgotten so the next call retries. */
export function startDemo(ctx: Context): Promise<DemoWorkspace> {
  if (ctx.demo) return ctx.demo;
  // The demo's default (public) token: it only guards a loopback demo of synthetic models, and
  // tests use it to reach the demo's control route. It is still never sent to the renderer.
  const started = startDemoWorkspace({ port: ctx.options.demo?.port ?? 0 }).then(
    (server) => {
      ctx.options.demo?.onStarted?.(server.url);
      return server;
    },
    (err: unknown) => {
      ctx.demo = null;
      // Say what failed (a taken port, usually) instead of a generic internal error.
      const reason = err instanceof Error ? err.message : String(err);
      throw failure('INTERNAL', `The demo workspace couldn't start (${reason}). Try again.`);
    },
  );
  ctx.demo = started;
  return started;
}

/** What the renderer is told about a profile; `keychain` is whether the keychain can be asked. */
export async function summary(
  ctx: Context,
  profile: WorkspaceProfile,
  keychain: boolean,
): Promise<WorkspaceSummary> {
  const health = ctx.health.get(profile.id) ?? null;
  if (profile.authKind === 'demo') {
    const server = ctx.demo ? await ctx.demo.catch(() => null) : null;
    // The demo's token lives in this process's memory: it always has credentials.
    return { ...profile, host: server?.url ?? profile.host, isDemo: true, hasSecret: true, health };
  }
  // A keychain error for one profile (e.g. a dismissed unlock prompt) must not hide the whole list.
  // One account per profile holds its secret, whatever the kind (PAT, refresh token, client secret, API key).
  // A file/environment reference "has" its secret while that still resolves (read here only).
  const hasSecret = profile.secretSource
    ? (await readReference(profile.secretSource).catch(() => null)) !== null
    : keychain
      ? await ctx.secrets.has(secretAccount(profile.id)).catch(() => false)
      : false;
  return { ...profile, isDemo: false, hasSecret, health };
}

/** The PAT from the keychain (or the profile's file/environment reference), read per request. */
function storedSecret(ctx: Context, profile: WorkspaceProfile, missing: string) {
  return async (): Promise<string> => {
    const token = await profileSecret(ctx.secrets, profile);
    if (token) return token;
    throw failure('NOT_CONFIGURED', missing);
  };
}

/**
 * The connection for a profile: the demo's in-memory token; a PAT from the keychain; an OAuth
 * or service-principal access token (in memory, refreshed before expiry and on a 401); or an
 * OpenAI-compatible server's API key ('' when it needs none). Every request reports health.
 */
export async function connectionFor(ctx: Context, profile: WorkspaceProfile): Promise<WorkspaceConnection> {
  const onResult = (h: ConnectionHealth) => ctx.health.set(profile.id, h);
  if (profile.authKind === 'demo') {
    const server = await startDemo(ctx);
    return { host: server.url, getToken: async () => server.token, onResult };
  }
  if (profile.authKind === 'oauth' || profile.authKind === 'service-principal') {
    const cache = tokenCacheFor(ctx);
    return {
      host: profile.host,
      getToken: () => cache.accessToken(profile),
      // A 401 means the access token died early (revoked, clock skew): get a new one, retry once.
      onUnauthorized: async () => {
        cache.forget(profile.id);
        return cache.refresh(profile).then(
          () => true,
          () => false,
        );
      },
      onResult,
    };
  }
  if (profile.authKind === 'openai') {
    // Local servers often need no key: absent means "send no Authorization header".
    const getToken = async () =>
      (await ctx.secrets.isAvailable()) ? ((await ctx.secrets.get(secretAccount(profile.id))) ?? '') : '';
    return { host: profile.host, getToken, flavor: 'openai', onResult };
  }
  const missing = `No token is saved for "${profile.name}". Add one in Settings.`;
  const read = storedSecret(ctx, profile, missing);
  let sent: string | null = null;
  return {
    host: profile.host,
    getToken: async () => {
      sent = await read();
      return sent;
    },
    // The keychain's answer is remembered; a 401 may mean it changed meanwhile (another window,
    // the CLI): read it again and retry once if it is a different token.
    onUnauthorized: async () => {
      ctx.secrets.forget?.(secretAccount(profile.id));
      const again = await read().catch(() => null);
      return again !== null && again !== sent;
    },
    onResult,
  };
}

/** The current workspace's (cached) client; NOT_CONFIGURED when none is selected. */
export async function currentClient(ctx: Context): Promise<CachedClient> {
  const profile = await ctx.profiles.getCurrent();
  if (!profile) throw failure('NOT_CONFIGURED', NO_WORKSPACE);
  const connection = await connectionFor(ctx, profile);
  let cached = ctx.clients.get(profile.id);
  if (!cached || cached.host !== connection.host) {
    const protocols = new Map<string, WireProtocol>();
    const client = createWorkspaceClient(connection, { ...ctx.options.clientOptions, protocols });
    cached = { host: connection.host, client, endpoints: new Map(), protocols };
    ctx.clients.set(profile.id, cached);
  }
  return cached;
}
