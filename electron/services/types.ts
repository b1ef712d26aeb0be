import type { MethodName, ParsedRequestOf, ResponseOf } from '../../shared/contract';
import type {
  ChatMessage,
  ConnectionHealth,
  CreatePtRequest,
  EmbeddingResult,
  Endpoint,
  GenerationParams,
  Metrics,
  OptimizationInfo,
  OutputItem,
  PtConfig,
  Usage,
} from '../../shared/domain';
import type { StudioError } from '../../shared/errors';
import type { ResultChunk, StatementStatus, Warehouse } from '../../shared/sql-schemas';
import type { StreamEvent } from '../../shared/stream-events';

/*
 * The seams between the privileged services. Each service implements one of these; the
 * router and the transports only see these types.
 */

// ---------------------------------------------------------------- workspace client

/** Where and how to reach a workspace. The token is fetched per request, never stored here. */
export interface WorkspaceConnection {
  /**
   * Normalised base URL, no trailing slash: https://host (or http://127.0.0.1:port for the
   * demo) for Databricks; for `flavor: 'openai'` the API base, e.g. http://localhost:8000/v1.
   */
  host: string;
  /** The bearer token (or API key); '' means send no Authorization header (keyless local servers). */
  getToken(): Promise<string>;
  /**
   * Which API the host speaks. `databricks` (default): /api/2.0/serving-endpoints and
   * /serving-endpoints/{name}/invocations. `openai`: {host}/models, {host}/chat/completions,
   * {host}/completions, {host}/embeddings with `model`.
   */
  flavor?: 'databricks' | 'openai';
  /**
   * Called once when a request is answered 401: refresh the credentials (OAuth) and return
   * true to have the client retry that request once with a fresh getToken(); false to fail.
   */
  onUnauthorized?(): Promise<boolean>;
  /** Told the outcome of every request (for connection health); must not throw. */
  onResult?(health: ConnectionHealth): void;
}

/**
 * A piece of reasoning: `text` extends summary part `part` of reasoning item `item` (both
 * counted from 0 per choice, in the order the model produced them). `signature` (or an
 * encrypted part's `encrypted` data) comes once, when the part is complete, usually with
 * empty text; it must be kept with the part to send the turn back.
 */
export interface ReasoningPiece {
  item: number;
  part: number;
  text: string;
  signature?: string;
  encrypted?: string;
  /** The Responses API's id of the reasoning item, when it has one. */
  itemId?: string;
}

/** Receives a generation as it happens. Called in order; never after the promise settles. */
export interface GenerationSink {
  /** First byte of a 200 response; `model` is the served model id when known. */
  start(model: string | null): void;
  /** New text for choice `index` (only the new part). */
  delta(index: number, text: string): void;
  /** New reasoning for choice `index`; always before the answer text it leads to. */
  reasoning(index: number, piece: ReasoningPiece): void;
  /** A whole output item of choice `index` (an agent's tool call or its output), in order. */
  item(index: number, item: OutputItem): void;
  /** About to retry (only ever before the first delta). */
  retry(attempt: number, delayMs: number, reason: StudioError): void;
  /** Usage as reported by the server (may arrive several times, cumulative). */
  usage(usage: Usage): void;
}

/** How a generation ended. The client never throws for expected failures: it returns this. */
export type GenerationOutcome =
  | { status: 'done'; finishReasons: (string | null)[]; metrics: Metrics }
  | { status: 'error'; error: StudioError; partial: boolean; metrics: Metrics | null }
  | { status: 'aborted'; metrics: Metrics | null };

export interface ChatRequest {
  endpoint: string;
  messages: ChatMessage[];
  params: GenerationParams;
  /**
   * What the app knows of the endpoint (its listing): its model and task pick the wire
   * protocol (Chat Completions, the Responses API, or an agent's invocations). Absent: the
   * endpoint name alone decides.
   */
  target?: Pick<Endpoint, 'model' | 'task' | 'protocol'>;
  /**
   * False: a 429 ends the stream with its error at once instead of being retried by the
   * client; for a caller that paces its requests and retries them itself (Evaluate).
   */
  retryRateLimited?: boolean;
}

export interface CompletionRequest {
  endpoint: string;
  prompt: string;
  params: GenerationParams;
}

export interface EmbeddingsRequest {
  endpoint: string;
  input: string[];
}

