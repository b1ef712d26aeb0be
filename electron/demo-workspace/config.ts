import { z } from 'zod';

/**
 * Behaviour knobs of the demo workspace. The same patch is accepted in-process
 * (`workspace.configure(patch)`) and over HTTP (`POST /__demo/config`), validated by one zod
 * schema so both paths refuse the same nonsense.
 */

/**
 * Rate limits of one endpoint. Omitted fields keep the (generous) default; 0 means "refuse
 * everything". Token limits count this tokenizer's tokens over a sliding minute; `max_tokens`
 * × `n` is reserved against the output budget before generation, as Databricks does.
 */
export interface DemoRateLimits {
  queriesPerSecond?: number;
  queriesPerMinute?: number;
  inputTokensPerMinute?: number;
  outputTokensPerMinute?: number;
}

/**
 * A fault to inject into invocation requests.
 * - `disconnect`: streaming: the socket is destroyed after `afterTokens` tokens (default 0);
 *   non-streaming: destroyed before any answer.
 * - `malformed-chunk`: streaming only: after `afterTokens` tokens one `data:` line of broken
 *   JSON is sent, then the stream continues normally.
 * - `stream-error`: streaming only: after `afterTokens` tokens a `{"error_code","message"}`
 *   object is sent inside the 200 stream, which then ends without `[DONE]`. Responses API
 *   streams send an `error` event (`{type:"error",code,message}`) instead, or a
 *   `response.failed` event when `responsesEvent` says so.
 * - `http-error`: the request is answered with `status` (default 500; 503 gives
 *   `TEMPORARILY_UNAVAILABLE` and `Retry-After`, default 1 s; 429 too; `retryAfterSec: null`
 *   sends no Retry-After at all) before any generation. A rule
 *   naming an `endpoint` the demo does not serve applies to that name's invocations too (a
 *   retired endpoint: `{"status": 404, "errorCode": "RESOURCE_DOES_NOT_EXIST", "message":
 *   "The endpoint … has been retired. Please use another model."}`).
 * - `slow-first-byte`: the response headers are delayed by `delayMs` (on top of TTFT).
 * - `stall`: streaming only: after `afterTokens` tokens the stream goes silent with the socket
 *   open (an idle stream) for `durationMs`, then continues; without `durationMs` it stays
 *   silent until the client gives up.
 */
export type DemoFault =
  | { type: 'disconnect'; afterTokens?: number }
  | { type: 'malformed-chunk'; afterTokens?: number }
  | {
      type: 'stream-error';
      afterTokens?: number;
      errorCode?: string;
      message?: string;
      responsesEvent?: 'error' | 'response.failed';
    }
  | {
      type: 'http-error';
      status?: number;
      errorCode?: string;
      message?: string;
      retryAfterSec?: number | null;
    }
  | { type: 'slow-first-byte'; delayMs: number }
  | { type: 'stall'; afterTokens?: number; durationMs?: number };

/**
 * A fault plus where it applies: `endpoint` (absent = every endpoint) and `times` (the next N
 * requests it applies to; absent = until cleared). A rule is only consumed by requests it can
 * affect (stream-only faults ignore non-streaming requests).
 */
export type DemoFaultRule = DemoFault & { endpoint?: string; times?: number };

/**
 * Makes the next provisioned-throughput create or config update (optionally only for one
 * endpoint name) fail: it runs its usual time IN_PROGRESS, then ends `UPDATE_FAILED` with
 * `message` as the failed served entity's `state.deployment_state_message` (in
 * `pending_config`, where Databricks reports a deployment failure). Consumed once.
 */
export interface DemoPtFailure {
  kind: 'create' | 'update';
  message?: string;
  endpoint?: string;
}

