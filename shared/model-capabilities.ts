/*
 * What a model can do, by family: how it reasons and how that is asked for, whether it takes
 * images and tools, which wire protocol it speaks, its context window. The server says
 * almost none of this (a served entity may carry only a name), so the app keeps one table,
 * matched on the model or endpoint name, and lets the user override any entry. Names,
 * prices and limits change: this is data, kept in one place, not scattered conditions.
 */

/** A `reasoning_effort` / `reasoning.effort` value. */
export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high';
export const REASONING_EFFORTS: readonly ReasoningEffort[] = ['none', 'minimal', 'low', 'medium', 'high'];

/** How a model's reasoning is controlled. */
export type ReasoningControl =
  /** No reasoning (or none the API exposes). */
  | { kind: 'none' }
  /** Hybrid (Claude): off unless `thinking: {type: "enabled", budget_tokens}` with min ≤ N < max_tokens. */
  | { kind: 'budget'; minBudget: number }
  /** Reasoning models (GPT-5, GPT-OSS, Gemini): always reason; `reasoning_effort` picks how much. */
  | { kind: 'effort'; efforts: readonly ReasoningEffort[] };

/** The two wire protocols of a chat model on Databricks. */
export type WireProtocol = 'chat-completions' | 'responses';

/** One row of the capability table. */
export interface ModelCapabilities {
  /** A short family label for badges and logs, e.g. "Claude", "GPT-5". */
  family: string;
  reasoning: ReasoningControl;
  /** Takes `image_url` content parts. */
  vision: boolean;
  /** Takes `tools` / `tool_choice`. */
  tools: boolean;
  /** Takes `response_format` json_schema. */
  structuredOutputs: boolean;
  /** The protocol to send: Responses only for endpoints that refuse Chat Completions. */
  protocol: WireProtocol;
  /** Context window in tokens, null when unknown. */
  contextWindow: number | null;
}

/** Nothing known: plain chat completions, no reasoning, no images, no tools. */
export const UNKNOWN_CAPABILITIES: ModelCapabilities = {
  family: 'Unknown',
  reasoning: { kind: 'none' },
  vision: false,
  tools: false,
  structuredOutputs: false,
  protocol: 'chat-completions',
  contextWindow: null,
};

const EFFORT_LMH: readonly ReasoningEffort[] = ['low', 'medium', 'high'];

/**
 * The table, first match wins, against the name normalised by {@link modelKey}. Values from
 * the Databricks Foundation Model API docs (shared/reference: "Today's models") and the
 * brief's 2024 catalog, which keeps working.
 */
export const CAPABILITY_TABLE: ReadonlyArray<
  readonly [RegExp, Partial<ModelCapabilities> & { family: string }]
> = [
  [
    /claude-(3-7-sonnet|sonnet-4|opus-4|haiku-4|sonnet-5|opus-5)/,
    {
      family: 'Claude',
      reasoning: { kind: 'budget', minBudget: 1024 },
      vision: true,
      tools: true,
      structuredOutputs: true,
      contextWindow: 200_000,
    },
  ],
  // GPT-5.5 and later answer only the Responses API; 5.1+ accept effort "none", 5 "minimal".
  [
    /gpt-5-([5-9]|\d\d)/,
    {
      family: 'GPT-5',
      reasoning: { kind: 'effort', efforts: ['none', 'low', 'medium', 'high'] },
      vision: true,
      tools: true,
      structuredOutputs: true,
      protocol: 'responses',
      contextWindow: 272_000,
    },
  ],
  [
    /gpt-5-[1-4]/,
    {
      family: 'GPT-5',
      reasoning: { kind: 'effort', efforts: ['none', 'low', 'medium', 'high'] },
      vision: true,
      tools: true,
      structuredOutputs: true,
      contextWindow: 272_000,
    },
  ],
  [
    /gpt-5/,
    {
      family: 'GPT-5',
      reasoning: { kind: 'effort', efforts: ['minimal', 'low', 'medium', 'high'] },
      vision: true,
      tools: true,
      structuredOutputs: true,
      contextWindow: 272_000,
    },
  ],
  [
    /gpt-oss-(20|120)b/,
    {
      family: 'GPT-OSS',
      reasoning: { kind: 'effort', efforts: EFFORT_LMH },
      tools: true,
      structuredOutputs: true,
      contextWindow: 131_072,
    },
  ],
  [
    /gemini-(2-5|3)/,
    {
      family: 'Gemini',
      reasoning: { kind: 'effort', efforts: EFFORT_LMH },
      vision: true,
      tools: true,
      structuredOutputs: true,
      contextWindow: 1_000_000,
    },
  ],
  [
    /llama-4-maverick/,
    { family: 'Llama 4', vision: true, tools: true, structuredOutputs: true, contextWindow: 131_072 },
  ],
  [
    /meta-llama-3-[13]-\d+b-instruct|llama-3-[13]-\d+b/,
    { family: 'Llama 3', tools: true, structuredOutputs: true, contextWindow: 131_072 },
  ],
  [/meta-llama-3-70b|llama-3-70b/, { family: 'Llama 3', contextWindow: 8_192 }],
  [/gemma-3-12b/, { family: 'Gemma 3', contextWindow: 131_072 }],
  [/dbrx-instruct/, { family: 'DBRX', contextWindow: 32_768 }],
  [/mixtral-8x7b/, { family: 'Mixtral', contextWindow: 32_768 }],
  [/bge-large-en/, { family: 'BGE', contextWindow: 512 }],
  [/gte-large-en/, { family: 'GTE', contextWindow: 8_192 }],
];

