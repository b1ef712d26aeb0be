import { randomUUID } from 'node:crypto';
import type { ParsedRequestOf } from '../../../shared/contract';
import type { ConnectionHealth, WorkspaceProfile, WorkspaceSummary } from '../../../shared/domain';
import { failure, StudioFailure } from '../../../shared/errors';
import { secretAccount } from '../auth/credentials';
import { type Context, connectionFor, summary } from '../services-context';
import { KEYCHAIN_UNAVAILABLE_MESSAGE } from '../storage/secret-store';
import { normaliseHost } from '../storage/workspace-profiles';
import type { Handlers, WorkspaceConnection } from '../types';
import { failedResult } from '../workspace-client/connection-health';
import { createWorkspaceClient } from '../workspace-client/workspace-client';

/*
 * OpenAI-compatible providers (vLLM, Ollama, LM Studio, any server with /models and
 * /chat/completions) and the connection health check shared by every kind of workspace.
 */

type ProviderRequest = ParsedRequestOf<'connectOpenAiProvider'>;

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?(\/|$)/i;

/**
 * Normalises an OpenAI base URL: `http://localhost:8000/v1/` → `http://localhost:8000/v1`.
 * Unlike a workspace URL the path is kept (it is part of the API base). Plain http is only
 * accepted for this machine: an API key must not travel in cleartext over a network, and
 * a "private" network address is no guarantee of a private path.
 */
export function normaliseBaseUrl(input: string): string {
  const trimmed = input.trim();
  // A scheme-less local server (`localhost:11434/v1`) almost always speaks plain http.
  const withScheme = trimmed.includes('://')
    ? trimmed
    : `${LOOPBACK.test(trimmed) ? 'http' : 'https'}://${trimmed}`;
  const origin = normaliseHost(withScheme); // validates scheme, host, user info and the http rule
  const pathname = new URL(withScheme).pathname.replace(/\/+$/, '');
  return `${origin}${pathname}`;
}

/** Checks the base URL (and key) with GET {base}/models before anything is saved. */
export async function verifyProvider(ctx: Context, base: string, apiKey: string): Promise<void> {
  const probe = createWorkspaceClient(
    { host: base, flavor: 'openai', getToken: async () => apiKey },
    { ...ctx.options.clientOptions, retry: { ...ctx.options.clientOptions?.retry, maxAttempts: 1 } },
  );
  try {
    await probe.listEndpoints();
  } catch (err) {
    if (!(err instanceof StudioFailure)) throw err;
    const e = err.error;
    if (e.code === 'AUTH' || e.code === 'PERMISSION')
      throw new StudioFailure({
        ...e,
        message: `${base} rejected ${apiKey ? 'this API key' : 'a request without an API key'} (HTTP ${e.status ?? '401/403'}). Check the key.`,
      });
    if (e.code === 'NOT_FOUND' || e.code === 'BAD_RESPONSE')
      throw new StudioFailure({
        ...e,
        message: `${base}/models did not answer with a model list. Check the base URL; it usually ends in /v1.`,
      });
    throw err;
  }
}

/** Verifies, then saves the provider profile and its key (if any) together. */
async function connectProvider(ctx: Context, request: ProviderRequest): Promise<WorkspaceSummary> {
  const base = normaliseBaseUrl(request.baseUrl);
  const apiKey = request.apiKey?.trim() ?? '';
  const keychain = await ctx.secrets.isAvailable();
  // A key with nowhere safe to keep it: refuse before any network call or write.
  if (apiKey && !keychain) throw failure('KEYCHAIN_UNAVAILABLE', KEYCHAIN_UNAVAILABLE_MESSAGE);
  await verifyProvider(ctx, base, apiKey);
  const profile: WorkspaceProfile = {
    id: randomUUID(),
    name: request.name.trim(),
    host: base,
    authKind: 'openai',
    createdAt: Date.now(),
  };
  await ctx.profiles.put(profile);
  if (apiKey) {
    try {
      await ctx.secrets.set(secretAccount(profile.id), apiKey);
    } catch (err) {
      await ctx.profiles.remove(profile.id); // no provider without its key
      throw err;
    }
  }
  await ctx.profiles.setCurrent(profile.id);
  ctx.health.set(profile.id, { ok: true, checkedAt: Date.now() });
  return { ...(await summary(ctx, profile, keychain)), health: ctx.health.get(profile.id) ?? null };
}

/** A cheap real call (the endpoint or model list) whose outcome becomes the profile's health. */
async function checkHealth(ctx: Context, id: string): Promise<ConnectionHealth> {
  const profile = await ctx.profiles.get(id);
  if (!profile) throw failure('NOT_FOUND', 'That workspace no longer exists. Pick another one.');
  let connection: WorkspaceConnection;
  try {
    connection = await connectionFor(ctx, profile);
  } catch (err) {
    if (!(err instanceof StudioFailure)) throw err;
    const health = failedResult(err.error);
    ctx.health.set(id, health);
    return health;
  }
  let last: ConnectionHealth | null = null;
  const client = createWorkspaceClient(
    {
      ...connection,
      onResult: (health) => {
        last = health;
        ctx.health.set(id, health);
        connection.onResult?.(health);
      },
    },
    // One try: a health check reports how things are now, it doesn't wait out a rate limit.
    { ...ctx.options.clientOptions, retry: { ...ctx.options.clientOptions?.retry, maxAttempts: 1 } },
  );
  try {
    await client.listEndpoints();
  } catch (err) {
    // Failures before any request (no token saved…) are not reported by the client itself.
    if (err instanceof StudioFailure && last === null) {
      last = failedResult(err.error);
      ctx.health.set(id, last);
    }
  }
  return last ?? failedResult({ code: 'INTERNAL', message: 'The check did not complete.' });
}

/** connectOpenAiProvider and checkWorkspaceHealth. */
export function providerHandlers(ctx: Context) {
  return {
    connectOpenAiProvider: (request) => connectProvider(ctx, request),
    checkWorkspaceHealth: ({ id }) => checkHealth(ctx, id),
  } satisfies Partial<Handlers>;
}
