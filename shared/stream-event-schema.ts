import { z } from 'zod';
import { metricsSchema, outputItemSchema, usageSchema } from './domain';
import { studioErrorSchema } from './error-schemas';

/**
 * Events of one generation stream, pushed from the privileged side to the renderer.
 *
 * - Every event carries the `streamId` it belongs to and a `seq` that starts at 0 and
 *   increases by one per event of that stream, so the renderer can detect loss or reordering.
 * - `delta` events carry only the new text (never the accumulated text) for one choice;
 *   the emitter coalesces many server chunks into one delta per ~16–33 ms (the renderer's
 *   side of the batching is described with it in renderer/core/stream/stream-client.ts).
 * - Each stream ends in exactly one terminal event: `done`, `error` or `aborted`.
 */
const base = { streamId: z.string(), seq: z.number().int().nonnegative() };

export const streamEventSchema = z.discriminatedUnion('type', [
  /** The request was accepted by the server (first byte); `model` is the served model id. */
  z.object({ ...base, type: z.literal('start'), model: z.string().nullable() }),
  /** New text for choice `index`. */
  z.object({ ...base, type: z.literal('delta'), index: z.number().int().nonnegative(), text: z.string() }),
  /**
   * New reasoning for choice `index`: `text` extends summary part `part` of reasoning item
   * `item` (both counted from 0; a higher number starts a new one). `signature` (or an
   * `encrypted` part's data) arrives once the part is complete, and must be kept with it.
   * Reasoning always comes before the answer text it leads to.
   */
  z.object({
    ...base,
    type: z.literal('reasoning'),
    index: z.number().int().nonnegative(),
    item: z.number().int().nonnegative(),
    part: z.number().int().nonnegative(),
    text: z.string(),
    signature: z.string().optional(),
    encrypted: z.string().optional(),
    /** The Responses API's id of the reasoning item. */
    itemId: z.string().optional(),
  }),
  /** A whole output item of an agent or Responses answer (a tool call or its output), in order. */
  z.object({
    ...base,
    type: z.literal('item'),
    index: z.number().int().nonnegative(),
    item: outputItemSchema,
  }),
  /** Retrying before the first token (429/503/connection), after `delayMs`. */
  z.object({
    ...base,
    type: z.literal('retry'),
    attempt: z.number().int().positive(),
    delayMs: z.number().nonnegative(),
    reason: studioErrorSchema,
  }),
  /** Usage reported by the server (cumulative; the last one wins). */
  z.object({ ...base, type: z.literal('usage'), usage: usageSchema }),
  // ------------------------------------------------------------ terminal events
  /** Finished normally. `finishReasons[i]` is choice i's finish_reason (null when not sent). */
  z.object({
    ...base,
    type: z.literal('done'),
    finishReasons: z.array(z.string().nullable()),
    metrics: metricsSchema,
  }),
  /**
   * Failed. `partial` is true when some text had already arrived: the renderer keeps it and
   * marks it interrupted (never retried silently after the first token).
   */
  z.object({
    ...base,
    type: z.literal('error'),
    error: studioErrorSchema,
    partial: z.boolean(),
    metrics: metricsSchema.nullable(),
  }),
  /** Stopped by the user (or the window closing); the text so far stays. */
  z.object({ ...base, type: z.literal('aborted'), metrics: metricsSchema.nullable() }),
]);