/**
 * A partial update of the demo workspace's behaviour.
 *
 * ```json
 * {
 *   "ttftMs": 250,                 // delay before the first token (and before JSON answers)
 *   "tokensPerSec": 120,           // pacing of generated tokens (per choice)
 *   "responseTokens": 5000,        // force every text answer to ~this many tokens; null = natural
 *   "responseText": "# Hello",     // every text answer is exactly this (then max_tokens/stop); null = generated
 *   "reasoningText": "Plan…",      // every reasoning (when a request reasons) is exactly this; null = generated
 *   "rateLimits": {                // per endpoint name, or "*" for all; replaces that key; null removes
 *     "databricks-dbrx-instruct": { "queriesPerSecond": 2, "outputTokensPerMinute": 1000 }
 *   },
 *   "faults": [                    // replaces the fault list ([] clears it)
 *     { "type": "http-error", "status": 503, "endpoint": "databricks-dbrx-instruct", "times": 2 }
 *   ],
 *   "addFaults": [                 // appended after `faults` is applied
 *     { "type": "disconnect", "afterTokens": 10, "times": 1 }
 *   ],
 *   "ptProvisionMs": 4000,         // provisioned-throughput creation time
 *   "ptUpdateMs": 3000,            // provisioned-throughput config update (scale) time
 *   "ptFailNext": { "kind": "update", "message": "Insufficient capacity." },  // null clears
 *   "oauthDeny": true,             // the OAuth consent page answers error=access_denied
 *   "oauthAccessTokenTtlSec": 3600,  // lifetime of access tokens issued by /oidc/v1/token
 *   "oauthExpireAccessTokens": true, // one-shot: every access token issued so far expires now
 *   "servicePrincipals": { "my-sp": "my-secret", "demo-sp": null },  // add / remove (null) M2M clients
 *   "token": "dapi-rotated",       // the bearer token accepted from now on (a rotated PAT); null: the start one
 *   "sqlRowMs": 0.1,               // Databricks SQL: time per ai_query row (progress views slow it down)
 *   "sqlPendingMs": 200,           // Databricks SQL: how long a statement stays PENDING before RUNNING
 *   "warehouseStartMs": 3000       // Databricks SQL: how long a started warehouse stays STARTING
 * }
 * ```
 *
 * OAuth (issuer `{url}/oidc`): the public client is `databricks-cli` with redirect URIs
 * `http://localhost:PORT` or `http://127.0.0.1:PORT`; the default service principal is
 * client id `demo-sp`, secret `demo-sp-secret`. Expired OAuth access tokens get HTTP 401.
 */
export interface DemoConfigPatch {
  ttftMs?: number;
  tokensPerSec?: number;
  responseTokens?: number | null;
  /** Every text answer is exactly this text (benchmarks); null returns to generated answers. */
  responseText?: string | null;
  /** Every reasoning (when the request reasons) is exactly this text (benchmarks); null: generated. */
  reasoningText?: string | null;
  rateLimits?: Record<string, DemoRateLimits | null>;
  faults?: DemoFaultRule[];
  addFaults?: DemoFaultRule[];
  /** How long a provisioned-throughput endpoint takes to come up (NOT_READY → READY), ms. */
  ptProvisionMs?: number;
  /** How long a provisioned-throughput config update (scale) stays IN_PROGRESS, ms. */
  ptUpdateMs?: number;
  /** Make the next create/update fail (see {@link DemoPtFailure}); null clears it. */
  ptFailNext?: DemoPtFailure | null;
  /** Consent is denied: /oidc/v1/authorize redirects back with `error=access_denied`. */
  oauthDeny?: boolean;
  /** Lifetime of issued OAuth access tokens, seconds (default 3600). */
  oauthAccessTokenTtlSec?: number;
  /** One-shot action (not stored): every OAuth access token issued so far expires now. */
  oauthExpireAccessTokens?: boolean;
  /** Service principals (client id → secret) for client_credentials; null removes one. */
  servicePrincipals?: Record<string, string | null>;
  /** Rotates the accepted bearer token (the old one then gets 403); null returns to the start token. */
  token?: string | null;
  /** Databricks SQL: the pace of an ai_query statement, ms per row (0: as fast as the demo computes). */
  sqlRowMs?: number;
  /** Databricks SQL: how long a statement is PENDING before it runs, ms. */
  sqlPendingMs?: number;
  /** Databricks SQL: how long a started warehouse stays STARTING before RUNNING, ms. */
  warehouseStartMs?: number;
}

/** The effective configuration. */
export interface DemoConfig {
  ttftMs: number;
  tokensPerSec: number;
  responseTokens: number | null;
  responseText: string | null;
  reasoningText: string | null;
  rateLimits: Record<string, DemoRateLimits>;
  faults: DemoFaultRule[];
  ptProvisionMs: number;
  ptUpdateMs: number;
  ptFailNext: DemoPtFailure | null;
  oauthDeny: boolean;
  oauthAccessTokenTtlSec: number;
  servicePrincipals: Record<string, string>;
  /** The accepted bearer token when rotated; null: the one the server was started with. */
  token: string | null;
  sqlRowMs: number;
  sqlPendingMs: number;
  warehouseStartMs: number;
}

