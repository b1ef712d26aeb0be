import type { OAuthFlowOptions } from './auth/oauth-flow';
import { authHandlers } from './handlers/auth-handlers';
import { endpointHandlers } from './handlers/endpoint-handlers';
import { importHandlers } from './handlers/import-handlers';
import { modelHandlers } from './handlers/model-handlers';
import { providerHandlers } from './handlers/provider-handlers';
import { sqlHandlers } from './handlers/sql-handlers';
import { workspaceHandlers } from './handlers/workspace-handlers';
import { createRouter, type Router } from './router';
import type { Context } from './services-context';
import { createKeychainSecretStore } from './storage/secret-store';
import { createWorkspaceProfiles } from './storage/workspace-profiles';
import { createStreamRegistry } from './streams/stream-registry';
import type { Handlers, SecretStore } from './types';
import type { WorkspaceClientOptions } from './workspace-client/workspace-client';

/*
 * Composes the privileged services into the contract's handlers. Transports (Electron IPC,
 * the browser-mode WebSocket) only ever see the router returned here.
 */

export { DEMO_PROFILE_ID } from './services-context';

export interface StudioServicesOptions {
  userDataDir: string;
  mode: 'electron' | 'browser';
  version: string;
  /** Defaults to the OS keychain. */
  secretStore?: SecretStore;
  /** A fixed port for the embedded demo workspace (tests); a free port by default. */
  demo?: { port?: number; onStarted?(url: string): void };
  clientOptions?: WorkspaceClientOptions;
  /**
   * Opens the OAuth sign-in page in the system browser. Default: the OS opener (xdg-open /
   * open / start), failures ignored. Never called when SERVING_STUDIO_NO_BROWSER=1.
   */
  openExternal?: (url: string) => Promise<void>;
  /** OAuth sign-in tunables (redirect ports, timeout); tests shorten them. */
  oauth?: OAuthFlowOptions;
}

export interface StudioServices {
  router: Router;
  /** Aborts every stream and stops the demo workspace (app quit). */
  dispose(): Promise<void>;
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
    health: new Map(),
    demo: null,
  };
  await ctx.profiles.list().catch((err: unknown) => console.error('[studio-services] workspaces.json:', err));
  const handlers: Handlers = {
    getAppInfo: async () => ({ version: options.version, mode: options.mode }),
    ...workspaceHandlers(ctx),
    ...modelHandlers(ctx),
    ...endpointHandlers(ctx),
    ...authHandlers(ctx, { openExternal: options.openExternal, oauth: options.oauth }),
    ...importHandlers(ctx),
    ...providerHandlers(ctx),
    ...sqlHandlers(ctx),
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
