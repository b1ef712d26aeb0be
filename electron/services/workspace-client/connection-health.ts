import type { ConnectionHealth } from '../../../shared/domain';
import { describeError, type StudioError } from '../../../shared/errors';

/*
 * Turns the outcome of a workspace call into a ConnectionHealth: what went wrong (DNS, TLS,
 * 401, 403, timeout, refused…) and one concrete thing to try. The words name causes, never
 * tokens or header values.
 */

/** A healthy result, stamped now. */
export const healthyResult = (now: number = Date.now()): ConnectionHealth => ({ ok: true, checkedAt: now });

const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/;

const TLS_FIX =
  "The server's TLS certificate isn't trusted by this machine. If your company inspects TLS traffic, install its root certificate in the system trust store (or point NODE_EXTRA_CA_CERTS at it), then try again.";

/** What failed and what to try, from a network error code (the system's, e.g. ENOTFOUND). */
function fromNetworkCode(code: string): { message: string; fix: string } | null {
  if (code === 'ENOTFOUND' || code === 'EAI_NONAME')
    return {
      message: 'DNS: the host name could not be resolved.',
      fix: "Check the workspace URL's host name.",
    };
  if (code === 'EAI_AGAIN')
    return {
      message: 'DNS: the lookup failed (no answer from the name server).',
      fix: 'Check your network or VPN.',
    };
  if (TLS_CODE.test(code)) return { message: `TLS: the secure connection failed (${code}).`, fix: TLS_FIX };
  if (code === 'ECONNREFUSED')
    return {
      message: 'The connection was refused: nothing is listening at that address.',
      fix: 'Check the URL and port, and that the server is running.',
    };
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ETIMEDOUT')
    return { message: 'The host is unreachable from this network.', fix: 'Check your network or VPN.' };
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET')
    return { message: 'The connection was reset.', fix: 'Check your network or VPN, then try again.' };
  return null;
}

/** What failed and what to try, from the StudioError the client produced. */
function fromError(error: StudioError): { message: string; fix: string } {
  switch (error.code) {
    case 'AUTH':
      return {
        message: 'HTTP 401: the workspace did not accept the credentials.',
        fix: 'Re-enter the token / sign in again.',
      };
    case 'PERMISSION':
      return {
        message: 'HTTP 403: the credentials were refused for this call.',
        fix: 'The token lacks permission or has expired: create a new one, or ask an admin for access to serving endpoints.',
      };
    case 'TIMEOUT':
      return {
        message: 'Timed out waiting for the server.',
        fix: 'Check your network or VPN; the server may be slow or down.',
      };
    case 'NOT_FOUND':
      return { message: describeError(error), fix: 'Check the URL (and its path, e.g. /v1).' };
    case 'NOT_CONFIGURED':
      return { message: error.message, fix: 'Re-enter the token / sign in again.' };
    case 'KEYCHAIN_UNAVAILABLE':
      return { message: error.message, fix: 'Unlock or enable the system keychain, then try again.' };
    default:
      return {
        message: describeError(error),
        fix: 'Try again; if it keeps failing, check the URL and your network.',
      };
  }
}

/**
 * The health a failed call reports. `networkCode` is the system error code when the request
 * never got an HTTP answer (it tells DNS from TLS from refused, which the StudioError alone
 * doesn't).
 */
export function failedResult(
  error: StudioError,
  networkCode?: string,
  now: number = Date.now(),
): ConnectionHealth {
  const described = (networkCode && fromNetworkCode(networkCode)) || fromError(error);
  return { ok: false, checkedAt: now, code: error.code, ...described };
}