/** The table's key for a name: lower case, without `databricks-` / `system.ai.`, `_` and `.` as `-`. */
export function modelKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/^system\.ai\./, '')
    .replace(/^databricks-/, '')
    .replace(/[_.]/g, '-');
}

/** The table's row for a name, or null when no family matches. */
export function knownCapabilities(name: string | null | undefined): ModelCapabilities | null {
  if (!name) return null;
  const key = modelKey(name);
  for (const [pattern, row] of CAPABILITY_TABLE)
    if (pattern.test(key)) return { ...UNKNOWN_CAPABILITIES, ...row };
  return null;
}

/** A user's override of some fields of an endpoint's row (Settings). */
export type CapabilityOverride = Partial<Omit<ModelCapabilities, 'family'>>;

/** What the app needs to know about an endpoint to look it up. */
export interface CapabilityTarget {
  name: string;
  model?: string | null;
  task?: string | null;
}

/**
 * An endpoint's capabilities: the model name's row, else the endpoint name's, else nothing
 * known; agent endpoints (`agent/v1/responses`) speak the Responses API whatever the model;
 * then the user's override.
 */
export function capabilitiesFor(target: CapabilityTarget, override?: CapabilityOverride): ModelCapabilities {
  const row = knownCapabilities(target.model) ?? knownCapabilities(target.name) ?? UNKNOWN_CAPABILITIES;
  const agent = target.task === 'agent/v1/responses';
  const base: ModelCapabilities = agent
    ? { ...row, family: row === UNKNOWN_CAPABILITIES ? 'Agent' : row.family, protocol: 'responses' }
    : row;
  return { ...base, ...override };
}

/**
 * Why a reasoning setting can't be sent to this model (empty when it can): a budget on a
 * model that takes none, a budget under the minimum or not below max_tokens, an effort the
 * model rejects. The server would refuse these; the UI says why before sending.
 */
export function reasoningProblems(
  caps: ModelCapabilities,
  setting: { budgetTokens?: number; effort?: ReasoningEffort },
  maxTokens?: number,
): string[] {
  const problems: string[] = [];
  const { reasoning } = caps;
  if (setting.budgetTokens !== undefined) {
    if (reasoning.kind !== 'budget') problems.push(`${caps.family} models take no thinking budget.`);
    else if (setting.budgetTokens < reasoning.minBudget)
      problems.push(`The thinking budget must be at least ${reasoning.minBudget} tokens.`);
    else if (maxTokens !== undefined && setting.budgetTokens >= maxTokens)
      problems.push(`The thinking budget (${setting.budgetTokens}) must be below max_tokens (${maxTokens}).`);
  }
  if (setting.effort !== undefined) {
    if (reasoning.kind !== 'effort') problems.push(`${caps.family} models take no reasoning effort.`);
    else if (!reasoning.efforts.includes(setting.effort))
      problems.push(
        `${caps.family} accepts reasoning effort ${reasoning.efforts.join(', ')}; not "${setting.effort}".`,
      );
  }
  return problems;
}

/** A capability the UI offers only where the model has it. */
export type Feature = 'tools' | 'structuredOutputs' | 'vision';

/**
 * Whether the endpoint takes a feature: `yes` and `no` from the table; `unknown` for a model
 * the table does not know (an OpenAI-compatible server's, a custom model's), where the feature
 * is offered and the server decides. An agent brings its own tools and answer format.
 */
export function featureSupport(caps: ModelCapabilities, feature: Feature): 'yes' | 'no' | 'unknown' {
  if (caps.family === 'Agent') return feature === 'vision' ? 'unknown' : 'no';
  if (caps.family === 'Unknown') return 'unknown';
  return caps[feature] ? 'yes' : 'no';
}

const FEATURE_WORDS: Record<Feature, string> = {
  tools: 'take no tools',
  structuredOutputs: 'take no response format (JSON object or schema)',
  vision: 'are text only: they take no images',
};

/** Why the endpoint can't take `feature`, in words, or null when it can (or may). */
export function featureRefusal(caps: ModelCapabilities, feature: Feature): string | null {
  if (featureSupport(caps, feature) !== 'no') return null;
  if (caps.family === 'Agent')
    return `Agents bring their own tools and answer format: ${feature === 'tools' ? 'tools' : 'a response format'} can't be sent to one.`;
  return `${caps.family} models ${FEATURE_WORDS[feature]}.`;
}
