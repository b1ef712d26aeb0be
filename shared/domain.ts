import { z } from 'zod';
import { MAX_TEXT_CHARS, TOOL_NAME_PATTERN } from './domain-constants';

export { MAX_TEXT_CHARS, TOOL_NAME_PATTERN };

/*
 * Domain types shared by the renderer and the privileged side. Schemas are zod so that the
 * router can validate what crosses the bridge; the TypeScript types are inferred from them,
 * never written twice.
 */

// ---------------------------------------------------------------- workspaces

/**
 * How a workspace profile authenticates:
 * - `demo`: the embedded demo workspace;
 * - `pat`: a Databricks personal access token (keychain);
 * - `oauth`: OAuth user-to-machine sign-in like the Databricks CLI (refresh token in the keychain);
 * - `service-principal`: OAuth machine-to-machine, client id + secret (secret in the keychain);
 * - `openai`: any OpenAI-compatible server (`host` is its base URL, e.g. http://localhost:8000/v1),
 *   with an optional API key (keychain).
 */
export const authKindSchema = z.enum(['demo', 'pat', 'oauth', 'service-principal', 'openai']);
export type AuthKind = z.infer<typeof authKindSchema>;

/** A workspace profile as stored on disk: never a secret. */
/**
 * Where a profile's secret lives when it is not in the keychain (imported while no keychain was
 * available): the privileged side reads it from there at each request, as the Databricks CLI
 * does. A reference, never a value: no secret is ever stored in the profile.
 */
export const secretSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('databrickscfg'), path: z.string().max(4096), profile: z.string().max(256) }),
  z.object({ kind: z.literal('env') }),
]);
export type SecretSource = z.infer<typeof secretSourceSchema>;

export const workspaceProfileSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(100),
  /** Normalised: https://host, no trailing slash. The demo profile's host is filled at runtime. */
  host: z.string(),
  authKind: authKindSchema,
  createdAt: z.number().int(),
  /** Service principal or OAuth client id (not a secret). */
  clientId: z.string().max(256).optional(),
  /** Set when the secret is read from ~/.databrickscfg or DATABRICKS_* instead of the keychain. */
  secretSource: secretSourceSchema.optional(),
});
export type WorkspaceProfile = z.infer<typeof workspaceProfileSchema>;

/** Whether the workspace's last call succeeded, and if not why and what to try. */
export const connectionHealthSchema = z.object({
  ok: z.boolean(),
  checkedAt: z.number(),
  /** For failures: the error code (NETWORK, TIMEOUT, AUTH, PERMISSION…). */
  code: z.string().optional(),
  /** What went wrong, in words (DNS, TLS, 401, 403, timeout…). */
  message: z.string().optional(),
  /** The fix to try. */
  fix: z.string().optional(),
});
export type ConnectionHealth = z.infer<typeof connectionHealthSchema>;

/** What the renderer is told about a workspace: the profile plus whether a secret is stored. */
export const workspaceSummarySchema = workspaceProfileSchema.extend({
  isDemo: z.boolean(),
  hasSecret: z.boolean(),
  /** Null until the first call. */
  health: connectionHealthSchema.nullable().optional(),
});

/** A profile found in ~/.databrickscfg or the environment that the user may import. */
export const importableProfileSchema = z.object({
  /** Stable id for the import request, e.g. `cfg:DEFAULT` or `env`. */
  id: z.string(),
  source: z.enum(['databrickscfg', 'env']),
  /** The section name (or "environment"). */
  profileName: z.string(),
  host: z.string().nullable(),
  authKind: authKindSchema.nullable(),
  /** Whether a token or client secret is present (its value never crosses the bridge). */
  hasSecret: z.boolean(),
  isDefault: z.boolean(),
  /** Why it can't be imported as is (missing host, unsupported auth_type…). */
  problems: z.array(z.string()),
});
export type ImportableProfile = z.infer<typeof importableProfileSchema>;
export type WorkspaceSummary = z.infer<typeof workspaceSummarySchema>;

// ---------------------------------------------------------------- endpoints

export const endpointKindSchema = z.enum([
  'pay-per-token',
  'provisioned-throughput',
  'external',
  'custom',
  'unknown',
]);
export type EndpointKind = z.infer<typeof endpointKindSchema>;

/** What the app can do with an endpoint, derived from its `task`. */
export const taskKindSchema = z.enum(['chat', 'completions', 'embeddings', 'other']);
export type TaskKind = z.infer<typeof taskKindSchema>;

export const endpointReadySchema = z.enum(['READY', 'NOT_READY', 'UNKNOWN']);
export type EndpointReady = z.infer<typeof endpointReadySchema>;