/** Talks to one workspace (Databricks or the demo) over REST + SSE. */
export interface WorkspaceClient {
  /** Throws StudioFailure on failure. */
  listEndpoints(signal?: AbortSignal): Promise<Endpoint[]>;
  /** Throws StudioFailure on failure. */
  getEndpoint(name: string, signal?: AbortSignal): Promise<Endpoint>;
  /** The endpoint normalised plus the server's JSON as it came. Throws StudioFailure. */
  getEndpointRaw(name: string, signal?: AbortSignal): Promise<{ endpoint: Endpoint; raw: unknown }>;
  /** How a model version can be provisioned (either answer form, normalised). Throws StudioFailure. */
  getOptimizationInfo(
    entityName: string,
    entityVersion: string,
    signal?: AbortSignal,
  ): Promise<OptimizationInfo>;
  /**
   * Starts creating a provisioned-throughput endpoint: `POST …/pt` when model units are set,
   * else the older `POST /api/2.0/serving-endpoints` with a throughput band. Answers the new
   * endpoint (usually NOT_READY / IN_PROGRESS). Throws StudioFailure (409 → CONFLICT).
   */
  createProvisionedEndpoint(request: CreatePtRequest, signal?: AbortSignal): Promise<Endpoint>;
  /** Starts a config update (scale) through the matching route. Throws StudioFailure. */
  updateProvisionedEndpoint(name: string, config: PtConfig, signal?: AbortSignal): Promise<Endpoint>;
  /** Throws StudioFailure (404 → NOT_FOUND). */
  deleteEndpoint(name: string, signal?: AbortSignal): Promise<void>;
  /** Streams a chat (`stream: true` on the native invocations route). */
  streamChat(request: ChatRequest, sink: GenerationSink, signal: AbortSignal): Promise<GenerationOutcome>;
  /** Streams a text completion. */
  streamCompletion(
    request: CompletionRequest,
    sink: GenerationSink,
    signal: AbortSignal,
  ): Promise<GenerationOutcome>;
  /** Throws StudioFailure on failure. */
  createEmbeddings(request: EmbeddingsRequest, signal?: AbortSignal): Promise<EmbeddingResult>;
  /** Databricks SQL (warehouses, Files API, Statement Execution); absent for OpenAI-compatible servers. */
  sql?: SqlApi;
}

// ---------------------------------------------------------------- Databricks SQL

/** What Evaluate asks of a workspace's SQL engine. Every method throws StudioFailure. */
export interface SqlApi {
  listWarehouses(signal?: AbortSignal): Promise<Warehouse[]>;
  getWarehouse(id: string, signal?: AbortSignal): Promise<Warehouse>;
  startWarehouse(id: string, signal?: AbortSignal): Promise<void>;
  /** PUTs `content` (UTF-8 text) to a volume path, replacing what is there. */
  uploadFile(path: string, content: string, signal?: AbortSignal): Promise<{ path: string; bytes: number }>;
  executeStatement(warehouseId: string, statement: string, signal?: AbortSignal): Promise<StatementStatus>;
  getStatement(statementId: string, signal?: AbortSignal): Promise<StatementStatus>;
  getResultChunk(statementId: string, chunkIndex: number, signal?: AbortSignal): Promise<ResultChunk>;
  cancelStatement(statementId: string, signal?: AbortSignal): Promise<void>;
}

// ---------------------------------------------------------------- secrets

/** The OS keychain, one account per workspace profile. Only the privileged side has `get`. */
export interface SecretStore {
  /** False when no keychain is reachable (then set/get throw KEYCHAIN_UNAVAILABLE). */
  isAvailable(): Promise<boolean>;
  set(profileId: string, secret: string): Promise<void>;
  /** Null when nothing is stored. */
  get(profileId: string): Promise<string | null>;
  remove(profileId: string): Promise<void>;
  has(profileId: string): Promise<boolean>;
  /** Drops what is remembered of the profile's secret (e.g. after a 401): the next read asks the keychain. */
  forget?(profileId: string): void;
}

// ---------------------------------------------------------------- router

/** One connected renderer: a BrowserWindow's webContents, or one WebSocket. */
export interface Session {
  id: string;
  /** Pushes a stream event to this renderer only. Must not throw if the renderer is gone. */
  emit(event: StreamEvent): void;
}

/** Channel handlers: receive an already-validated request; throw StudioFailure for expected failures. */
export type Handlers = {
  [M in MethodName]: (request: ParsedRequestOf<M>, session: Session) => Promise<ResponseOf<M>>;
};
