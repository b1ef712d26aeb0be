import type { ParsedRequestOf } from '../../shared/contract';
import type {
  Endpoint,
  GenerationParams,
  TaskKind,
  WorkspaceProfile,
  WorkspaceSummary,
} from '../../shared/domain';
import { failure, StudioFailure } from '../../shared/errors';
import { validateParams } from '../../shared/limits';
import { type DemoWorkspace, startDemoWorkspace } from '../demo-workspace/server';
import { createRouter, type Router } from './router';
import { createKeychainSecretStore, KEYCHAIN_UNAVAILABLE_MESSAGE } from './secret-store';
import { createStreamEmitter } from './stream-emitter';
import { createStreamRegistry, type StreamRegistry } from './stream-registry';
import type {
  GenerationOutcome,
  GenerationSink,
  Handlers,
  SecretStore,
  Session,
  WorkspaceClient,
  WorkspaceConnection,
} from './types';
import { createWorkspaceClient, type WorkspaceClientOptions } from './workspace-client';
import { createWorkspaceProfiles, normaliseHost, type WorkspaceProfiles } from './workspace-profiles';

/*
 * Composes the privileged services into the contract's handlers. Transports (Electron IPC,
 * the browser-mode WebSocket) only ever see the router returned here.
 */

export interface StudioServicesOptions {
  userDataDir: string;
  mode: 'electron' | 'browser';
  version: string;
  /** Defaults to the OS keychain. */
  secretStore?: SecretStore;
  /** A fixed port for the embedded demo workspace (tests); a free port by default. */
  demo?: { port?: number };
  clientOptions?: WorkspaceClientOptions;
}

export interface StudioServices {
  router: Router;
  /** Aborts every stream and stops the demo workspace (app quit). */
  dispose(): Promise<void>;
}

/** The fixed id of the embedded demo workspace's profile. */
export const DEMO_PROFILE_ID = 'demo';

type ConnectRequest = ParsedRequestOf<'connectWorkspace'>;

/** Runs one generation on a client (streamChat or streamCompletion). */
type Stream = (
  client: WorkspaceClient,
  sink: GenerationSink,
  signal: AbortSignal,
) => Promise<GenerationOutcome>;

/** A workspace's client and the endpoint metadata last seen through it. */
interface CachedClient {
  host: string;
  client: WorkspaceClient;
  endpoints: Map<string, Endpoint>;
}

/** The demo profile as stored: its host stays empty because the port changes every launch. */
const demoProfile = (): WorkspaceProfile => ({
  id: DEMO_PROFILE_ID,
  name: 'Demo workspace',
  host: '',
  authKind: 'demo',
  createdAt: Date.now(),
});

const NO_WORKSPACE = 'Choose the demo workspace or connect one.';

/** Which endpoint tasks each pane may use; `other` (custom models) is left to the server. */
const TASKS_FOR: Record<'chat' | 'completions', TaskKind[]> = {
  chat: ['chat', 'other'],
  completions: ['completions', 'other'],
};

/** What the handlers share: the stores, the registry, the demo server and one client per workspace. */
interface Context {
  options: StudioServicesOptions;
  secrets: SecretStore;
  profiles: WorkspaceProfiles;
  registry: StreamRegistry;
  clients: Map<string, CachedClient>;
  demo: Promise<DemoWorkspace> | null;
}

/** Starts the demo workspace once; a failed start is forgotten so the next call retries. */
function startDemo(ctx: Context): Promise<DemoWorkspace> {
  if (ctx.demo) return ctx.demo;
  // The demo's default (public) token: it only guards a loopback demo of synthetic models, and
  // tests use it to reach the demo's control route. It is still never sent to the renderer.
  const started = startDemoWorkspace({ port: ctx.options.demo?.port ?? 0 }).catch((err: unknown) => {
    ctx.demo = null;
    throw err;
  });
  ctx.demo = started;
  return started;
}

/** What the renderer is told about a profile; `keychain` is whether the keychain can be asked. */
async function summary(
  ctx: Context,
  profile: WorkspaceProfile,
  keychain: boolean,
): Promise<WorkspaceSummary> {
  if (profile.authKind === 'demo') {
    const server = ctx.demo ? await ctx.demo.catch(() => null) : null;
    // The demo's token lives in this process's memory: it always has credentials.
    return { ...profile, host: server?.url ?? profile.host, isDemo: true, hasSecret: true };
  }
  // A keychain error for one profile (e.g. a dismissed unlock prompt) must not hide the whole list.
  const hasSecret = keychain ? await ctx.secrets.has(profile.id).catch(() => false) : false;
  return { ...profile, isDemo: false, hasSecret };
}

