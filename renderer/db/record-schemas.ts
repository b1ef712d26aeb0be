import { z } from 'zod';
import { generationParamsSchema, metricsSchema } from '../../shared/domain';
import { studioErrorSchema } from '../../shared/errors';
import type { ConversationRecord, MessageRecord, PresetRecord, PriceRecord } from './records';

/*
 * zod schemas of the persisted records, per schema version, for validating import files
 * (an export file is user input: it may be hand-edited, truncated or from another app).
 * records.ts stays the source of the types; `SchemasMatchRecords` at the bottom fails to
 * compile if a schema and its record type drift apart.
 */

const id = z.string().min(1).max(200);
const time = z.number().finite();

const messageStatusSchema = z.enum(['done', 'streaming', 'stopped', 'interrupted', 'error']);

const conversationBase = z.object({
  id,
  title: z.string(),
  createdAt: time,
  updatedAt: time,
  endpoint: z.string().nullable(),
  systemPrompt: z.string(),
  params: generationParamsSchema,
});

const messageBase = z.object({
  id,
  conversationId: id,
  parentId: id.nullable(),
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  createdAt: time,
  status: messageStatusSchema.optional(),
  endpoint: z.string().optional(),
  params: generationParamsSchema.optional(),
  model: z.string().nullable().optional(),
  metrics: metricsSchema.nullable().optional(),
  error: studioErrorSchema.nullable().optional(),
  synthetic: z.boolean().optional(),
  costUsd: z.number().nullable().optional(),
});

/** A conversation, version 2 (current). */
export const conversationSchema = conversationBase.extend({
  workspaceId: z.string().nullable(),
  activeLeafId: id.nullable(),
});

/** A message, version 2 (current). */
export const messageSchema = messageBase.extend({
  choices: z.array(z.object({ text: z.string(), finishReason: z.string().nullable() })).optional(),
  selectedChoice: z.number().int().nonnegative().optional(),
});

export const presetSchema = z.object({
  id,
  name: z.string(),
  systemPrompt: z.string(),
  params: generationParamsSchema,
  createdAt: time,
  updatedAt: time,
});

export const priceSchema = z.object({
  endpoint: z.string().min(1),
  inputPerMillion: z.number().nonnegative(),
  outputPerMillion: z.number().nonnegative(),
  updatedAt: time,
});

/** A conversation, version 1: no active branch remembered. */
export const conversationSchemaV1 = conversationBase.extend({
  workspaceId: z.string().nullable().optional(),
});

/** A message, version 1: a single answer with its finish reason. */
export const messageSchemaV1 = messageBase.extend({ finishReason: z.string().nullable().optional() });

/** What every export starts with; read first to pick the schema of the rest. */
export const exportHeaderSchema = z.object({
  format: z.literal('serving-studio-export'),
  schemaVersion: z.number().int().positive(),
  exportedAt: time,
});

/** The body of an export, per schema version. */
export const exportBodySchemas = {
  1: z.object({
    conversations: z.array(conversationSchemaV1),
    messages: z.array(messageSchemaV1),
    presets: z.array(presetSchema),
    // Version 1 had no price table; tolerate one so a hand-made file is not refused for it.
    prices: z.array(priceSchema).optional(),
  }),
  2: z.object({
    conversations: z.array(conversationSchema),
    messages: z.array(messageSchema),
    presets: z.array(presetSchema),
    prices: z.array(priceSchema),
  }),
} as const;

type Holds<T extends true> = T;

/** Compiles only while each schema produces its record type (catches drift from records.ts). */
export type SchemasMatchRecords = [
  Holds<z.infer<typeof conversationSchema> extends ConversationRecord ? true : false>,
  Holds<z.infer<typeof messageSchema> extends MessageRecord ? true : false>,
  Holds<z.infer<typeof presetSchema> extends PresetRecord ? true : false>,
  Holds<z.infer<typeof priceSchema> extends PriceRecord ? true : false>,
];
