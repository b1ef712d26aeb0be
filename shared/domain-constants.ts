/*
 * Constants of domain.ts that the renderer's start-up code uses, in a module without zod
 * (domain.ts re-exports them): importing them does not load zod and every schema.
 */

/**
 * The longest text field of a message or prompt, in characters: four million, about a million
 * tokens (the largest context window served today). One request's text in all is held to the
 * same number (`TEXT_LIMITS` in limits.ts), which sizes the WebSocket frame with the images.
 */
export const MAX_TEXT_CHARS = 4_000_000;

/** Function names as the APIs take them. */
export const TOOL_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
