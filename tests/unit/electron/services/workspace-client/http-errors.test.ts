import { describe, expect, it } from 'vitest';
import {
  errorFromResponse,
  errorFromStreamObject,
  parseRetryAfter,
  rateLimitKind,
} from '../../../../../electron/services/workspace-client/http-errors';
import { describeError } from '../../../../../shared/errors';

const body = (error_code: string, message: string) => JSON.stringify({ error_code, message, details: [] });
const ctx = {
  endpoint: 'databricks-meta-llama-3-1-70b-instruct',
  host: 'https://adb-123.4.azuredatabricks.net',
};

describe('errorFromResponse', () => {
  it('401 → AUTH', () => {
    const e = errorFromResponse({ status: 401, body: body('UNAUTHENTICATED', 'Invalid token') }, ctx);
    expect(e).toMatchObject({ code: 'AUTH', status: 401, serverCode: 'UNAUTHENTICATED' });
    expect(e.message).toContain('The workspace rejected the token');
  });

  it('403 → PERMISSION, mentioning that an expired or invalid token also answers 403', () => {
    const e = errorFromResponse(
      { status: 403, body: body('PERMISSION_DENIED', 'User does not have permission') },
      ctx,
    );
    expect(e).toMatchObject({ code: 'PERMISSION', status: 403, serverCode: 'PERMISSION_DENIED' });
    expect(e.message).toMatch(/expired or invalid token/);
    expect(e.message).toContain(ctx.endpoint);
  });

  it('404 → NOT_FOUND naming the endpoint and mentioning retired models', () => {
    const e = errorFromResponse(
      { status: 404, body: body('RESOURCE_DOES_NOT_EXIST', 'Endpoint not found') },
      {
        endpoint: 'databricks-dbrx-instruct',
      },
    );
    expect(e).toMatchObject({
      code: 'NOT_FOUND',
      status: 404,
      serverCode: 'RESOURCE_DOES_NOT_EXIST',
      serverMessage: 'Endpoint not found',
    });
    expect(e.retired).toBeUndefined();
    expect(e.message).toContain('"databricks-dbrx-instruct"');
    expect(e.message).toMatch(/retired/);
  });

  it('404 "has been retired" → NOT_FOUND flagged retired, advising another model, the server\'s words kept', () => {
    const said = 'The endpoint databricks-dbrx-instruct has been retired. Please use another model.';
    const e = errorFromResponse(
      { status: 404, body: body('RESOURCE_DOES_NOT_EXIST', said) },
      { endpoint: 'databricks-dbrx-instruct' },
    );
    expect(e).toMatchObject({ code: 'NOT_FOUND', retired: true, status: 404, serverMessage: said });
    expect(e.message).toMatch(/retired\. Pick another model\./);
    // The advice does not repeat the server: describeError puts its words first, once.
    expect(e.message).not.toContain(said);
    expect(describeError(e).indexOf(said)).toBeLessThan(describeError(e).indexOf('Pick another model'));
  });

  it('501 NOT_IMPLEMENTED "no longer available" (AI Gateway) → NOT_FOUND flagged retired', () => {
    const said = "'databricks-meta-llama-3-1-405b-instruct' is no longer available";
    const e = errorFromResponse({ status: 501, body: body('NOT_IMPLEMENTED', said) }, ctx);
    expect(e).toMatchObject({ code: 'NOT_FOUND', retired: true, status: 501, serverMessage: said });
    // Any other 501 stays a server error.
    expect(errorFromResponse({ status: 501, body: body('NOT_IMPLEMENTED', 'nope') }).code).toBe('SERVER');
  });

  it('409 → CONFLICT with the server message', () => {
    const e = errorFromResponse({
      status: 409,
      body: body('RESOURCE_ALREADY_EXISTS', 'Endpoint my-llama-pt exists'),
    });
    expect(e).toMatchObject({ code: 'CONFLICT', status: 409, serverCode: 'RESOURCE_ALREADY_EXISTS' });
    expect(describeError(e)).toContain('Endpoint my-llama-pt exists');
  });

  // Each limit is named exactly as the server's message names it; the period is never guessed.
  it.each([
    [
      'Exceeded workspace QPS rate limit for databricks-meta-llama-3-1-70b-instruct',
      'queries',
      /queries-per-second/,
    ],
    [
      'Exceeded workspace queries per minute rate limit for databricks-meta-llama-3-1-70b-instruct',
      'queries-per-minute',
      /queries-per-minute/,
    ],
    ['Exceeded workspace QPM rate limit.', 'queries-per-minute', /queries-per-minute/],
    ['Exceeded workspace queries per hour rate limit.', 'queries-per-hour', /queries-per-hour/],
    ['Exceeded workspace input tokens per minute rate limit.', 'input-tokens', /input-tokens-per-minute/],
    ['Exceeded workspace output tokens per minute rate limit.', 'output-tokens', /output-tokens-per-minute/],
    ['Too many requests', 'unknown', /a rate limit/],
    ['Exceeded workspace query rate limit.', 'unknown', /a rate limit/],
  ] as const)('429 "%s" → RATE_LIMITED limit=%s', (message, limit, label) => {
    const e = errorFromResponse(
      { status: 429, headers: { 'Retry-After': '7' }, body: body('REQUEST_LIMIT_EXCEEDED', message) },
      ctx,
    );
    expect(e).toMatchObject({
      code: 'RATE_LIMITED',
      limit,
      retryAfterSec: 7,
      status: 429,
      serverCode: 'REQUEST_LIMIT_EXCEEDED',
      serverMessage: message,
    });
    expect(e.message).toContain(ctx.endpoint);
    expect(e.message).toMatch(label);
    if (limit !== 'queries') expect(e.message).not.toMatch(/per-second/);
  });

  it('429 without Retry-After has no retryAfterSec; Headers objects are read too', () => {
    expect(
      errorFromResponse({ status: 429, headers: new Headers(), body: '' }).retryAfterSec,
    ).toBeUndefined();
    const e = errorFromResponse({ status: 503, headers: new Headers({ 'retry-after': '3' }), body: '' });
    expect(e).toMatchObject({ code: 'UNAVAILABLE', retryAfterSec: 3 });
  });

  it.each([
    'Input is too long.',
    "This model's maximum context length is 8192 tokens.",
    'Prompt is too long: 140000 tokens > 131072 maximum',
  ])('400 "%s" → CONTEXT_TOO_LONG with guidance', (message) => {
    const e = errorFromResponse({ status: 400, body: body('BAD_REQUEST', message) }, ctx);
    expect(e).toMatchObject({
      code: 'CONTEXT_TOO_LONG',
      status: 400,
      serverCode: 'BAD_REQUEST',
      serverMessage: message,
    });
    expect(e.message).toMatch(/Shorten/);
    expect(e.message).toMatch(/larger context/);
  });

  it('other 400 → BAD_PARAMETER quoting the server', () => {
    const e = errorFromResponse({
      status: 400,
      body: body('INVALID_PARAMETER_VALUE', 'temperature must be between 0 and 2'),
    });
    expect(e).toMatchObject({
      code: 'BAD_PARAMETER',
      serverCode: 'INVALID_PARAMETER_VALUE',
      serverMessage: 'temperature must be between 0 and 2',
    });
    expect(describeError(e)).toBe(
      'The server said: “temperature must be between 0 and 2” The server refused the request.',
    );
  });

  it('503 → UNAVAILABLE, other 5xx → SERVER', () => {
    expect(
      errorFromResponse({ status: 503, body: body('TEMPORARILY_UNAVAILABLE', 'scaling') }),
    ).toMatchObject({
      code: 'UNAVAILABLE',
      serverCode: 'TEMPORARILY_UNAVAILABLE',
    });
    expect(errorFromResponse({ status: 500, body: '' })).toMatchObject({ code: 'SERVER', status: 500 });
    expect(errorFromResponse({ status: 502, body: '' }).message).toContain('HTTP 502');
  });

  it('tolerates an HTML body without quoting it', () => {
    const html = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>';
    const e = errorFromResponse({ status: 502, body: html });
    expect(e.code).toBe('SERVER');
    expect(e.message).not.toContain('<');
    expect(e.serverMessage).toBeUndefined();
    const e400 = errorFromResponse({ status: 400, body: '<html><body>Bad</body></html>' });
    expect(e400).toMatchObject({ code: 'BAD_PARAMETER' });
    expect(e400.message).toContain('HTTP 400');
  });

  it('tolerates an empty or missing body', () => {
    expect(errorFromResponse({ status: 404, body: '' }, { endpoint: 'x' })).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(errorFromResponse({ status: 401 })).toMatchObject({ code: 'AUTH', status: 401 });
    expect(errorFromResponse({ status: 418, body: '   ' })).toMatchObject({
      code: 'BAD_PARAMETER',
      status: 418,
    });
  });

  it('reads a FastAPI-style `detail` body from a custom model', () => {
    expect(
      errorFromResponse({ status: 422, body: '{"detail":"field required: inputs"}' }).serverMessage,
    ).toBe('field required: inputs');
  });

  it('reads the OpenAI envelope', () => {
    const e = errorFromResponse({
      status: 429,
      body: JSON.stringify({
        error: {
          message: 'Exceeded input tokens per minute',
          type: 'rate_limit',
          code: 'RESOURCE_EXHAUSTED',
        },
      }),
    });
    expect(e).toMatchObject({
      code: 'RATE_LIMITED',
      limit: 'input-tokens',
      serverCode: 'RESOURCE_EXHAUSTED',
    });
  });

  it('quotes plain-text bodies, capped in length and on one line', () => {
    const e = errorFromResponse({ status: 400, body: `bad\n\nthing ${'x'.repeat(1000)}` });
    expect(e.serverMessage).toMatch(/^bad thing x+…$/);
    expect(e.serverMessage?.length).toBeLessThan(400);
  });

  it('tolerates JSON that is not an envelope (arrays, numbers, null)', () => {
    for (const b of ['[1,2]', '42', 'null', '{"foo":1}']) {
      expect(errorFromResponse({ status: 400, body: b }).code).toBe('BAD_PARAMETER');
    }
  });

  it('never includes tokens or headers in the message', () => {
    const e = errorFromResponse({
      status: 401,
      headers: { Authorization: 'Bearer dapi-secret', 'Retry-After': '1' },
      body: body('UNAUTHENTICATED', 'bad'),
    });
    expect(JSON.stringify(e)).not.toContain('dapi-secret');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates; ignores garbage', () => {
    expect(parseRetryAfter('5')).toBe(5);
    expect(parseRetryAfter('1.2')).toBe(2);
    expect(parseRetryAfter(' 0 ')).toBe(0);
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', now)).toBe(10);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:27:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('')).toBeUndefined();
  });
});