/** A serving endpoint, normalised from whatever the server answered (every field optional there). */
export const endpointSchema = z.object({
  name: z.string(),
  kind: endpointKindSchema,
  /** The raw task string (e.g. `llm/v1/chat`), null when the endpoint has none. */
  task: z.string().nullable(),
  taskKind: taskKindSchema,
  ready: endpointReadySchema,
  /** `state.config_update` as the server said it, null when absent. */
  configUpdate: z.string().nullable(),
  /** The first served entity's model: foundation model name, external model name or entity name. */
  model: z.string().nullable(),
  /** A human label when the server gave one (foundation_model.display_name). */
  displayName: z.string().nullable(),
  creator: z.string().nullable(),
  createdAt: z.number().nullable(),
  /** Context window in tokens when known (from the server or the app's own table). */
  contextWindow: z.number().int().positive().nullable(),
  /** Provisioned model units or throughput band when provisioned. */
  provisionedUnits: z.number().nullable(),
  /** Things that looked odd in the server's answer (unexpected types…), shown, never fatal. */
  warnings: z.array(z.string()),
  // ---- served-entity details (optional: older callers and odd servers may not fill them)
  /** The served entity's Unity Catalog name, e.g. system.ai.meta_llama_3_1_70b_instruct. */
  entityName: z.string().nullable().optional(),
  entityVersion: z.string().nullable().optional(),
  /** Provisioned throughput band in tokens/s (older PT form). */
  minThroughput: z.number().nullable().optional(),
  maxThroughput: z.number().nullable().optional(),
  scaleToZero: z.boolean().nullable().optional(),
  /** A server message about the last config update (e.g. why it failed), when it sent one. */
  stateMessage: z.string().nullable().optional(),
  /**
   * The wire protocol a chat is sent with: the model's known one, or `responses` once the
   * endpoint answered that it takes only the Responses API. Absent for embeddings and
   * completions endpoints (and from older hosts).
   */
  protocol: z.enum(['chat-completions', 'responses']).optional(),
});
export type Endpoint = z.infer<typeof endpointSchema>;

// ---------------------------------------------------------------- provisioned throughput

/** `get-model-optimization-info`: how a model can be provisioned. */
export const optimizationInfoSchema = z.object({
  optimizable: z.boolean(),
  modelType: z.string().nullable(),
  /** Older form: throughput bands in multiples of this many tokens/s. */
  throughputChunkSize: z.number().positive().nullable(),
  /** Newer form: model units are provisioned in multiples of this (usually 1). */
  modelUnitChunkSize: z.number().positive().nullable(),
});
export type OptimizationInfo = z.infer<typeof optimizationInfoSchema>;

const servingName = z
  .string()
  .min(1, 'Give the endpoint a name.')
  .max(63, 'Endpoint names are at most 63 characters.')
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_-]*$/,
    'Endpoint names use letters, digits, "-" and "_", and start with a letter or digit.',
  );

/**
 * The size and model of a provisioned-throughput endpoint. Either `provisionedModelUnits`
 * (the /pt API) or a throughput band `min/maxProvisionedThroughput` (the older form).
 */
export const ptConfigSchema = z.object({
  entityName: z.string().min(1, 'Pick a model.').max(512),
  entityVersion: z.string().min(1, 'Pick a model version.').max(64),
  /** The served entity's own name inside the endpoint; derived from the model when absent. */
  servedEntityName: z.string().max(63).optional(),
  provisionedModelUnits: z.number().int().positive().optional(),
  minProvisionedThroughput: z.number().int().nonnegative().optional(),
  maxProvisionedThroughput: z.number().int().positive().optional(),
  scaleToZero: z.boolean().optional(),
});
export type PtConfig = z.infer<typeof ptConfigSchema>;

export const createPtRequestSchema = ptConfigSchema.extend({ name: servingName });
export type CreatePtRequest = z.infer<typeof createPtRequestSchema>;

// ---------------------------------------------------------------- messages and parameters

export const chatRoleSchema = z.enum(['system', 'user', 'assistant']);
export type ChatRole = z.infer<typeof chatRoleSchema>;

/** The longest text field of a message or prompt (see domain-constants.ts). */
const MAX_TEXT = MAX_TEXT_CHARS;

/**
 * One part of a reasoning summary, as the API sends it and expects it back: readable text
 * with the model's signature (Claude signs each part; a history sent back without the
 * signature is refused), or an encrypted part with nothing to show (kept, sent back as is).
 */
export const reasoningPartSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('summary_text'),
    text: z.string().max(MAX_TEXT),
    signature: z.string().max(MAX_TEXT).optional(),
  }),
  z.object({ type: z.literal('summary_encrypted_text'), data: z.string().max(MAX_TEXT) }),
]);
export type ReasoningPart = z.infer<typeof reasoningPartSchema>;

