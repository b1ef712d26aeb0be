import * as oauth from 'oauth4webapi';
import { failure, StudioFailure } from '../../../shared/errors';
import { DATABRICKS_CLI_CLIENT_ID, discover, oauthReason, requestOptions } from './discovery';

/*
 * The token endpoint calls after sign-in: refresh (U2M) and client credentials (M2M). Every
 * answer is validated by oauth4webapi; errors never carry a token or a secret.
 */

/** An access token and when it stops working (epoch ms). */
export interface AccessToken {
  token: string;
  expiresAt: number;
}

/** Answers without `expires_in` are treated as valid for this long. */
const DEFAULT_LIFETIME_SEC = 3600;

/** Turns a validated token response into an AccessToken (+ the refresh token, if any). */
export function fromResponse(response: oauth.TokenEndpointResponse): AccessToken & { refreshToken?: string } {
  const lifetime = response.expires_in ?? DEFAULT_LIFETIME_SEC;
  const result: AccessToken & { refreshToken?: string } = {
    token: response.access_token,
    expiresAt: Date.now() + lifetime * 1000,
  };
  if (response.refresh_token) result.refreshToken = response.refresh_token;
  return result;
}

/** invalid_grant / invalid_client (the credentials themselves are bad) vs. anything else. */
const isRejected = (err: unknown) =>
  err instanceof oauth.ResponseBodyError &&
  ['invalid_grant', 'invalid_client', 'unauthorized_client'].includes(err.error);

/** Uses a refresh token. The answer may rotate the refresh token. */
export async function refreshAccessToken(host: string, refreshToken: string) {
  const as = await discover(host);
  const client: oauth.Client = { client_id: DATABRICKS_CLI_CLIENT_ID };
  try {
    const response = await oauth.refreshTokenGrantRequest(
      as,
      client,
      oauth.None(),
      refreshToken,
      requestOptions(host),
    );
    return fromResponse(await oauth.processRefreshTokenResponse(as, client, response));
  } catch (err) {
    if (isRejected(err)) throw failure('AUTH', 'Your sign-in has expired or was revoked: sign in again.');
    throw failure('NETWORK', `Couldn't refresh the sign-in with ${host} (${oauthReason(err)}).`);
  }
}

/**
 * Machine-to-machine: POST {host}/oidc/v1/token with HTTP Basic client_id:client_secret,
 * grant_type=client_credentials, scope=all-apis.
 */
export async function clientCredentialsToken(host: string, clientId: string, clientSecret: string) {
  const as = await discover(host);
  const client: oauth.Client = { client_id: clientId };
  try {
    const response = await oauth.clientCredentialsGrantRequest(
      as,
      client,
      oauth.ClientSecretBasic(clientSecret),
      { scope: 'all-apis' },
      requestOptions(host),
    );
    return fromResponse(await oauth.processClientCredentialsResponse(as, client, response));
  } catch (err) {
    if (err instanceof StudioFailure) throw err;
    if (isRejected(err))
      throw failure(
        'AUTH',
        `${host} rejected this client id and secret. Check the service principal's OAuth secret.`,
      );
    throw failure('NETWORK', `Couldn't get a token from ${host} (${oauthReason(err)}).`);
  }
}
