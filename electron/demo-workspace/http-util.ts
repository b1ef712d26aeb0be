import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * HTTP plumbing shared by the demo workspace's routes: the flat Databricks error envelope,
 * JSON responses and a capped body reader.
 */

/** Databricks caps request payloads at 16 MB. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * Invocation bodies may be larger when images make the difference: the 16 MB cap then applies
 * to the rest of the body (see `checkPayloadSize`), so that a message with a few full-size
 * images (5 MB each, the app's limit) goes through. Nothing larger than this is read.
 */
export const MAX_BODY_WITH_IMAGES_BYTES = 96 * 1024 * 1024;

/** The 400 of a payload over the cap. */
export const payloadTooLarge = (size: number): DemoHttpError =>
  new DemoHttpError(400, 'BAD_REQUEST', `Request payload exceeds the 16 MB limit (${size} bytes).`);

/** An error that becomes `{"error_code","message"}` with the given status and headers. */
export class DemoHttpError extends Error {
  readonly status: number;
  readonly errorCode: string;
  readonly headers: Record<string, string>;

  constructor(status: number, errorCode: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'DemoHttpError';
    this.status = status;
    this.errorCode = errorCode;
    this.headers = headers;
  }
}

/** Shorthand for a 400 INVALID_PARAMETER_VALUE. */
export const invalidParameter = (message: string): DemoHttpError =>
  new DemoHttpError(400, 'INVALID_PARAMETER_VALUE', message);

/** Sends a JSON body with the right content type and length. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Sends the flat Databricks error envelope (never OpenAI's nested `{"error":{…}}`). */
export function sendError(res: ServerResponse, error: DemoHttpError): void {
  sendJson(res, error.status, { error_code: error.errorCode, message: error.message }, error.headers);
}

/**
 * Reads the whole body. Past the cap (16 MB unless told) it keeps draining (so the client can
 * still read our answer instead of seeing a reset) but throws a 400 once the body ends.
 */
export function readBody(req: IncomingMessage, cap = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= cap) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > cap) reject(payloadTooLarge(size));
      else resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/** Parses a JSON body; anything unparsable is a 400 MALFORMED_REQUEST. */
export function parseJsonBody(raw: Buffer): unknown {
  const text = raw.toString('utf8');
  if (text.trim() === '') throw new DemoHttpError(400, 'MALFORMED_REQUEST', 'The request body is empty.');
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'invalid JSON';
    throw new DemoHttpError(400, 'MALFORMED_REQUEST', `Malformed JSON in the request body: ${detail}`);
  }
}

/** Type guard for plain JSON objects. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