/** A reasoning item of an assistant turn (Chat Completions content item or Responses output item). */
export const reasoningItemSchema = z.object({
  /** The Responses API's item id, when the server gave one (sent back with the item). */
  id: z.string().max(256).optional(),
  summary: z.array(reasoningPartSchema).max(10_000),
});
export type ReasoningItem = z.infer<typeof reasoningItemSchema>;

/**
 * An output item of an agent (or a Responses answer) other than reasoning and message text:
 * a tool call and its output, shown in order as cards and sent back in the next turn's input.
 */
export const outputItemSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('function_call'),
    id: z.string().max(256).optional(),
    callId: z.string().max(256),
    name: z.string().max(256),
    /** The arguments as the model wrote them (a JSON string, possibly invalid). */
    arguments: z.string().max(MAX_TEXT),
  }),
  z.object({
    type: z.literal('function_call_output'),
    id: z.string().max(256).optional(),
    callId: z.string().max(256),
    output: z.string().max(MAX_TEXT),
  }),
  /**
   * Text the model wrote in a step that then called tools (Chat Completions tool loops): kept
   * in order before that step's calls, so the history sends it with them and the answer shows it
   * where it was said. The final step's text is the message's `content`.
   */
  z.object({ type: z.literal('text'), text: z.string().max(MAX_TEXT) }),
]);
export type OutputItem = z.infer<typeof outputItemSchema>;

/** The largest image sent, as a data URL: 5 MB of image (Claude's limit) in base64 plus its prefix. */
export const MAX_IMAGE_URL_CHARS = Math.ceil((5 * 1024 * 1024 * 4) / 3) + 64;

/**
 * An image in a user message, as sent: a base64 data URL (PNG, JPEG, GIF or WebP). The
 * renderer keeps images as blobs and turns them into data URLs only to send them.
 */
export const imagePartSchema = z.object({
  url: z
    .string()
    .max(
      MAX_IMAGE_URL_CHARS,
      'An image can be at most 5 MB (its base64 data URL about 6.7 MB); attach a smaller one.',
    )
    .regex(
      /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+={0,2}$/,
      'An image must be a base64 data URL of a PNG, JPEG, GIF or WebP picture.',
    ),
});
export type ImagePart = z.infer<typeof imagePartSchema>;

export const chatMessageSchema = z.object({
  role: chatRoleSchema,
  content: z.string().max(MAX_TEXT),
  /** A user message's images, sent after its text (vision models only). */
  images: z.array(imagePartSchema).max(20, 'At most 20 images per message.').optional(),
  /** An assistant turn's reasoning, sent back with it (signatures intact) on the next turn. */
  reasoning: z.array(reasoningItemSchema).max(1_000).optional(),
  /** An assistant turn's tool calls and outputs (agents), in the order they came. */
  items: z.array(outputItemSchema).max(1_000).optional(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

// ---------------------------------------------------------------- tools and response formats

/** A JSON Schema, as an object (its validity as a schema is checked where it is edited). */
const jsonSchemaObject = z.record(z.string(), z.unknown());

/** Function names as the APIs take them (the pattern is in domain-constants.ts). */
const toolName = z.string().regex(TOOL_NAME_PATTERN, 'A tool name is 1–64 letters, digits, "_" or "-".');

/**
 * A function the model may call: sent as `{type: "function", function: {name, description,
 * parameters, strict}}`. `mocks` are canned results the app answers calls with (by hand or in
 * mock mode); they are never sent.
 */
export const toolDefinitionSchema = z
  .object({
    name: toolName,
    description: z.string().max(16_384).optional(),
    parameters: jsonSchemaObject,
    strict: z.boolean().optional(),
    mocks: z.array(z.string().max(100_000)).max(20).optional(),
  })
  .strict();
export type ToolDefinition = z.infer<typeof toolDefinitionSchema>;

/** `tool_choice`: let the model decide, never call, must call, or must call this function. */
export const toolChoiceSchema = z.union([
  z.enum(['auto', 'none', 'required']),
  z.object({ type: z.literal('function'), function: z.object({ name: toolName }).strict() }).strict(),
]);
export type ToolChoice = z.infer<typeof toolChoiceSchema>;

/** `response_format`, as Chat Completions spells it. */
export const responseFormatSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }).strict(),
  z.object({ type: z.literal('json_object') }).strict(),
  z
    .object({
      type: z.literal('json_schema'),
      json_schema: z
        .object({
          name: toolName,
          description: z.string().max(16_384).optional(),
          schema: jsonSchemaObject,
          strict: z.boolean().optional(),
        })
        .strict(),
    })
    .strict(),
]);
export type ResponseFormat = z.infer<typeof responseFormatSchema>;

