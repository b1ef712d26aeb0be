import { z } from 'zod';

/**
 * Frames of the browser-mode WebSocket. The page sends calls; the host answers each call
 * with the same `id`, and pushes stream events unprompted. Frames are JSON text.
 */
export const wsCallSchema = z.object({
  kind: z.literal('call'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  /** Validated by the router against the channel's own schema, so `unknown` here. */
  payload: z.unknown().optional(),
});
export type WsCall = z.infer<typeof wsCallSchema>;

/** Host → page. `result` is the router's `Result` for call `id`. */
export type WsFrame = { kind: 'result'; id: number; result: unknown } | { kind: 'event'; event: unknown };

/** The query parameter that carries the per-launch session token in the page URL. */
export const WS_TOKEN_PARAM = 'token';
/** The path of the WebSocket endpoint on the browser-mode host. */
export const WS_PATH = '/bridge';
