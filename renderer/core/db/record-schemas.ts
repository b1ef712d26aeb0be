import { z } from 'zod';
import {
  generationParamsSchema,
  metricsSchema,
  outputItemSchema,
  reasoningItemSchema,
} from '../../../shared/domain';
import { studioErrorSchema } from '../../../shared/error-schemas';
import type {
  CompareSetupRecord,
  ComparisonRecord,
  CompletionRunRecord,
  ConversationRecord,
  ExportedImage,
  ImageAttachment,
  MessageRecord,
  PresetRecord,
  PriceRecord,
  UsageRecord,
  VoteRecord,
} from './records';

/*
 * zod schemas of the persisted records, per schema version, for validating import files
 * (an export file is user input: it may be hand-edited, truncated or from another app).
 * records.ts stays the source of the types; `SchemasMatchRecords` at the bottom fails to
 * compile if a schema and its record type drift apart.
 */

const id = z.string().min(1).max(200);
const time = z.number().finite();

const messageStatusSchema = z.enum(['done', 'streaming', 'stopped', 'interrupted', 'error']);
// Reasoning and output items are optional fields of version 3 records (no index changed, so
// no new schema version): an older file simply has none. Validated with the bridge's own
// schemas, so an imported turn is one the next request can carry.
const outputSchemas = {
  reasoning: z.array(reasoningItemSchema).optional(),
  items: z.array(outputItemSchema).optional(),
};

const choiceSchema = z.object({ text: z.string(), finishReason: z.string().nullable(), ...outputSchemas });

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

const pixels = z.number().int().positive().max(100_000);
const byteCount = z.number().int().nonnegative();

/** A picture's metadata on a message (version 4; its bytes are in the file's `images`). */
export const imageAttachmentSchema = z.object({
  id,
  name: z.string().max(1000),
  mime: z.enum(['image/png', 'image/jpeg', 'image/gif', 'image/webp']),
  width: pixels,
  height: pixels,
  bytes: byteCount,
  originalWidth: pixels,
  originalHeight: pixels,
  originalBytes: byteCount,
});

/** A picture's bytes in an export file, as base64 (version 4). */
export const exportedImageSchema = z.object({
  id,
  ownerId: id,
  mime: imageAttachmentSchema.shape.mime,
  data: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
});

/** A message, version 2 (current; `attachments` since version 4, optional). */
export const messageSchema = messageBase.extend({
  choices: z.array(choiceSchema).optional(),
  selectedChoice: z.number().int().nonnegative().optional(),
  attachments: z.array(imageAttachmentSchema).optional(),
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

const tokens = z.number().int().nonnegative();

/** A Completion pane run (version 3). */
export const completionRunSchema = z.object({
  id,
  createdAt: time,
  updatedAt: time,
  workspaceId: z.string().nullable(),
  endpoint: z.string().min(1),
  prompt: z.string(),
  params: generationParamsSchema,
  status: messageStatusSchema,
  choices: z.array(choiceSchema),
  model: z.string().nullable().optional(),
  metrics: metricsSchema.nullable(),
  error: studioErrorSchema.nullable(),
  synthetic: z.boolean(),
  costUsd: z.number().nullable(),
});

/** One finished response's usage (version 3). */
export const usageSchema = z.object({
  id,
  at: time,
  workspaceId: z.string().nullable(),
  endpoint: z.string().min(1),
  source: z.enum(['chat', 'completion', 'compare', 'embeddings', 'evaluate']),
  promptTokens: tokens,
  completionTokens: tokens,
  costUsd: z.number().nonnegative().nullable(),
});

const comparePaneSetupSchema = z.object({
  id,
  endpoint: z.string().nullable(),
  inheritParams: z.boolean(),
  params: generationParamsSchema,
});

/** A reusable comparison setup (version 3). */
export const compareSetupSchema = z.object({
  id,
  name: z.string(),
  createdAt: time,
  updatedAt: time,
  systemPrompt: z.string(),
  sharedParams: generationParamsSchema,
  panes: z.array(comparePaneSetupSchema),
});

const compareAnswerSchema = z.object({
  turn: z.number().int().nonnegative(),
  content: z.string(),
  status: messageStatusSchema,
  finishReason: z.string().nullable(),
  model: z.string().nullable().optional(),
  metrics: metricsSchema.nullable(),
  error: studioErrorSchema.nullable(),
  costUsd: z.number().nullable(),
  ...outputSchemas,
  params: generationParamsSchema.optional(),
});

/** A saved comparison with every pane's answers (version 3). */
export const comparisonSchema = z.object({
  id,
  title: z.string(),
  createdAt: time,
  updatedAt: time,
  workspaceId: z.string().nullable(),
  systemPrompt: z.string(),
  sharedParams: generationParamsSchema,
  panes: z.array(comparePaneSetupSchema.extend({ answers: z.array(compareAnswerSchema) })),
  turns: z.array(z.string()),
  turnImages: z.array(z.array(imageAttachmentSchema)).optional(),
  blind: z.boolean(),
});

/** A blind-mode vote (version 3). */
export const voteSchema = z.object({
  id,
  comparisonId: id,
  turn: z.number().int().nonnegative(),
  at: time,
  endpoints: z.array(z.string()),
  winner: z.string().nullable(),
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
  3: z.object({
    conversations: z.array(conversationSchema),
    messages: z.array(messageSchema),
    presets: z.array(presetSchema),
    prices: z.array(priceSchema),
    // Optional in the file (StudioExport): a one-conversation export carries none of them.
    completionRuns: z.array(completionRunSchema).default([]),
    usage: z.array(usageSchema).default([]),
    compareSetups: z.array(compareSetupSchema).default([]),
    comparisons: z.array(comparisonSchema).default([]),
    votes: z.array(voteSchema).default([]),
  }),
} as const;

/** The body of a version 4 export: version 3's, plus the pictures' bytes. */
export const exportBodySchemaV4 = exportBodySchemas[3].extend({
  images: z.array(exportedImageSchema).default([]),
});

type Holds<T extends true> = T;

/** Compiles only while each schema produces its record type (catches drift from records.ts). */
export type SchemasMatchRecords = [
  Holds<z.infer<typeof conversationSchema> extends ConversationRecord ? true : false>,
  Holds<z.infer<typeof messageSchema> extends MessageRecord ? true : false>,
  Holds<z.infer<typeof presetSchema> extends PresetRecord ? true : false>,
  Holds<z.infer<typeof priceSchema> extends PriceRecord ? true : false>,
  Holds<z.infer<typeof completionRunSchema> extends CompletionRunRecord ? true : false>,
  Holds<z.infer<typeof usageSchema> extends UsageRecord ? true : false>,
  Holds<z.infer<typeof compareSetupSchema> extends CompareSetupRecord ? true : false>,
  Holds<z.infer<typeof comparisonSchema> extends ComparisonRecord ? true : false>,
  Holds<z.infer<typeof voteSchema> extends VoteRecord ? true : false>,
  Holds<z.infer<typeof exportedImageSchema> extends ExportedImage ? true : false>,
  Holds<z.infer<typeof imageAttachmentSchema> extends ImageAttachment ? true : false>,
];