/**
 * Databricks SQL defaults: 10,000 ai_query rows take about a second of pacing (plus the time
 * the demo takes to write the answers), a statement is PENDING briefly, a warehouse starts in
 * a few seconds.
 */
export const DEFAULT_SQL_ROW_MS = 0.1;
export const DEFAULT_SQL_PENDING_MS = 200;
export const DEFAULT_WAREHOUSE_START_MS = 3_000;

/** Defaults long enough for a progress view to show its states, short enough to wait for. */
export const DEFAULT_PT_PROVISION_MS = 4_000;
export const DEFAULT_PT_UPDATE_MS = 3_000;

/** Limits applied when nothing is configured: far above anything interactive use reaches. */
export const DEFAULT_RATE_LIMITS: Required<DemoRateLimits> = {
  queriesPerSecond: 1000,
  queriesPerMinute: 60_000,
  inputTokensPerMinute: 100_000_000,
  outputTokensPerMinute: 100_000_000,
};

const count = z.number().int().nonnegative();
const limit = z.number().nonnegative();
const where = { endpoint: z.string().min(1).optional(), times: z.number().int().positive().optional() };

const faultRuleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('disconnect'), afterTokens: count.optional(), ...where }).strict(),
  z.object({ type: z.literal('malformed-chunk'), afterTokens: count.optional(), ...where }).strict(),
  z
    .object({
      type: z.literal('stream-error'),
      afterTokens: count.optional(),
      errorCode: z.string().min(1).optional(),
      message: z.string().optional(),
      responsesEvent: z.enum(['error', 'response.failed']).optional(),
      ...where,
    })
    .strict(),
  z
    .object({
      type: z.literal('http-error'),
      status: z.number().int().min(400).max(599).optional(),
      errorCode: z.string().min(1).optional(),
      message: z.string().optional(),
      retryAfterSec: count.nullable().optional(),
      ...where,
    })
    .strict(),
  z.object({ type: z.literal('slow-first-byte'), delayMs: count.max(600_000), ...where }).strict(),
  z
    .object({
      type: z.literal('stall'),
      afterTokens: count.optional(),
      durationMs: count.max(600_000).optional(),
      ...where,
    })
    .strict(),
]);

const rateLimitsSchema = z
  .object({
    queriesPerSecond: limit.optional(),
    queriesPerMinute: limit.optional(),
    inputTokensPerMinute: limit.optional(),
    outputTokensPerMinute: limit.optional(),
  })
  .strict();

/** Validates a patch from any source. */
export const demoConfigPatchSchema = z
  .object({
    ttftMs: count.max(600_000).optional(),
    tokensPerSec: z.number().positive().max(10_000_000).optional(),
    responseTokens: z.number().int().positive().max(1_000_000).nullable().optional(),
    responseText: z.string().min(1).max(4_000_000).nullable().optional(),
    reasoningText: z.string().min(1).max(4_000_000).nullable().optional(),
    rateLimits: z.record(z.string().min(1), rateLimitsSchema.nullable()).optional(),
    faults: z.array(faultRuleSchema).optional(),
    addFaults: z.array(faultRuleSchema).optional(),
    ptProvisionMs: count.max(3_600_000).optional(),
    ptUpdateMs: count.max(3_600_000).optional(),
    ptFailNext: z
      .object({
        kind: z.enum(['create', 'update']),
        message: z.string().max(2_000).optional(),
        endpoint: z.string().min(1).optional(),
      })
      .strict()
      .nullable()
      .optional(),
    oauthDeny: z.boolean().optional(),
    oauthAccessTokenTtlSec: z.number().int().positive().max(86_400).optional(),
    oauthExpireAccessTokens: z.boolean().optional(),
    servicePrincipals: z
      .record(z.string().min(1).max(256), z.string().min(1).max(4096).nullable())
      .optional(),
    token: z.string().min(1).max(4096).nullable().optional(),
    sqlRowMs: z.number().nonnegative().max(60_000).optional(),
    sqlPendingMs: count.max(600_000).optional(),
    warehouseStartMs: count.max(600_000).optional(),
  })
  .strict();

