import type { z } from 'zod';
import type { streamEventSchema } from './stream-event-schema';

/*
 * Stream events' types and the helpers the renderer runs on them. No zod here (this is the
 * renderer's start-up code): the schema, and the events' description, are in
 * stream-event-schema.ts.
 */

export type StreamEvent = z.infer<typeof streamEventSchema>;
export type StreamEventType = StreamEvent['type'];

/** Distributes Omit over the union so each variant keeps its own fields. */
export type StreamEventBody = StreamEvent extends infer E
  ? E extends StreamEvent
    ? Omit<E, 'streamId' | 'seq'>
    : never
  : never;

export const TERMINAL_EVENT_TYPES = ['done', 'error', 'aborted'] as const;
export type TerminalEventType = (typeof TERMINAL_EVENT_TYPES)[number];
/** A stream's one terminal event. */
export type TerminalStreamEvent = Extract<StreamEvent, { type: TerminalEventType }>;

export const isTerminalEvent = (e: { type: string }): boolean =>
  (TERMINAL_EVENT_TYPES as readonly string[]).includes(e.type);
