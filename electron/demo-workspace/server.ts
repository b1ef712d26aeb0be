import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { applyPatch, type DemoConfigPatch, defaultConfig, parseDemoConfigPatch } from './config';
import { EndpointRegistry } from './endpoint-registry';
import { DemoHttpError, parseJsonBody, readBody, sendError, sendJson } from './http-util';
import { handleInvocation, type ServerState } from './invocations';
import { handleOidc, OidcState } from './oidc';
import { openAiModelList } from './openai-models';
import { preciseNow } from './paced-sse';
import { handleManagement } from './pt-routes';
import { RateLimiter } from './rate-limiter';
import { statsAnswer } from './request-gate';
import { handleSql, type SqlRoutesState } from './sql-routes';
import { TableStore } from './sql-tables';
import { WarehouseRegistry } from './sql-warehouses';
import { StatementStore } from './statements';
import { VolumeStore } from './volumes';

export { ROW_FAILURE_MARKER } from './ai-query';
export type {
  DemoConfig,
  DemoConfigPatch,
  DemoFault,
  DemoFaultRule,
  DemoPtFailure,
  DemoRateLimits,
} from './config';
export { DEMO_ENDPOINTS } from './endpoints';
export { SEED_TABLE } from './sql-tables';
export { DEMO_WAREHOUSES } from './sql-warehouses';

/**
 * The demo workspace: a local HTTP server that speaks the Databricks Model Serving REST API
 * (endpoint listing, native and OpenAI-compatible invocations, the Responses API, SSE, the
 * flat error envelope, rate limits) with small deterministic generators instead of models.
 */

/** Options for {@link startDemoWorkspace}. */
export interface DemoWorkspaceOptions {
  /** 0 or absent: a random free port. */
  port?: number;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
  /** The bearer token clients must send. Default `demo-token`. */
  token?: string;
  /** Delay before the first token, ms. Default 250. */
  ttftMs?: number;
  /** Token pacing per choice. Default 120. */
  tokensPerSec?: number;
}

/** A running demo workspace. */
export interface DemoWorkspace {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string;
  port: number;
  token: string;
  /** Stops listening and drops open connections (streams stop generating). */
  close(): Promise<void>;
  /** Changes behaviour; see {@link DemoConfigPatch}. Throws on an invalid patch. */
  configure(patch: DemoConfigPatch): void;
}

const INVOCATIONS = /^\/serving-endpoints\/([^/]+)\/invocations$/;
const OPENAI_ROUTES = {
  '/serving-endpoints/chat/completions': 'chat',
  '/serving-endpoints/completions': 'completions',
  '/serving-endpoints/embeddings': 'embeddings',
  '/serving-endpoints/responses': 'responses',
} as const;

/**
 * Bearer check: missing → 401, wrong → 403 (Databricks answers 403 for invalid tokens), an
 * OAuth access token issued by /oidc that has expired → 401 (so clients know to refresh).
 */
function checkAuth(req: IncomingMessage, token: string, oidc: OidcState): void {
  const header = req.headers.authorization;
  if (!header)
    throw new DemoHttpError(401, 'UNAUTHENTICATED', 'Missing Authorization header with a bearer token.');
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  const presented = match?.[1] ?? '';
  if (match && presented === token) return;
  const oauth = oidc.check(presented);
  if (oauth === 'valid') return;
  if (oauth === 'expired')
    throw new DemoHttpError(401, 'UNAUTHENTICATED', 'The OAuth access token has expired. Refresh it.');
  throw new DemoHttpError(403, 'PERMISSION_DENIED', 'Invalid access token.');
}

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

interface Context extends ServerState {
  oidc: OidcState;
  /** Databricks SQL: warehouses, statements, volumes (Files API) and tables, in memory. */
  sql: SqlRoutesState;
  /** `http://host:port`, known once listening (the OIDC issuer is derived from it). */
  baseUrl: string;
  reset(): void;
  configure(patch: unknown): void;
}

