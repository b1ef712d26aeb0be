import { z } from 'zod';

/** A page → host call frame (see ws-protocol.ts); the host checks every call with it. */
export const wsCallSchema = z.object({
  kind: z.literal('call'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  /** Validated by the router against the channel's own schema, so `unknown` here. */
  payload: z.unknown().optional(),
});
