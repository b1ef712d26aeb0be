import { z } from 'zod';
import { EvalSqlError, parseVolumePath, utf8Length } from './eval-sql';
import { MAX_FRAME_BYTES } from './ws-protocol';

/*
 * The Databricks SQL shapes the contract uses (Evaluate's in-workspace path): SQL warehouses,
 * a dataset uploaded to a Unity Catalog volume with the Files API, and statements run through
 * the Statement Execution API (submitted without waiting, polled, results read chunk by chunk,
 * cancelled). Databricks' own JSON is normalised to these on the privileged side.
 */

/**
 * The largest file `files:upload` takes: 48 MiB of UTF-8 (100,000 rows of ~500 bytes). What
 * crosses the loopback WebSocket is the request as JSON, where quotes, backslashes and control
 * characters take more room: that form must fit in one frame (`MAX_FRAME_BYTES`, ~63.4 MiB)
 * with 256 KiB to spare for the path and the framing.
 */
export const UPLOAD_LIMITS = {
  maxBytes: 48 * 1024 * 1024,
  maxJsonBytes: MAX_FRAME_BYTES - 256 * 1024,
} as const;

/** Bytes `text` takes inside a JSON string (UTF-8, escapes included), quotes excluded. */
export function jsonStringBytes(text: string): number {
  let extra = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x5c || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x08 || c === 0x0c)
      extra += 1;
    else if (c < 0x20) extra += 5;
  }
  return utf8Length(text) + extra;
}

/** Why an upload's content can't be sent, or null. */
export function uploadProblem(content: string): string | null {
  const bytes = utf8Length(content);
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  if (bytes > UPLOAD_LIMITS.maxBytes)
    return `The file is ${mib(bytes)}; at most ${mib(UPLOAD_LIMITS.maxBytes)} can be uploaded at once. Use fewer rows or shorter texts.`;
  if (jsonStringBytes(content) > UPLOAD_LIMITS.maxJsonBytes)
    return `The file has too many quotes and line breaks to send in one piece (${mib(jsonStringBytes(content))} once escaped, at most ${mib(UPLOAD_LIMITS.maxJsonBytes)}).`;
  return null;
}

/** The longest statement text the Statement Execution API takes (16 MiB). */
export const MAX_STATEMENT_CHARS = 16 * 1024 * 1024;

/** A warehouse id as Databricks writes them (hex); letters, digits, `-` and `_` are accepted. */
export const warehouseIdSchema = z
  .string()
  .min(1, 'Pick a SQL warehouse.')
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'A warehouse id is letters, digits, "-" and "_".');

/** A statement id (a UUID-like string). */
export const statementIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, 'A statement id is letters, digits, "-" and "_".');

/** A Unity Catalog volume file path, checked as the SQL builder checks it. */
export const volumePathSchema = z
  .string()
  .max(4096)
  .superRefine((path, ctx) => {
    try {
      parseVolumePath(path);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: err instanceof EvalSqlError ? err.message : String(err) });
    }
  });

export const warehouseSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** RUNNING, STOPPED, STARTING, STOPPING, DELETING, DELETED (as Databricks says). */
  state: z.string(),
  /** 2X-Small … 4X-Large; null when the workspace did not say. */
  clusterSize: z.string().nullable(),
  serverless: z.boolean().optional(),
});
export type Warehouse = z.infer<typeof warehouseSchema>;

export const statementStateSchema = z.enum([
  'PENDING',
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'CANCELED',
  'CLOSED',
]);
export type StatementState = z.infer<typeof statementStateSchema>;

/** A failed statement's error, in Databricks' words: `error_code` and the message (`[CLASS] …`). */
export const statementErrorSchema = z.object({ code: z.string(), message: z.string() });

/** A JSON_ARRAY cell: always a string (a struct as its JSON text) or null. */
const cellSchema = z.string().nullable();

export const resultChunkSchema = z.object({
  chunkIndex: z.number().int().nonnegative(),
  rowOffset: z.number().int().nonnegative(),
  rows: z.array(z.array(cellSchema)),
  /** The next chunk to fetch; absent on the last one. */
  nextChunkIndex: z.number().int().nonnegative().optional(),
});
export type ResultChunk = z.infer<typeof resultChunkSchema>;

export const resultColumnSchema = z.object({
  name: z.string(),
  /** STRING, LONG, STRUCT, … */
  typeName: z.string(),
  /** The full type, e.g. STRUCT<result: STRING, errorMessage: STRING>, when given. */
  typeText: z.string().optional(),
});

export const statementStatusSchema = z.object({
  statementId: statementIdSchema,
  state: statementStateSchema,
  /** FAILED: why. */
  error: statementErrorSchema.optional(),
  /** SUCCEEDED: the result's columns, rows and chunks, and its first chunk. */
  columns: z.array(resultColumnSchema).optional(),
  totalRowCount: z.number().int().nonnegative().optional(),
  totalChunkCount: z.number().int().nonnegative().optional(),
  firstChunk: resultChunkSchema.optional(),
});
export type StatementStatus = z.infer<typeof statementStatusSchema>;