async function route(ctx: Context, req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
  // The authorization server is public, like Databricks' /oidc: it has its own client checks.
  if ((req.url ?? '').startsWith('/oidc/') && (await handleOidc(ctx.oidc, ctx.config, req, res, ctx.baseUrl)))
    return;
  checkAuth(req, ctx.config.token ?? token, ctx.oidc);
  const method = req.method ?? 'GET';
  const path = (req.url ?? '/').split('?')[0]?.replace(/\/+$/, '') || '/';
  if (
    (path.startsWith('/api/2.0/sql/') || path.startsWith('/api/2.0/fs/files/')) &&
    (await handleSql(ctx.sql, req, res, method, path))
  )
    return;
  if (
    path.startsWith('/api/2.0/serving-endpoints') &&
    (await handleManagement(ctx.endpoints, req, res, method, path))
  )
    return;
  if (method === 'POST') {
    const openai = OPENAI_ROUTES[path as keyof typeof OPENAI_ROUTES];
    if (openai) return handleInvocation(ctx, req, res, openai);
    const invocation = INVOCATIONS.exec(path);
    if (invocation) return handleInvocation(ctx, req, res, 'invocations', decodeName(invocation[1] ?? ''));
    if (path === '/__demo/config') {
      ctx.configure(parseJsonBody(await readBody(req)));
      return sendJson(res, 200, ctx.config);
    }
    if (path === '/__demo/reset') {
      await readBody(req);
      ctx.reset();
      return sendJson(res, 200, ctx.config);
    }
  }
  if (method === 'GET' && path === '/serving-endpoints/models')
    return sendJson(res, 200, openAiModelList(ctx.endpoints));
  if (method === 'GET' && path === '/__demo/config') return sendJson(res, 200, ctx.config);
  if (method === 'GET' && path === '/__demo/stats') return sendJson(res, 200, statsAnswer(ctx.stats));
  // The clock the stream traces are stamped with, so a benchmark can measure its offset.
  if (method === 'GET' && path === '/__demo/now') return sendJson(res, 200, { now: preciseNow() });
  throw new DemoHttpError(404, 'ENDPOINT_NOT_FOUND', `No API found for '${method} ${path}'.`);
}

function createContext(options: DemoWorkspaceOptions): Context {
  const initial = () => defaultConfig(options.ttftMs ?? 250, options.tokensPerSec ?? 120);
  // The registry reads timing and the one-shot failure from the live config, whichever it is.
  const source = {
    get config() {
      return ctx.config;
    },
  };
  const newSql = (): SqlRoutesState => {
    const warehouses = new WarehouseRegistry(() => ctx.config.warehouseStartMs);
    const volumes = new VolumeStore();
    const env = {
      config: () => ctx.config,
      endpoints: () => ctx.endpoints,
      warehouses,
      volumes,
      tables: new TableStore(),
    };
    return { warehouses, volumes, statements: new StatementStore(env) };
  };
  const ctx: Context = {
    config: initial(),
    oidc: new OidcState(),
    sql: undefined as unknown as SqlRoutesState,
    baseUrl: '',
    limiter: new RateLimiter(),
    endpoints: new EndpointRegistry(source),
    stats: { requests: 0, activeStreams: 0, tokensSent: 0, rateLimited: 0, streams: [] },
    reset() {
      ctx.config = initial();
      ctx.limiter.reset();
      // Provisioned endpoints created or deleted by earlier tests are forgotten too.
      ctx.endpoints = new EndpointRegistry(source);
      // Warehouses, files, tables and statements start over too.
      ctx.sql = newSql();
      // activeStreams is live state, not history: it is left as is.
      ctx.stats.requests = 0;
      ctx.stats.tokensSent = 0;
      ctx.stats.rateLimited = 0;
      ctx.stats.streams = [];
    },
    configure(input: unknown) {
      const parsed = parseDemoConfigPatch(input);
      if (!parsed.ok) throw new DemoHttpError(400, 'INVALID_PARAMETER_VALUE', parsed.message);
      ctx.config = applyPatch(ctx.config, parsed.patch);
      if (parsed.patch.oauthExpireAccessTokens) ctx.oidc.expireAll();
    },
  };
  ctx.sql = newSql();
  return ctx;
}

/** Starts a demo workspace; resolves once it is listening. */
export function startDemoWorkspace(options: DemoWorkspaceOptions = {}): Promise<DemoWorkspace> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? 'demo-token';
  const ctx = createContext(options);
  const server = createServer((req, res) => {
    route(ctx, req, res, token).catch((error: unknown) => {
      // Never crash on a bad request: known errors get their envelope, anything else a 500.
      const known =
        error instanceof DemoHttpError
          ? error
          : new DemoHttpError(500, 'INTERNAL_ERROR', 'The demo workspace failed to handle the request.');
      if (!(error instanceof DemoHttpError)) console.error('[demo-workspace]', error);
      if (res.headersSent) res.destroy();
      else {
        // Drain an unread body so the client can read the error instead of a reset.
        if (!req.complete) req.resume();
        sendError(res, known);
      }
    });
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      // A wildcard bind is still reached through loopback.
      const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
      const shownHost = reachable.includes(':') ? `[${reachable}]` : reachable;
      ctx.baseUrl = `http://${shownHost}:${port}`;
      resolve({
        url: ctx.baseUrl,
        port,
        token,
        configure: (patch) => {
          try {
            ctx.configure(patch);
          } catch (error) {
            throw new Error(error instanceof Error ? error.message : String(error));
          }
        },
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
