import type { z } from 'zod';
import { IMAGE_LIMITS, TEXT_LIMITS } from './limits';
import type { wsCallSchema } from './ws-call-schema';

/**
 * Frames of the browser-mode WebSocket. The page sends calls; the host answers each call
 * with the same `id`, and pushes stream events unprompted. Frames are JSON text.
 * Page → host: a call (checked by the host with `wsCallSchema`, ws-call-schema.ts).
 */
export type WsCall = z.infer<typeof wsCallSchema>;

/** Host → page. `result` is the router's `Result` for call `id`. */
export type WsFrame = { kind: 'result'; id: number; result: unknown } | { kind: 'event'; event: unknown };

/** The query parameter that carries the per-launch session token in the page URL. */
export const WS_TOKEN_PARAM = 'token';
/** The path of the WebSocket endpoint on the browser-mode host. */
export const WS_PATH = '/bridge';

/**
 * One frame's bound, in bytes: the largest legitimate request — the images one chat request
 * may carry (50 MB encoded) plus its text at the contract's cap (4 million characters, at most
 * 3 bytes each in UTF-8) plus 2 MB for parameters, tools and framing: about 63.5 MB. A bigger
 * frame closes the socket (1009) as soon as its header says so, before it is read; the page
 * refuses to send one in the first place, with words (`frameTooLargeMessage`).
 */
export const MAX_FRAME_BYTES =
  IMAGE_LIMITS.maxRequestEncodedBytes + 3 * TEXT_LIMITS.maxRequestChars + 2 * 1024 * 1024;

/** The byte length of a frame in UTF-8, counted only when it could be over the bound. */
export function frameTooLarge(frame: string): boolean {
  if (frame.length * 3 <= MAX_FRAME_BYTES) return false;
  if (frame.length > MAX_FRAME_BYTES) return true;
  return new TextEncoder().encode(frame).length > MAX_FRAME_BYTES;
}

export const frameTooLargeMessage = (): string =>
  `This request is larger than one request can be (${Math.floor(MAX_FRAME_BYTES / (1024 * 1024))} MB). ` +
  'Remove some images or text, or start a new conversation.';
