import { z } from 'zod';
import {
  chatMessageSchema,
  connectionHealthSchema,
  createPtRequestSchema,
  endpointSchema,
  generationParamsSchema,
  importableProfileSchema,
  metricsSchema,
  optimizationInfoSchema,
  ptConfigSchema,
  usageSchema,
  workspaceSummarySchema,
} from './domain';
import type { Result } from './errors';
import { EMBEDDING_LIMITS, requestImagesProblem, requestTextChars, requestTextProblem } from './limits';
import {
  MAX_STATEMENT_CHARS,
  resultChunkSchema,
  statementIdSchema,
  statementStatusSchema,
  uploadProblem,
  volumePathSchema,
  warehouseIdSchema,
  warehouseSchema,
} from './sql-schemas';
import type { StreamEvent } from './stream-events';
import {
  findExistingRequestSchema,
  findExistingResponseSchema,
  importResultsSchema,
  updateWorkspaceRequestSchema,
} from './workspace-schemas';

/*
 * The one contract between the renderer and the privileged side. Each entry names a bridge
 * method, its channel (`domain:verb-noun`), and zod schemas for its request and response.
 * The Electron preload, the WebSocket client and the router are all built from this table,
 * so nothing else can cross and nothing can drift.
 */

/**
 * An embeddings answer as it crosses the bridge: `count` vectors of `dim` float32 numbers,
 * row after row, as little-endian bytes (every platform the app ships for) in base64. Not
 * number arrays: 150 × 1024 numbers are ~3 MB of JSON the page would parse (and zod check)
 * number by number on its main thread; this is one ~0.8 MB string, checked by one pattern
 * and its length. The privileged side packs the workspace's own answer (JSON numbers, the
 * only format Databricks documents).
 */
export const packedEmbeddingsSchema = z
  .object({
    model: z.string().nullable(),
    count: z.number().int().nonnegative().max(150),
    dim: z.number().int().nonnegative().max(65_536),
    vectors: z.base64(),
    usage: usageSchema.nullable(),
    metrics: metricsSchema,
  })
  // Base64 carries 3 bytes in 4 characters, padded: the length must fit count × dim floats.
  .refine((v) => v.vectors.length === 4 * Math.ceil((v.count * v.dim * 4) / 3), {
    message: 'The packed vectors do not hold count × dim numbers.',
    path: ['vectors'],
  });
export type PackedEmbeddings = z.infer<typeof packedEmbeddingsSchema>;

const endpointName = z
  .string()
  .min(1, 'Pick an endpoint.')
  .max(256)
  // Endpoint names are alphanumeric plus - and _ (Databricks' own rule); this also keeps
  // a hostile name from changing the URL path it is put into.
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Endpoint names use letters, digits, ".", "-" and "_" only.');

const profileId = z.string().min(1).max(100);

/**
 * A generation stream's id, chosen by the renderer (`crypto.randomUUID()`) and sent with its
 * start request, so the renderer listens for the stream's events before it sends the
 * request and Stop works at any moment. The privileged side keeps ids per session: a
 * session can neither cancel nor collide with another session's streams.
 */
export const streamIdSchema = z.guid('A stream id is a UUID.');

/** Requests that carry nothing. */
const empty = z.undefined();