describe('rateLimitKind', () => {
  it('names the limit', () => {
    expect(rateLimitKind('Exceeded workspace QPS rate limit')).toBe('queries');
    expect(rateLimitKind('Exceeded workspace queries per minute rate limit for x')).toBe(
      'queries-per-minute',
    );
    expect(rateLimitKind('input tokens per minute')).toBe('input-tokens');
    expect(rateLimitKind('OUTPUT TOKENS PER MINUTE')).toBe('output-tokens');
    expect(rateLimitKind(undefined)).toBe('unknown');
  });
});

describe('errorFromStreamObject', () => {
  it('maps error objects found inside a 200 stream, inferring status from error_code', () => {
    expect(errorFromStreamObject({ error_code: 'TEMPORARILY_UNAVAILABLE', message: 'x' })).toMatchObject({
      code: 'UNAVAILABLE',
      status: 503,
    });
    expect(errorFromStreamObject({ error_code: 'SOMETHING_NEW', message: 'odd' })).toMatchObject({
      code: 'SERVER',
      serverCode: 'SOMETHING_NEW',
    });
    expect(errorFromStreamObject({ error: 'plain' })?.serverMessage).toBe('plain');
  });

  it('says an internal error came during the response, not as an HTTP status that never came', () => {
    const error = errorFromStreamObject({ error_code: 'INTERNAL_ERROR', message: 'GPU lost' });
    expect(error).toMatchObject({ code: 'SERVER', status: 500, serverMessage: 'GPU lost' });
    expect(error?.message).toBe('The workspace had an internal error during the response (INTERNAL_ERROR).');
    expect(error?.message).not.toContain('HTTP');
  });

  it('returns null for ordinary chunks, even with a bare `message` field', () => {
    expect(errorFromStreamObject({ message: 'a chunk field, not an error' })).toBeNull();
    expect(errorFromStreamObject({ choices: [], model: 'm' })).toBeNull();
    expect(errorFromStreamObject({ choices: [], error: null })).toBeNull();
    expect(errorFromStreamObject([1])).toBeNull();
    expect(errorFromStreamObject('x')).toBeNull();
  });

  it("reads the Responses API's error event, with OpenAI's lower-case codes, and not its other events", () => {
    expect(
      errorFromStreamObject({
        type: 'error',
        code: 'rate_limit_exceeded',
        message: 'Slow down',
        param: null,
      }),
    ).toMatchObject({ code: 'RATE_LIMITED', status: 429, serverCode: 'rate_limit_exceeded' });
    expect(errorFromStreamObject({ type: 'error', message: 'Something broke' })).toMatchObject({
      code: 'SERVER',
      serverMessage: 'Something broke',
    });
    expect(errorFromStreamObject({ type: 'response.output_text.delta', delta: 'x' })).toBeNull();
    expect(errorFromStreamObject({ type: 'response.created', response: { error: null } })).toBeNull();
    // Anthropic-style bodies keep their nested error.
    expect(
      errorFromStreamObject({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
    ).toMatchObject({ serverCode: 'overloaded_error', serverMessage: 'Overloaded' });
  });
});