/** Parses a patch; returns the problems as one readable message on failure. */
export function parseDemoConfigPatch(
  input: unknown,
): { ok: true; patch: DemoConfigPatch } | { ok: false; message: string } {
  const result = demoConfigPatchSchema.safeParse(input);
  if (result.success) return { ok: true, patch: result.data as DemoConfigPatch };
  const message = result.error.issues
    .map((issue) => `${issue.path.join('.') || 'patch'}: ${issue.message}`)
    .join('; ');
  return { ok: false, message: `Invalid demo config patch. ${message}` };
}

/** The configuration a fresh server starts with. */
export function defaultConfig(ttftMs = 250, tokensPerSec = 120): DemoConfig {
  return {
    ttftMs,
    tokensPerSec,
    responseTokens: null,
    responseText: null,
    reasoningText: null,
    rateLimits: {},
    faults: [],
    ptProvisionMs: DEFAULT_PT_PROVISION_MS,
    ptUpdateMs: DEFAULT_PT_UPDATE_MS,
    ptFailNext: null,
    oauthDeny: false,
    oauthAccessTokenTtlSec: 3600,
    // The documented default service principal (see DemoConfigPatch): a public test value.
    servicePrincipals: { 'demo-sp': 'demo-sp-secret' },
    token: null,
    sqlRowMs: DEFAULT_SQL_ROW_MS,
    sqlPendingMs: DEFAULT_SQL_PENDING_MS,
    warehouseStartMs: DEFAULT_WAREHOUSE_START_MS,
  };
}

/** Applies a validated patch, returning a new configuration (fault rules are copied). */
export function applyPatch(config: DemoConfig, patch: DemoConfigPatch): DemoConfig {
  const next: DemoConfig = { ...config, rateLimits: { ...config.rateLimits }, faults: [...config.faults] };
  if (patch.ttftMs !== undefined) next.ttftMs = patch.ttftMs;
  if (patch.tokensPerSec !== undefined) next.tokensPerSec = patch.tokensPerSec;
  if (patch.responseTokens !== undefined) next.responseTokens = patch.responseTokens;
  if (patch.responseText !== undefined) next.responseText = patch.responseText;
  if (patch.reasoningText !== undefined) next.reasoningText = patch.reasoningText;
  for (const [name, limits] of Object.entries(patch.rateLimits ?? {})) {
    if (limits === null) delete next.rateLimits[name];
    // Drop explicit undefineds so they cannot mask a default.
    else
      next.rateLimits[name] = Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined));
  }
  if (patch.faults !== undefined) next.faults = patch.faults.map((rule) => ({ ...rule }));
  for (const rule of patch.addFaults ?? []) next.faults.push({ ...rule });
  if (patch.ptProvisionMs !== undefined) next.ptProvisionMs = patch.ptProvisionMs;
  if (patch.ptUpdateMs !== undefined) next.ptUpdateMs = patch.ptUpdateMs;
  if (patch.ptFailNext !== undefined) next.ptFailNext = patch.ptFailNext ? { ...patch.ptFailNext } : null;
  if (patch.oauthDeny !== undefined) next.oauthDeny = patch.oauthDeny;
  if (patch.oauthAccessTokenTtlSec !== undefined) next.oauthAccessTokenTtlSec = patch.oauthAccessTokenTtlSec;
  if (patch.token !== undefined) next.token = patch.token;
  if (patch.sqlRowMs !== undefined) next.sqlRowMs = patch.sqlRowMs;
  if (patch.sqlPendingMs !== undefined) next.sqlPendingMs = patch.sqlPendingMs;
  if (patch.warehouseStartMs !== undefined) next.warehouseStartMs = patch.warehouseStartMs;
  next.servicePrincipals = { ...config.servicePrincipals };
  for (const [id, secret] of Object.entries(patch.servicePrincipals ?? {})) {
    if (secret === null) delete next.servicePrincipals[id];
    else next.servicePrincipals[id] = secret;
  }
  return next;
}

/** Effective limits of an endpoint: defaults, then "*", then the endpoint's own. */
export function limitsFor(config: DemoConfig, endpoint: string): Required<DemoRateLimits> {
  return { ...DEFAULT_RATE_LIMITS, ...config.rateLimits['*'], ...config.rateLimits[endpoint] };
}