/** The connection for a profile: the demo's in-memory token, or the keychain's, read per request. */
async function connectionFor(ctx: Context, profile: WorkspaceProfile): Promise<WorkspaceConnection> {
  if (profile.authKind === 'demo') {
    const server = await startDemo(ctx);
    return { host: server.url, getToken: async () => server.token };
  }
  const getToken = async (): Promise<string> => {
    const token = await ctx.secrets.get(profile.id);
    if (token) return token;
    throw failure('NOT_CONFIGURED', `No token is saved for "${profile.name}". Add one in Settings.`);
  };
  return { host: profile.host, getToken };
}

/** The current workspace's (cached) client; NOT_CONFIGURED when none is selected. */
async function currentClient(ctx: Context): Promise<CachedClient> {
  const profile = await ctx.profiles.getCurrent();
  if (!profile) throw failure('NOT_CONFIGURED', NO_WORKSPACE);
  const connection = await connectionFor(ctx, profile);
  let cached = ctx.clients.get(profile.id);
  if (!cached || cached.host !== connection.host) {
    const client = createWorkspaceClient(connection, ctx.options.clientOptions);
    cached = { host: connection.host, client, endpoints: new Map() };
    ctx.clients.set(profile.id, cached);
  }
  return cached;
}

async function activateDemo(ctx: Context): Promise<WorkspaceSummary> {
  await startDemo(ctx);
  const profile = (await ctx.profiles.get(DEMO_PROFILE_ID)) ?? (await ctx.profiles.put(demoProfile()));
  await ctx.profiles.setCurrent(DEMO_PROFILE_ID);
  return summary(ctx, profile, true);
}

/** Checks host + token with a real call before anything is saved. */
async function verifyToken(ctx: Context, host: string, token: string): Promise<void> {
  const probe = createWorkspaceClient({ host, getToken: async () => token }, ctx.options.clientOptions);
  try {
    await probe.listEndpoints();
  } catch (err) {
    if (err instanceof StudioFailure && (err.error.code === 'AUTH' || err.error.code === 'PERMISSION')) {
      const status = err.error.status ?? '401/403';
      throw new StudioFailure({
        ...err.error,
        message: `${host} rejected this token (HTTP ${status}). Check that it is a valid, unexpired personal access token for this workspace with access to serving endpoints.`,
      });
    }
    throw err;
  }
}

/** Verifies, then saves the profile and its token together (neither without the other). */
async function connect(ctx: Context, request: ConnectRequest): Promise<WorkspaceSummary> {
  const host = normaliseHost(request.host);
  // Nowhere safe to keep the token: refuse before any network call or write.
  if (!(await ctx.secrets.isAvailable())) throw failure('KEYCHAIN_UNAVAILABLE', KEYCHAIN_UNAVAILABLE_MESSAGE);
  await verifyToken(ctx, host, request.token);
  const profile = await ctx.profiles.add({ name: request.name, host, authKind: 'pat' });
  try {
    await ctx.secrets.set(profile.id, request.token);
  } catch (err) {
    await ctx.profiles.remove(profile.id); // no profile without its token
    throw err;
  }
  await ctx.profiles.setCurrent(profile.id);
  return summary(ctx, profile, true);
}

async function requireProfile(ctx: Context, id: string): Promise<WorkspaceProfile> {
  const profile = await ctx.profiles.get(id);
  if (!profile) throw failure('NOT_FOUND', 'That workspace no longer exists. Pick another one.');
  return profile;
}

/** Checks the endpoint's task and the parameters, registers the stream and runs it in the background. */
async function startStream(
  ctx: Context,
  session: Session,
  request: { endpoint: string; params: GenerationParams },
  pane: 'chat' | 'completions',
  stream: Stream,
): Promise<{ streamId: string }> {
  const ws = await currentClient(ctx);
  // Metadata cached from the last listing; one lookup otherwise.
  const endpoint = ws.endpoints.get(request.endpoint) ?? (await ws.client.getEndpoint(request.endpoint));
  ws.endpoints.set(endpoint.name, endpoint);
  if (!TASKS_FOR[pane].includes(endpoint.taskKind)) {
    throw failure(
      'INVALID_INPUT',
      `${endpoint.name} is a ${endpoint.taskKind} endpoint; it can't be used for ${pane}.`,
    );
  }
  const problems = validateParams(request.params, endpoint.taskKind, endpoint.contextWindow);
  if (problems.length > 0) throw failure('INVALID_INPUT', `Check the parameters: ${problems.join(' ')}`);
  const { streamId, signal } = ctx.registry.start(session.id);
  const emitter = createStreamEmitter({ streamId, emit: (event) => session.emit(event) });
  // Not awaited: the renderer gets the id now and the events as they come. Started inside
  // a then() so even a synchronous throw ends the stream with an event and frees its entry.
  void Promise.resolve()
    .then(() => stream(ws.client, emitter, signal))
    .catch((err: unknown): GenerationOutcome => {
      // The client returns expected failures as outcomes; a throw here is unexpected.
      console.error('[studio-services] stream failed:', err instanceof Error ? err.message : err);
      const error =
        err instanceof StudioFailure
          ? err.error
          : { code: 'INTERNAL' as const, message: 'The response stopped unexpectedly. Try again.' };
      return { status: 'error', error, partial: emitter.hasText, metrics: null };
    })
    .then((outcome) => emitter.end(outcome))
    .finally(() => ctx.registry.finish(streamId));
  return { streamId };
}