/** How much a reasoning model thinks (`reasoning_effort`, or `reasoning.effort` in the Responses API). */
export const reasoningEffortSchema = z.enum(['none', 'minimal', 'low', 'medium', 'high']);

/**
 * Sampling parameters. Every field is optional: unset means "send nothing", so the server's
 * default applies. Range checks live in `limits.ts` (per task), not here, so that the UI and
 * the router use the same table.
 */
export const generationParamsSchema = z
  .object({
    max_tokens: z.number().int().optional(),
    temperature: z.number().optional(),
    top_p: z.number().optional(),
    top_k: z.number().int().optional(),
    n: z.number().int().optional(),
    stop: z.array(z.string()).optional(),
    /** Reasoning models: `reasoning_effort` (Responses: `reasoning.effort`). */
    reasoning_effort: reasoningEffortSchema.optional(),
    /** Hybrid models (Claude): sent as `thinking: {type: "enabled", budget_tokens}`; must be below max_tokens. */
    thinking_budget: z.number().int().optional(),
    /**
     * The body's `stream`: unset (or true) streams the answer token by token; false asks for
     * one JSON answer, which some endpoints and debugging sessions need.
     */
    stream: z.boolean().optional(),
    /** Functions the model may call (chat). An empty list is the same as none. */
    tools: z.array(toolDefinitionSchema).max(128).optional(),
    tool_choice: toolChoiceSchema.optional(),
    response_format: responseFormatSchema.optional(),
    /** The app's own (never sent): answer every tool call from the tools' mocks, unattended. */
    tool_mock: z.boolean().optional(),
    /** The app's own (never sent): model steps one answer may take with tools (default 5). */
    max_tool_steps: z.number().int().optional(),
  })
  .strict();
export type GenerationParams = z.infer<typeof generationParamsSchema>;

// ---------------------------------------------------------------- usage and metrics

export const usageSchema = z.object({
  promptTokens: z.number().int().nonnegative(),
  /** Every output token, reasoning included (what is billed as output). */
  completionTokens: z.number().int().nonnegative(),
  totalTokens: z.number().int().nonnegative(),
  /** Of completionTokens, those spent reasoning (`completion_tokens_details.reasoning_tokens`). */
  reasoningTokens: z.number().int().nonnegative().optional(),
});
export type Usage = z.infer<typeof usageSchema>;

/**
 * Measured where it happens (privileged side), from monotonic timestamps in ms.
 * TTFT = first visible token (answer or reasoning text) − request sent; tokens/s = completion
 * tokens / (last delta − first delta) when there are at least two deltas, else over the whole
 * generation. An answer that came whole (not streamed) has TTFT = total and tokens/s over it all.
 */
export const metricsSchema = z.object({
  /** Wall-clock time the request was sent (epoch ms), for display and logs. */
  startedAt: z.number(),
  /** Request sent → first response byte. */
  firstByteMs: z.number().nullable(),
  /** Request sent → first visible token, reasoning included (time to first token). */
  ttftMs: z.number().nullable(),
  /** Request sent → end of the response. */
  totalMs: z.number(),
  /** Completion tokens per second of generation; null when not measurable. */
  tokensPerSec: z.number().nullable(),
  /** Tokens in/out: from the server's usage when it sent one. */
  promptTokens: z.number().int().nullable(),
  completionTokens: z.number().int().nullable(),
  /** Of completionTokens, those spent reasoning, when the server said (absent: none reported). */
  reasoningTokens: z.number().int().nullable().optional(),
  /** Whether the token counts are the server's (true) or the app's estimate (false). */
  usageReported: z.boolean(),
  /** How many times the request was retried before the first token (429/503/connection). */
  retries: z.number().int().nonnegative(),
  /**
   * False when the answer came whole, as one JSON document (streaming off, or a model that
   * ignores `stream`): TTFT is then the total time and tokens/s is over the whole request.
   * Absent for streamed answers (and in records from before it existed).
   */
  streamed: z.boolean().optional(),
});
export type Metrics = z.infer<typeof metricsSchema>;

/**
 * One embedding result as the host decodes it from a workspace. It crosses the bridge packed
 * (see `packedEmbeddingsSchema` in contract.ts): base64 float32 bytes, not number arrays.
 */
export const embeddingResultSchema = z.object({
  model: z.string().nullable(),
  vectors: z.array(z.array(z.number())),
  usage: usageSchema.nullable(),
  metrics: metricsSchema,
});
export type EmbeddingResult = z.infer<typeof embeddingResultSchema>;
