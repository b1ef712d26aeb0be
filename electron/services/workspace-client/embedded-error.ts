import type { StudioError } from '../../../shared/errors';
import { type ErrorContext, errorFromStreamObject } from './http-errors';

/*
 * Recovers the error a server wrote on the same line as an event it cut off. A model server
 * that fails mid-answer may stop writing a chunk halfway and write its error event without
 * the line break in between, so SSE hands over one `data:` payload such as
 *   {"id":"chatcmpl_1","choices":[{"delta":{"content":"Hel data: {"error_code":"INTERNAL_ERROR","message":"Model server error"}
 * which is not JSON as a whole, yet holds the server's own words about what went wrong.
 * Written by hand: finding a JSON object inside arbitrary text is not something a JSON or SSE
 * library does.
 */

/**
 * Where an embedded object may start: after a `data:` field name, or at an object whose first
 * key is `error_code` or `error`. Inside a JSON string those quotes would be escaped (`\"`),
 * so text the model wrote cannot match.
 */
const CANDIDATE = /data:[ \t]*(?=\{)|(?=\{\s*"error(?:_code)?"\s*:)/g;

/** Candidates tried per payload: a pathological line must not cost more than a few scans. */
const MAX_CANDIDATES = 16;

/**
 * The JSON object text that starts at `start` (a `{`): up to its matching `}`, braces inside
 * strings ignored. Null when the text ends first (the object was cut off too).
 */
export function objectTextAt(text: string, start: number): string | null {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return null;
}

/**
 * The error of the first object embedded in a non-JSON `data:` payload that parses and reads
 * as an error (Databricks' `{error_code, message}`, OpenAI's `{error: …}`), mapped like any
 * error inside a stream; null when there is none (a plain corrupt line).
 */
export function embeddedStreamError(data: string, ctx: ErrorContext = {}): StudioError | null {
  let tried = 0;
  for (const match of data.matchAll(CANDIDATE)) {
    if (++tried > MAX_CANDIDATES) break;
    const start = match.index + match[0].length;
    const objectText = objectTextAt(data, start);
    if (objectText === null) continue;
    let value: unknown;
    try {
      value = JSON.parse(objectText);
    } catch {
      continue;
    }
    const error = errorFromStreamObject(value, ctx);
    if (error) return error;
  }
  return null;
}