/** Workspace and secret handlers. Secrets are write-only: set, remove, status; never get. */
function workspaceHandlers(ctx: Context) {
  const { secrets, profiles } = ctx;
  return {
    async listWorkspaces() {
      const keychainAvailable = await secrets.isAvailable();
      const list = await profiles.list();
      const workspaces = await Promise.all(list.map((p) => summary(ctx, p, keychainAvailable)));
      return { workspaces, currentId: (await profiles.getCurrent())?.id ?? null, keychainAvailable };
    },
    useDemoWorkspace: () => activateDemo(ctx),
    connectWorkspace: (request) => connect(ctx, request),
    async selectWorkspace({ id }) {
      if (id === DEMO_PROFILE_ID) return activateDemo(ctx);
      const profile = await requireProfile(ctx, id);
      await profiles.setCurrent(id);
      return summary(ctx, profile, await secrets.isAvailable());
    },
    async removeWorkspace({ id }) {
      if (id === DEMO_PROFILE_ID) throw failure('INVALID_INPUT', "The demo workspace can't be removed.");
      // Secret first: if the keychain fails, the profile stays and the user can retry.
      await secrets.remove(id);
      ctx.clients.delete(id);
      return { removed: await profiles.remove(id) };
    },
    async setSecret({ profileId, secret }) {
      const profile = await requireProfile(ctx, profileId);
      if (profile.authKind === 'demo') throw failure('INVALID_INPUT', 'The demo workspace needs no token.');
      // Pasted tokens often carry a trailing newline; it is never part of a token.
      await secrets.set(profileId, secret.trim());
      return { hasSecret: true };
    },
    async removeSecret({ profileId }) {
      await secrets.remove(profileId);
      return { hasSecret: await secrets.has(profileId) };
    },
    async getSecretStatus({ profileId }) {
      const keychainAvailable = await secrets.isAvailable();
      const hasSecret =
        profileId === DEMO_PROFILE_ID || (keychainAvailable && (await secrets.has(profileId)));
      return { hasSecret, keychainAvailable };
    },
  } satisfies Partial<Handlers>;
}

/** Endpoint, generation and embedding handlers, all against the current workspace. */
function modelHandlers(ctx: Context) {
  return {
    async listEndpoints() {
      const ws = await currentClient(ctx);
      const endpoints = await ws.client.listEndpoints();
      ws.endpoints = new Map(endpoints.map((e) => [e.name, e]));
      return { endpoints };
    },
    async getEndpoint({ name }) {
      const ws = await currentClient(ctx);
      const endpoint = await ws.client.getEndpoint(name);
      ws.endpoints.set(name, endpoint);
      return endpoint;
    },
    startChat: (request, session) =>
      startStream(ctx, session, request, 'chat', (client, sink, signal) =>
        client.streamChat(request, sink, signal),
      ),
    startCompletion: (request, session) =>
      startStream(ctx, session, request, 'completions', (client, sink, signal) =>
        client.streamCompletion(request, sink, signal),
      ),
    createEmbeddings: async (request) => (await currentClient(ctx)).client.createEmbeddings(request),
    cancelStream: async ({ streamId }, session) => ({ cancelled: ctx.registry.cancel(streamId, session.id) }),
  } satisfies Partial<Handlers>;
}

/**
 * Creates the services and their router. The profile file is read now (a corrupt one is
 * recovered and logged at startup); the demo workspace starts on first use.
 */
export async function createStudioServices(options: StudioServicesOptions): Promise<StudioServices> {
  const ctx: Context = {
    options,
    secrets: options.secretStore ?? createKeychainSecretStore(),
    profiles: createWorkspaceProfiles(options.userDataDir),
    registry: createStreamRegistry(),
    clients: new Map(),
    demo: null,
  };
  await ctx.profiles.list().catch((err: unknown) => console.error('[studio-services] workspaces.json:', err));
  const handlers: Handlers = {
    getAppInfo: async () => ({ version: options.version, mode: options.mode }),
    ...workspaceHandlers(ctx),
    ...modelHandlers(ctx),
  };
  // A closed window or socket aborts that renderer's streams.
  const router = createRouter(handlers, { onSessionClosed: (id) => ctx.registry.abortSession(id) });
  async function dispose(): Promise<void> {
    ctx.registry.abortAll();
    ctx.clients.clear();
    const server = ctx.demo;
    ctx.demo = null;
    if (server) await (await server.catch(() => null))?.close();
  }
  return { router, dispose };
}
