import { describe, expect, it } from 'vitest';
import {
  embeddedStreamError,
  objectTextAt,
} from '../../../../../electron/services/workspace-client/embedded-error';

/* An error object found inside a `data:` payload that is not JSON as a whole. */

const CUT =
  '{"id":"chatcmpl_7b1e","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hel';
const ERROR = '{"error_code":"INTERNAL_ERROR","message":"Model server error"}';
const ctx = { endpoint: 'databricks-meta-llama-3-1-70b-instruct' };

describe('objectTextAt', () => {
  it('ends at the matching brace, ignoring braces and escaped quotes inside strings', () => {
    const text = 'x{"a":"}{\\"","b":{"c":1}} tail';
    expect(objectTextAt(text, 1)).toBe('{"a":"}{\\"","b":{"c":1}}');
  });

  it('is null for an object that was cut off too', () => {
    expect(objectTextAt('{"a":{"b":1}', 0)).toBeNull();
  });
});

describe('embeddedStreamError', () => {
  it('recovers the server’s error from the line in the issue (cut-off chunk, then `data: {…}`)', () => {
    const error = embeddedStreamError(`${CUT}data: ${ERROR}`, ctx);
    expect(error).toMatchObject({ code: 'SERVER', status: 500, serverCode: 'INTERNAL_ERROR' });
    expect(error?.serverMessage).toBe('Model server error');
  });

  it('recovers a bare `{"error_code"…}` and OpenAI’s `{"error": {…}}` after a cut-off chunk', () => {
    expect(embeddedStreamError(`${CUT}${ERROR}`, ctx)?.serverMessage).toBe('Model server error');
    const openai = '{"error":{"message":"The server had an error while processing","type":"server_error"}}';
    expect(embeddedStreamError(`${CUT}\n${openai}`, ctx)).toMatchObject({
      code: 'SERVER',
      serverCode: 'server_error',
    });
  });

  it('maps the embedded error like any error in a stream (a rate limit stays a rate limit)', () => {
    const limit =
      '{"error_code":"REQUEST_LIMIT_EXCEEDED","message":"Exceeded workspace output tokens per minute rate limit."}';
    expect(embeddedStreamError(`${CUT}data: ${limit}`, ctx)).toMatchObject({
      code: 'RATE_LIMITED',
      limit: 'output-tokens',
    });
  });

  it('skips embedded objects that are not errors, and finds the error after them', () => {
    const chunk = '{"id":"chatcmpl_2","choices":[]}';
    expect(embeddedStreamError(`${CUT}data: ${chunk}data: ${ERROR}`, ctx)?.serverCode).toBe('INTERNAL_ERROR');
    expect(embeddedStreamError(`${CUT}data: ${chunk}`, ctx)).toBeNull();
  });

  it('is null for a plain corrupt line, a cut-off error, and model text that mentions errors', () => {
    expect(embeddedStreamError('this is not json', ctx)).toBeNull();
    expect(embeddedStreamError(`${CUT}data: {"error_code":"INTERNAL_ERROR","mess`, ctx)).toBeNull();
    // Quotes inside a JSON string are escaped, so the model's own text never counts as an error.
    expect(embeddedStreamError(`${CUT} {\\"error_code\\":\\"X\\",\\"message\\":\\"m\\"}`, ctx)).toBeNull();
  });
});
