import * as oauth from 'oauth4webapi';
import { failure, StudioFailure } from '../../../shared/errors';

/*
 * OIDC discovery for a Databricks workspace: the issuer is `{host}/oidc` and its metadata is
 * at `{host}/oidc/.well-known/oauth-authorization-server` (the path the Databricks SDKs use,
 * which is neither oauth4webapi's RFC 8414 insertion nor the OIDC suffix, so it is fetched
 * here and validated by oauth4webapi, issuer check included).
 */

/** The public OAuth client the Databricks CLI uses; workspaces accept it for U2M. */
export const DATABRICKS_CLI_CLIENT_ID = 'databricks-cli';

/** What U2M asks for: the REST APIs, plus a refresh token. */
export const U2M_SCOPES = 'all-apis offline_access';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Options for every oauth4webapi call to `host`. Plain http is allowed ONLY for this machine
 * (the demo workspace): anywhere else, tokens would cross the network in cleartext.
 */
export function requestOptions(host: string): { [oauth.allowInsecureRequests]?: boolean } {
  const url = new URL(host);
  if (url.protocol === 'https:') return {};
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return { [oauth.allowInsecureRequests]: true };
  throw failure('INVALID_INPUT', 'OAuth needs an https:// workspace URL.');
}

/** A short, secret-free reason from an oauth4webapi or network error. */
export function oauthReason(err: unknown): string {
  if (err instanceof oauth.ResponseBodyError) return err.error_description ?? err.error;
  if (err instanceof Error) return err.message.replace(/\s+/g, ' ').slice(0, 200);
  return String(err).slice(0, 200);
}

const METADATA_TTL_MS = 60 * 60_000;
const metadataCache = new Map<string, { at: number; as: Promise<oauth.AuthorizationServer> }>();

/**
 * The workspace's authorization server metadata, cached for an hour per host (every refresh
 * needs it); a failed discovery is not cached.
 */
export function discover(host: string): Promise<oauth.AuthorizationServer> {
  const hit = metadataCache.get(host);
  if (hit && Date.now() - hit.at < METADATA_TTL_MS) return hit.as;
  const as = fetchMetadata(host);
  metadataCache.set(host, { at: Date.now(), as });
  as.catch(() => metadataCache.delete(host));
  return as;
}

/** Fetches and validates the workspace's authorization server metadata. */
async function fetchMetadata(host: string): Promise<oauth.AuthorizationServer> {
  const options = requestOptions(host);
  const issuer = new URL(`${host}/oidc`);
  try {
    const response = await fetch(`${host}/oidc/.well-known/oauth-authorization-server`, {
      headers: { accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(15_000),
    });
    const as = await oauth.processDiscoveryResponse(issuer, response);
    // Endpoints must obey the same transport rule as the host.
    for (const endpoint of [as.authorization_endpoint, as.token_endpoint])
      if (endpoint) requestOptions(new URL(endpoint).origin);
    if (!options[oauth.allowInsecureRequests] && as.token_endpoint?.startsWith('http:'))
      throw failure('BAD_RESPONSE', 'The workspace advertised a plain-http token endpoint.');
    return as;
  } catch (err) {
    if (err instanceof StudioFailure) throw err;
    throw failure(
      'NETWORK',
      `Couldn't find the OAuth endpoints of ${host} (${oauthReason(err)}). Check the workspace URL; OAuth needs a Databricks workspace.`,
    );
  }
}
