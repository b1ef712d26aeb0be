/* The shape of a demo endpoint, apart from the lists, so the lists' files can share it without a cycle. */

export type DemoTask = 'llm/v1/chat' | 'llm/v1/completions' | 'llm/v1/embeddings' | 'agent/v1/responses';

/** Reasoning effort values some model accepts (`reasoning_effort`, Responses `reasoning.effort`). */
export type ReasoningEffort = 'none' | 'low' | 'medium' | 'high';

/** How a model reasons. */
export interface ReasoningSupport {
  /**
   * The Chat Completions parameter that controls reasoning: `thinking` (hybrid models such as
   * Claude), `reasoning_effort`, or none (the model is not reachable through Chat Completions).
   */
  chatParam: 'thinking' | 'reasoning_effort' | null;
  /** Accepted effort values; anything else is refused (never remapped). `none` means no reasoning. */
  efforts: readonly ReasoningEffort[];
  /** The effort when the request names none; null: no reasoning unless asked. */
  defaultEffort: ReasoningEffort | null;
}

/** One demo endpoint. */
export interface DemoEndpoint {
  name: string;
  task: DemoTask;
  /** The served model's own id: the `model` field of responses and the `served-model-name` header. */
  servedModel: string;
  displayName: string;
  /** Context window in tokens (chat/completions), or the per-input limit (embeddings). */
  contextWindow: number;
  kind: 'pay-per-token' | 'provisioned-throughput' | 'custom';
  /** Embedding profile (hashing seeds and weights) for embeddings endpoints. */
  embeddingProfile?: 'bge' | 'gte';
  /** Which APIs it answers; absent: Chat Completions / Completions / Embeddings, not Responses. */
  apis?: { chat: boolean; responses: boolean };
  /** How it reasons; absent: it never does. */
  reasoning?: ReasoningSupport;
  /** Describe the served entity by its name only, without a `foundation_model` block. */
  bareEntity?: boolean;
  /** Custom endpoints: the Unity Catalog model served (default: the completions model). */
  entity?: { name: string; version: string; workloadType: string };
  createdAt: number;
}

/** Whether the endpoint answers Chat Completions / Completions requests. */
