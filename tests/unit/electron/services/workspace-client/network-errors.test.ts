import { describe, expect, it } from 'vitest';
import {
  errorFromNetwork,
  timeoutError,
} from '../../../../../electron/services/workspace-client/network-errors';

describe('errorFromNetwork', () => {
  const fetchFailed = (code: string) =>
    Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });
  const host = { host: 'https://myws.cloud.databricks.com' };

  it('ENOTFOUND → NETWORK "Could not resolve host" naming the host, not retryable', () => {
    const { error, retryable } = errorFromNetwork(fetchFailed('ENOTFOUND'), host);
    expect(error.code).toBe('NETWORK');
    expect(error.message).toContain('Could not resolve host myws.cloud.databricks.com');
    expect(retryable).toBe(false);
  });

  it('ECONNREFUSED and resets are retryable NETWORK errors naming the host', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET']) {
      const { error, retryable } = errorFromNetwork(fetchFailed(code), host);
      expect(error.code).toBe('NETWORK');
      expect(error.message).toContain('myws.cloud.databricks.com');
      expect(retryable).toBe(true);
    }
  });

  it('finds a code inside an AggregateError (happy eyeballs)', () => {
    const agg = new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], 'all failed');
    const err = new TypeError('fetch failed', { cause: agg });
    expect(errorFromNetwork(err, host).error.message).toContain('refused');
  });

  it('TLS failures → NETWORK mentioning TLS, not retryable', () => {
    const { error, retryable } = errorFromNetwork(fetchFailed('SELF_SIGNED_CERT_IN_CHAIN'), host);
    expect(error.message).toMatch(/TLS/);
    expect(retryable).toBe(false);
  });

  it("undici's own timeouts → TIMEOUT", () => {
    expect(errorFromNetwork(fetchFailed('UND_ERR_CONNECT_TIMEOUT'), host).error.code).toBe('TIMEOUT');
    expect(errorFromNetwork(fetchFailed('UND_ERR_HEADERS_TIMEOUT'), host).error.code).toBe('TIMEOUT');
  });

  it('unknown errors → generic NETWORK; never quotes the raw error text', () => {
    const { error } = errorFromNetwork(new Error('https://user:secret@host/x'), host);
    expect(error.code).toBe('NETWORK');
    expect(error.message).not.toContain('secret');
  });
});

describe('timeoutError', () => {
  it('names the phase and the wait', () => {
    expect(timeoutError('idle', 60_000, { host: 'https://h.example' }).message).toContain(
      'more of the response from h.example after 60 s',
    );
    expect(timeoutError('first-byte', 250).message).toContain('first response');
    expect(timeoutError('connect', undefined).code).toBe('TIMEOUT');
    // Headers that never came: an answer is missing, not (necessarily) the connection.
    expect(timeoutError('connect', 3_000, { host: 'https://h.example' }).message).toMatch(
      /^Timed out waiting for an answer from h\.example after 3 s\. /,
    );
  });
});