export const CONTRACT = {
  getAppInfo: {
    channel: 'app:get-info',
    request: empty,
    response: z.object({
      version: z.string(),
      mode: z.enum(['electron', 'browser']),
    }),
  },
  listWorkspaces: {
    channel: 'workspaces:list',
    request: empty,
    response: z.object({
      workspaces: z.array(workspaceSummarySchema),
      currentId: z.string().nullable(),
      keychainAvailable: z.boolean(),
    }),
  },
  /** Starts the embedded demo workspace if needed and makes it current. */
  useDemoWorkspace: {
    channel: 'workspaces:use-demo',
    request: empty,
    response: workspaceSummarySchema,
  },
  /** Checks host + token with a real call, then saves the profile and puts the token in the keychain. */
  connectWorkspace: {
    channel: 'workspaces:connect',
    request: z.object({
      name: z.string().trim().min(1, 'Give the workspace a name.').max(100),
      host: z.string().trim().min(1, 'Enter the workspace URL.').max(2048),
      token: z.string().trim().min(1, 'Enter a personal access token.').max(4096),
    }),
    response: workspaceSummarySchema,
  },
  /**
   * Starts an OAuth user-to-machine sign-in (authorization code + PKCE, like the Databricks
   * CLI): the privileged side discovers the workspace's OIDC endpoints, listens on a loopback
   * port (8020, then the next ones) and opens the system browser. The URL is returned too so
   * the UI can offer it when no browser opened. Then call `finishOAuthSignIn`.
   */
  startOAuthSignIn: {
    channel: 'workspaces:oauth-start',
    request: z.object({
      name: z.string().trim().min(1, 'Give the workspace a name.').max(100),
      host: z.string().trim().min(1, 'Enter the workspace URL.').max(2048),
      /** Sign this OAuth workspace in again (expired, signed out, imported): it is updated in place. */
      profileId: profileId.optional(),
    }),
    response: z.object({ flowId: z.string(), authorizationUrl: z.string() }),
  },
  /** Waits for the browser's redirect, exchanges the code, saves the profile (refresh token in the keychain). */
  finishOAuthSignIn: {
    channel: 'workspaces:oauth-finish',
    request: z.object({ flowId: z.string().min(1).max(100) }),
    response: workspaceSummarySchema,
  },
  cancelOAuthSignIn: {
    channel: 'workspaces:oauth-cancel',
    request: z.object({ flowId: z.string().min(1).max(100) }),
    response: z.object({ cancelled: z.boolean() }),
  },
  /** Forgets a workspace's tokens (OAuth: access and refresh) but keeps the profile. */
  signOut: {
    channel: 'workspaces:sign-out',
    request: z.object({ id: profileId }),
    response: workspaceSummarySchema,
  },
  /** OAuth machine-to-machine: client id + secret, checked with a real token call first. */
  connectServicePrincipal: {
    channel: 'workspaces:connect-sp',
    request: z.object({
      name: z.string().trim().min(1, 'Give the workspace a name.').max(100),
      host: z.string().trim().min(1, 'Enter the workspace URL.').max(2048),
      clientId: z.string().trim().min(1, 'Enter the client id.').max(256),
      clientSecret: z.string().trim().min(1, 'Enter the client secret.').max(4096),
    }),
    response: workspaceSummarySchema,
  },
  /** Any OpenAI-compatible server (vLLM, Ollama, LM Studio…): base URL + optional API key, checked via /models. */
  connectOpenAiProvider: {
    channel: 'workspaces:connect-openai',
    request: z.object({
      name: z.string().trim().min(1, 'Give the provider a name.').max(100),
      baseUrl: z.string().trim().min(1, 'Enter the base URL, e.g. http://localhost:8000/v1.').max(2048),
      apiKey: z.string().trim().max(4096).optional(),
    }),
    response: workspaceSummarySchema,
  },
  /** Profiles found in ~/.databrickscfg (or DATABRICKS_CONFIG_FILE) and DATABRICKS_* variables. */
  listImportableProfiles: {
    channel: 'workspaces:list-importable',
    request: empty,
    response: z.object({ configPath: z.string(), profiles: z.array(importableProfileSchema) }),
  },
  /** Imports the picked profiles; their secrets go to the keychain; the file is never modified. */
  importProfiles: {
    channel: 'workspaces:import',
    request: z.object({
      ids: z.array(z.string().min(1).max(200)).min(1, 'Pick at least one profile.').max(100),
    }),
    response: importResultsSchema,
  },
  /** Makes a cheap real call to the workspace and reports (and remembers) its health. */
  checkWorkspaceHealth: {
    channel: 'workspaces:check-health',
    request: z.object({ id: profileId }),
    response: connectionHealthSchema,
  },
  selectWorkspace: {
    channel: 'workspaces:select',
    request: z.object({ id: profileId }),
    response: workspaceSummarySchema,
  },
  /** Removes a workspace and its secret; when it was current, a known-good one (else the demo) becomes current. */
  removeWorkspace: {
    channel: 'workspaces:remove',
    request: z.object({ id: profileId }),
    response: z.object({ removed: z.boolean() }),
  },
  /**
   * Edits a workspace in place (same id): name, URL, credential (new PAT, client secret or API
   * key). A new URL or credential is checked with a real call first; the keychain entry is replaced.
   */
  updateWorkspace: {
    channel: 'workspaces:update',
    request: updateWorkspaceRequestSchema,
    response: workspaceSummarySchema,
  },
  /** The connected workspace with this host and identity, if any (so connecting again can offer to update it). */
  findExistingWorkspace: {
    channel: 'workspaces:find-existing',
    request: findExistingRequestSchema,
    response: findExistingResponseSchema,
  },
  /** Secrets are write-only from the renderer: set, remove, status. There is no get. */
  setSecret: {
    channel: 'secrets:set',
    request: z.object({ profileId, secret: z.string().min(1).max(4096) }),
    response: z.object({ hasSecret: z.boolean() }),
  },
  removeSecret: {
    channel: 'secrets:remove',
    request: z.object({ profileId }),
    response: z.object({ hasSecret: z.boolean() }),
  },
  getSecretStatus: {
    channel: 'secrets:status',
    request: z.object({ profileId }),
    response: z.object({ hasSecret: z.boolean(), keychainAvailable: z.boolean() }),
  },
  listEndpoints: {
    channel: 'endpoints:list',
    request: empty,
    response: z.object({ endpoints: z.array(endpointSchema) }),
  },
  getEndpoint: {
    channel: 'endpoints:get',
    request: z.object({ name: endpointName }),
    response: endpointSchema,
  },
  /** One endpoint with the server's raw JSON (the details view shows it). */
  getEndpointDetails: {
    channel: 'endpoints:get-details',
    request: z.object({ name: endpointName }),
    response: z.object({ endpoint: endpointSchema, raw: z.unknown() }),
  },
  /** How a model can be provisioned (model units or throughput chunk size). */
  getOptimizationInfo: {
    channel: 'endpoints:get-optimization-info',
    request: z.object({
      // A Unity Catalog name (catalog.schema.model) and a version: segments of letters,
      // digits, `_` and `-`, so no `.`/`..` path segment can reach the URL it goes into.
      entityName: z
        .string()
        .max(512)
        .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+){0,2}$/, 'A model name looks like catalog.schema.model.'),
      entityVersion: z
        .string()
        .max(64)
        .regex(/^[A-Za-z0-9_-]+$/, 'A model version is letters, digits, "_" or "-".'),
    }),
    response: optimizationInfoSchema,
  },
  /** Creates a provisioned-throughput endpoint; it comes up asynchronously (poll getEndpoint). */
  createProvisionedEndpoint: {
    channel: 'endpoints:create-pt',
    request: createPtRequestSchema,
    response: endpointSchema,
  },
  /** Changes a provisioned-throughput endpoint's size (scale); the update runs asynchronously. */
  updateProvisionedEndpoint: {
    channel: 'endpoints:update-pt',
    request: ptConfigSchema.extend({ name: endpointName }),
    response: endpointSchema,
  },
  deleteEndpoint: {
    channel: 'endpoints:delete',
    request: z.object({ name: endpointName }),
    response: z.object({ deleted: z.boolean() }),
  },
  /** Starts a streamed chat; its events arrive through `onStreamEvent` with its `streamId`. */
  startChat: {
    channel: 'chat:start',
    request: z
      .object({
        streamId: streamIdSchema,
        endpoint: endpointName,
        messages: z.array(chatMessageSchema).min(1, 'Write a message first.').max(10_000),
        params: generationParamsSchema.default({}),
        /**
         * False: a 429 ends the stream at once (its error, with any Retry-After) instead of the
         * host retrying it; for a caller that paces and retries itself (Evaluate). Absent: the
         * host retries it (chat).
         */
        retryRateLimited: z.boolean().optional(),
      })
      // Each text and image is bounded by its schema; all of them together by what one request may carry.
      .superRefine((request, ctx) => {
        const problem =
          requestTextProblem(requestTextChars(request.messages)) ?? requestImagesProblem(request.messages);
        if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['messages'] });
      }),
    response: z.object({ streamId: streamIdSchema }),
  },
  /** Starts a streamed text completion (events like `startChat`'s). */
  startCompletion: {
    channel: 'completion:start',
    request: z.object({
      streamId: streamIdSchema,
      endpoint: endpointName,
      prompt: z
        .string()
        .min(1, 'Write a prompt first.')
        .superRefine((prompt, ctx) => {
          const problem = requestTextProblem(prompt.length, 'This prompt');
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        }),
      params: generationParamsSchema.default({}),
    }),
    response: z.object({ streamId: streamIdSchema }),
  },
  createEmbeddings: {
    channel: 'embeddings:create',
    request: z.object({
      endpoint: endpointName,
      input: z
        .array(
          z
            .string()
            .max(
              EMBEDDING_LIMITS.maxTextChars,
              `A text can be at most ${EMBEDDING_LIMITS.maxTextChars.toLocaleString('en-US')} characters.`,
            ),
        )
        .min(1, 'Add at least one text.')
        .max(EMBEDDING_LIMITS.maxInputsPerRequest)
        .refine(
          (input) => input.reduce((sum, text) => sum + text.length, 0) <= EMBEDDING_LIMITS.maxRequestChars,
          {
            message: `One request can carry at most ${EMBEDDING_LIMITS.maxRequestChars.toLocaleString('en-US')} characters of text.`,
          },
        ),
    }),
    response: packedEmbeddingsSchema,
  },
  /*
   * Databricks SQL (Evaluate in the workspace). Databricks workspaces only: an
   * OpenAI-compatible server answers INVALID_INPUT ("needs a Databricks workspace").
   */
  /** The workspace's SQL warehouses with their state (`GET /api/2.0/sql/warehouses`). */
  listWarehouses: {
    channel: 'sql:list-warehouses',
    request: empty,
    response: z.object({ warehouses: z.array(warehouseSchema) }),
  },
  /** One warehouse, e.g. to watch a started one go STARTING → RUNNING. */
  getWarehouse: {
    channel: 'sql:get-warehouse',
    request: z.object({ id: warehouseIdSchema }),
    response: warehouseSchema,
  },
  /** Starts a stopped warehouse; answers it as it is right after (usually STARTING). */
  startWarehouse: {
    channel: 'sql:start-warehouse',
    request: z.object({ id: warehouseIdSchema }),
    response: warehouseSchema,
  },
  /**
   * Uploads a text file (the dataset as CSV) to a Unity Catalog volume with the Files API
   * (`PUT /api/2.0/fs/files/Volumes/…?overwrite=true`), replacing a file already there. At
   * most `UPLOAD_LIMITS.maxBytes` (48 MiB of UTF-8).
   */
  uploadFile: {
    channel: 'files:upload',
    request: z.object({ path: volumePathSchema, content: z.string() }).superRefine((request, ctx) => {
      const problem = uploadProblem(request.content);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['content'] });
    }),
    response: z.object({ path: z.string(), bytes: z.number().int().nonnegative() }),
  },
  /**
   * Submits a statement without waiting (`wait_timeout: "0s"`, `on_wait_timeout: "CONTINUE"`,
   * JSON_ARRAY, INLINE). A statement the workspace refuses at once comes back FAILED with its
   * error; follow the others with `getStatement`.
   */
  executeStatement: {
    channel: 'sql:execute',
    request: z.object({
      warehouseId: warehouseIdSchema,
      statement: z.string().trim().min(1, 'Write a statement first.').max(MAX_STATEMENT_CHARS),
    }),
    response: statementStatusSchema,
  },
  /** A statement's state; once SUCCEEDED, its columns, counts and first chunk of rows. */
  getStatement: {
    channel: 'sql:get-statement',
    request: z.object({ statementId: statementIdSchema }),
    response: statementStatusSchema,
  },
  /** One chunk of a SUCCEEDED statement's rows (`…/result/chunks/{n}`). */
  getResultChunk: {
    channel: 'sql:get-result-chunk',
    request: z.object({
      statementId: statementIdSchema,
      chunkIndex: z.number().int().nonnegative().max(1_000_000),
    }),
    response: resultChunkSchema,
  },
  /** Asks the workspace to cancel a statement (`POST …/cancel`); its state then reads CANCELED. */
  cancelStatement: {
    channel: 'sql:cancel',
    request: z.object({ statementId: statementIdSchema }),
    response: z.object({ cancelled: z.boolean() }),
  },
  /** Stops a stream; the text received so far stays. Unknown ids answer `cancelled: false`. */
  cancelStream: {
    channel: 'stream:cancel',
    request: z.object({ streamId: streamIdSchema }),
    response: z.object({ cancelled: z.boolean() }),
  },
} as const;

