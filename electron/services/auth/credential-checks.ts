import { StudioFailure } from '../../../shared/errors';
import type { Context } from '../services-context';
import { createWorkspaceClient } from '../workspace-client/workspace-client';
import { type AccessToken, clientCredentialsToken } from './tokens';

/*
 * "Checked with a real call before anything is saved": the one place that asks a workspace
 * whether a host and a credential work (connect, edit, import). The call lists serving
 * endpoints, what the app needs first; tried once, because a check reports how things are now
 * (a retried DNS failure would only make an import of a mistyped host wait for nothing).
 */

/** Lists endpoints with `token`; throws StudioFailure, with `refused` as the 401/403 message. */
async function listWith(ctx: Context, host: string, token: string, refused: string): Promise<void> {
  const probe = createWorkspaceClient(
    { host, getToken: async () => token },
    { ...ctx.options.clientOptions, retry: { ...ctx.options.clientOptions?.retry, maxAttempts: 1 } },
  );
  try {
    await probe.listEndpoints();
  } catch (err) {
    if (err instanceof StudioFailure && (err.error.code === 'AUTH' || err.error.code === 'PERMISSION')) {
      const status = err.error.status ?? '401/403';
      throw new StudioFailure({ ...err.error, message: refused.replace('{status}', String(status)) });
    }
    throw err;
  }
}

/** A personal access token: rejected tokens get a sentence that says what to check. */
export function checkPat(ctx: Context, host: string, token: string): Promise<void> {
  return listWith(
    ctx,
    host,
    token,
    `${host} rejected this token (HTTP {status}). Check that it is a valid, unexpired personal access token for this workspace with access to serving endpoints.`,
  );
}

/** An OAuth access token just obtained (U2M sign-in or M2M): the identity must reach Model Serving. */
export function checkAccess(ctx: Context, host: string, token: string): Promise<void> {
  return listWith(
    ctx,
    host,
    token,
    `${host} accepted the sign-in but refused to list serving endpoints (HTTP {status}). Check this identity's access to Model Serving.`,
  );
}

/** A service principal: a client-credentials token, then a real call with it. Answers the token. */
export async function checkServicePrincipal(
  ctx: Context,
  host: string,
  clientId: string,
  clientSecret: string,
): Promise<AccessToken> {
  const access = await clientCredentialsToken(host, clientId, clientSecret);
  await checkAccess(ctx, host, access.token);
  return access;
}
