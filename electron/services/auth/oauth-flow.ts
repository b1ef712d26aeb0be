import { randomUUID } from 'node:crypto';
import * as oauth from 'oauth4webapi';
import { failure, StudioFailure } from '../../../shared/errors';
import { DATABRICKS_CLI_CLIENT_ID, discover, oauthReason, requestOptions, U2M_SCOPES } from './discovery';
import { type LoopbackListener, startLoopbackListener } from './loopback';
import { type AccessToken, fromResponse } from './tokens';

/*
 * OAuth user-to-machine sign-in, like `databricks auth login`: authorization code + PKCE
 * (S256) for the public client `databricks-cli`, a random state, and a loopback listener for
 * the redirect. `begin` returns once the listener is up; `wait` resolves with the tokens.
 */

/** Tunables (tests shorten them). */
export interface OAuthFlowOptions {
  /** Redirect ports to try, inclusive. Default 8020–8040. */
  ports?: readonly [number, number];
  /** How long to wait for the browser. Default 5 minutes. */
  timeoutMs?: number;
}

export const DEFAULT_FLOW_TIMEOUT_MS = 5 * 60_000;

export const TIMEOUT_MESSAGE =
  "The browser sign-in didn't finish: the browser was closed or the page abandoned. Try again.";
export const DENIED_MESSAGE = 'Consent was denied in the browser, so Serving Studio was not authorized.';
export const CANCELLED_MESSAGE = 'The sign-in was cancelled.';

/** The tokens of a completed sign-in: the refresh token is what gets persisted. */
export type SignInTokens = AccessToken & { refreshToken?: string };

/** One sign-in in progress. */
export interface OAuthFlow {
  id: string;
  host: string;
  authorizationUrl: string;
  /** Resolves with the tokens, or rejects with a StudioFailure (denied, timeout, cancel…). */
  wait(): Promise<SignInTokens>;
  cancel(): void;
}

/** PKCE per RFC 7636: a random verifier and its S256 challenge. */
export async function createPkce(): Promise<{ verifier: string; challenge: string }> {
  const verifier = oauth.generateRandomCodeVerifier();
  return { verifier, challenge: await oauth.calculatePKCECodeChallenge(verifier) };
}

function authorizationUrl(
  as: oauth.AuthorizationServer,
  redirectUri: string,
  challenge: string,
  state: string,
) {
  if (!as.authorization_endpoint)
    throw failure('BAD_RESPONSE', 'The workspace has no OAuth authorization endpoint.');
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set('client_id', DATABRICKS_CLI_CLIENT_ID);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', U2M_SCOPES);
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', state);
  return url.href;
}

/** Checks the redirect's parameters, then exchanges the code. */
async function exchange(
  as: oauth.AuthorizationServer,
  host: string,
  params: URLSearchParams,
  expectedState: string,
  listener: LoopbackListener,
  verifier: string,
): Promise<SignInTokens> {
  // State first: a redirect we didn't ask for (CSRF) must never be acted on, error or not.
  if (params.get('state') !== expectedState)
    throw failure('AUTH', 'The sign-in response did not match this sign-in (state mismatch). Try again.');
  const error = params.get('error');
  if (error === 'access_denied') throw failure('AUTH', DENIED_MESSAGE);
  if (error)
    throw failure('AUTH', `The workspace refused the sign-in: ${params.get('error_description') ?? error}.`);
  const client: oauth.Client = { client_id: DATABRICKS_CLI_CLIENT_ID };
  try {
    const callback = oauth.validateAuthResponse(as, client, params, expectedState);
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.None(),
      callback,
      listener.redirectUri,
      verifier,
      requestOptions(host),
    );
    return fromResponse(await oauth.processAuthorizationCodeResponse(as, client, response));
  } catch (err) {
    throw failure('AUTH', `The workspace did not accept the sign-in code (${oauthReason(err)}).`);
  }
}

/** Starts a sign-in: discovery, PKCE, state, listener. Then open `authorizationUrl`. */
export async function beginOAuthFlow(host: string, options: OAuthFlowOptions = {}): Promise<OAuthFlow> {
  const as = await discover(host);
  const { verifier, challenge } = await createPkce();
  const state = oauth.generateRandomState();
  const listener = await startLoopbackListener(options.ports);
  const url = authorizationUrl(as, listener.redirectUri, challenge, state);
  let stop: (reason: StudioFailure) => void = () => {};
  const stopped = new Promise<never>((_, reject) => {
    stop = reject;
  });
  stopped.catch(() => {});
  const timer = setTimeout(
    () => stop(failure('TIMEOUT', TIMEOUT_MESSAGE)),
    options.timeoutMs ?? DEFAULT_FLOW_TIMEOUT_MS,
  );
  const outcome = Promise.race([
    listener.result.then((params) => exchange(as, host, params, state, listener, verifier)),
    stopped,
  ]).finally(() => {
    clearTimeout(timer);
    listener.close();
  });
  outcome.catch(() => {});
  return {
    id: randomUUID(),
    host,
    authorizationUrl: url,
    wait: () => outcome,
    cancel: () => stop(failure('INVALID_REQUEST', CANCELLED_MESSAGE)),
  };
}

/** Re-throws anything that is not a StudioFailure as a generic AUTH failure (no details leak). */
export function asStudioFailure(err: unknown): StudioFailure {
  return err instanceof StudioFailure ? err : failure('AUTH', 'The sign-in failed. Try again.');
}
