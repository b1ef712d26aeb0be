import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { failure, StudioFailure } from '../../../shared/errors';
import { embeddedStreamError } from './embedded-error';
import { type ErrorContext, errorFromStreamObject } from './http-errors';

/*
 * Server-sent events → JSON values. `eventsource-parser` does the SSE framing (CR/LF/CRLF,
 * comments, multi-line data, fields split across chunks); a streaming TextDecoder turns raw
 * bytes into text so that a UTF-8 character split across chunks is decoded once, whole.
 * This module only adds what SSE leaves to the application: `[DONE]`, JSON, and error
 * objects that a server sends inside a 200 stream (also when one shares its line with an
 * event the server cut off: embedded-error.ts).
 */

/** Raw response bytes: a fetch body or any async iterable of chunks. */
export type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/** How the stream ended. */
export interface SseEnd {
  /** True when the server sent `data: [DONE]` (the normal end); false when the bytes just ran out. */
  sawDone: boolean;
}

/**
 * A generous cap on one buffered event: a runaway line without newlines (a misbehaving
 * proxy) must not grow memory without bound.
 */
const MAX_BUFFER_CHARS = 16 * 1024 * 1024;

const bad = (message: string) => failure('BAD_RESPONSE', message);

/** Turns one SSE event into a JSON value, or throws StudioFailure (BAD_RESPONSE or a mapped error). */
function decodeEvent(event: EventSourceMessage, ctx: ErrorContext): unknown {
  const data = event.data.trim();
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    // A cut-off event with the server's error written on the same line: report the error.
    const embedded = embeddedStreamError(data, ctx);
    if (embedded) throw new StudioFailure(embedded);
    if (event.event === 'error')
      throw failure('SERVER', `The server reported an error during the response: ${data.slice(0, 300)}`);
    throw bad(`The server sent something that is not JSON in the stream: "${data.slice(0, 80)}".`);
  }
  const error = errorFromStreamObject(value, ctx);
  if (error) throw new StudioFailure(error);
  if (event.event === 'error') throw failure('SERVER', 'The server reported an error during the response.');
  return value;
}

/**
 * Reads an SSE byte stream and yields each event's data parsed as JSON, in order.
 *
 * - Stops at `data: [DONE]` (anything after it is ignored) and returns `{ sawDone: true }`.
 * - Throws StudioFailure: BAD_RESPONSE for non-JSON data or a body that is not SSE at all;
 *   the mapped error (RATE_LIMITED, SERVER…) for an error object inside the stream, also one
 *   embedded in a non-JSON payload after an event the server cut off.
 * - Errors from the byte source (abort, network) propagate unchanged for the caller to map.
 * - Breaking out of the loop cancels the underlying stream.
 */
export async function* readSseJson(
  source: ByteSource,
  ctx: ErrorContext = {},
): AsyncGenerator<unknown, SseEnd> {
  const queue: EventSourceMessage[] = [];
  let oversize = false;
  let strayLines = 0;
  const parser = createParser({
    onEvent: (event) => queue.push(event),
    onError: (err) => {
      // Unknown fields are ignored by the SSE spec; we only count them to notice a body that
      // is not SSE at all (an HTML page behind a 200).
      if (err.type === 'max-buffer-size-exceeded') oversize = true;
      else strayLines++;
    },
    maxBufferSize: MAX_BUFFER_CHARS,
  });
  const decoder = new TextDecoder('utf-8');
  let sawEvent = false;

  function* drain(): Generator<unknown, boolean> {
    if (oversize) throw bad('The server sent an event larger than 16 MB without a line break.');
    while (queue.length) {
      const event = queue.shift()!;
      sawEvent = true;
      const data = event.data.trim();
      if (data === '[DONE]') return true;
      // An empty `data:` is a keep-alive some proxies send; it carries nothing to parse.
      if (data === '') continue;
      yield decodeEvent(event, ctx);
    }
    return false;
  }

  for await (const chunk of source as AsyncIterable<Uint8Array>) {
    parser.feed(decoder.decode(chunk, { stream: true }));
    if (yield* drain()) return { sawDone: true };
  }
  // Flush a trailing partial character, then end the last line and event: a stream that ends
  // with a lone CR or without the final blank line still delivers its last event (and a
  // truncated JSON event surfaces as BAD_RESPONSE instead of vanishing).
  parser.feed(`${decoder.decode()}\n\n`);
  if (yield* drain()) return { sawDone: true };
  if (!sawEvent && strayLines > 0)
    throw bad('The server answered with something that is not an event stream.');
  return { sawDone: false };
}

/** Collects every JSON value of an SSE byte stream (tests and small callers). */
export async function collectSseJson(
  source: ByteSource,
  ctx: ErrorContext = {},
): Promise<{ values: unknown[]; end: SseEnd }> {
  const values: unknown[] = [];
  const iterator = readSseJson(source, ctx);
  for (;;) {
    const step = await iterator.next();
    if (step.done) return { values, end: step.value };
    values.push(step.value);
  }
}