export type Contract = typeof CONTRACT;
export type MethodName = keyof Contract;
export type Channel = Contract[MethodName]['channel'];

/** The push channel for stream events (privileged side → renderer). */
export const STREAM_EVENT_CHANNEL = 'stream:event' as const;

export type RequestOf<M extends MethodName> = z.input<Contract[M]['request']>;
export type ParsedRequestOf<M extends MethodName> = z.output<Contract[M]['request']>;
export type ResponseOf<M extends MethodName> = z.output<Contract[M]['response']>;

/** A method with no payload takes no argument. */
type BridgeMethod<M extends MethodName> =
  undefined extends RequestOf<M>
    ? () => Promise<Result<ResponseOf<M>>>
    : (request: RequestOf<M>) => Promise<Result<ResponseOf<M>>>;

/**
 * What the renderer programs against. Implemented by the Electron preload (`window.studio`)
 * and by the browser-mode WebSocket client; both `satisfies StudioApi`.
 */
export type StudioApi = { [M in MethodName]: BridgeMethod<M> } & {
  /** Subscribes to stream events of every stream this renderer started; returns unsubscribe. */
  onStreamEvent(listener: (event: StreamEvent) => void): () => void;
};

export const METHOD_NAMES = Object.keys(CONTRACT) as MethodName[];

/** Channel → method name, for transports that receive a channel string. */
export const METHOD_BY_CHANNEL: ReadonlyMap<string, MethodName> = new Map(
  METHOD_NAMES.map((m) => [CONTRACT[m].channel, m]),
);
