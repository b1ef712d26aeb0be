import { randomBytes } from 'node:crypto';
import type { GeneratedChoice } from './generation';
import type { ReasoningRequest } from './reasoning';
import { reasoningItemId } from './reasoning-signature';
import type { ResponsesInvocation } from './responses-request';

/**
 * The output of a Responses API answer: which items it has (reasoning, function calls and
 * their outputs, the message), what each streams, and the response object of the JSON answer
 * and of the stream's `response.*` events.
 */

/** One output item before ids and JSON: its kind, streamed tokens and what else it needs. */
export type ItemSpec =
  | { kind: 'reasoning'; pieces: string[] }
  | { kind: 'message'; pieces: string[] }
  | { kind: 'function_call'; name: string; callId: string; pieces: string[] }
  | { kind: 'function_call_output'; callId: string; output: string; pieces: [] };

/** One output item ready to send. */
export interface PlannedItem {
  kind: ItemSpec['kind'];
  id: string;
  /** Streamed tokens (summary text, arguments, answer text); none for a tool's output. */
  pieces: string[];
  /** As announced by `response.output_item.added`. */
  added: Record<string, unknown>;
  /** As finished (`response.output_item.done`, the JSON answer). */
  done: Record<string, unknown>;
}

/** A whole answer. */
export interface ResponsePlan {
  id: string;
  createdAt: number;
  model: string;
  status: 'completed' | 'incomplete';
  items: PlannedItem[];
  usage: Record<string, unknown>;
  /** Request fields a response echoes. */
  echo: Record<string, unknown>;
}

export const newItemId = (prefix: string): string => `${prefix}_${randomBytes(12).toString('hex')}`;

/** The items of a model's answer: its reasoning (if any), then its message (if it got that far). */
export function modelItems(choice: GeneratedChoice): ItemSpec[] {
  const items: ItemSpec[] = [];
  if (choice.reasoning) items.push({ kind: 'reasoning', pieces: choice.reasoning.pieces });
  if (!choice.reasoning || choice.pieces.length > 0) items.push({ kind: 'message', pieces: choice.pieces });
  return items;
}

/**
 * Cuts items to `cap` output tokens in order: the item where the budget runs out is cut, and
 * nothing after it is produced (a tool that was never called has no output).
 */
export function applyOutputBudget(items: ItemSpec[], cap: number | undefined) {
  if (cap === undefined) return { items, complete: true };
  const kept: ItemSpec[] = [];
  let left = cap;
  for (const item of items) {
    if (item.kind === 'function_call_output') {
      kept.push(item);
      continue;
    }
    if (left <= 0 || item.pieces.length > left) {
      if (left > 0) kept.push({ ...item, pieces: item.pieces.slice(0, left) });
      return { items: kept, complete: false };
    }
    kept.push(item);
    left -= item.pieces.length;
  }
  return { items: kept, complete: true };
}

function materialise(spec: ItemSpec, status: 'completed' | 'incomplete'): PlannedItem {
  const text = spec.pieces.join('');
  switch (spec.kind) {
    case 'reasoning': {
      const id = reasoningItemId(text);
      const done = { type: 'reasoning', id, summary: [{ type: 'summary_text', text }] };
      return { kind: spec.kind, id, pieces: spec.pieces, added: { ...done, summary: [] }, done };
    }
    case 'message': {
      const id = newItemId('msg');
      const base = { type: 'message', id, role: 'assistant' };
      const done = { ...base, status, content: [{ type: 'output_text', text, annotations: [] }] };
      const added = { ...base, status: 'in_progress', content: [] };
      return { kind: spec.kind, id, pieces: spec.pieces, added, done };
    }
    case 'function_call': {
      const id = newItemId('fc');
      const base = { type: 'function_call', id, call_id: spec.callId, name: spec.name };
      const done = { ...base, arguments: text, status };
      const added = { ...base, arguments: '', status: 'in_progress' };
      return { kind: spec.kind, id, pieces: spec.pieces, added, done };
    }
    case 'function_call_output': {
      const id = newItemId('fco');
      const done = { type: 'function_call_output', id, call_id: spec.callId, output: spec.output };
      return { kind: spec.kind, id, pieces: [], added: done, done };
    }
  }
}

const tokensOf = (specs: ItemSpec[], kind?: ItemSpec['kind']): number =>
  specs.filter((s) => kind === undefined || s.kind === kind).reduce((n, s) => n + s.pieces.length, 0);

/** Builds the answer from its items; `complete` is false when max_output_tokens cut it. */
export function planResponse(
  inv: ResponsesInvocation,
  model: string,
  specs: ItemSpec[],
  complete: boolean,
): ResponsePlan {
  const status = complete ? 'completed' : 'incomplete';
  // Only the item that was cut is incomplete; the ones before it finished.
  const items = specs.map((spec, i) =>
    materialise(spec, complete || i < specs.length - 1 ? 'completed' : status),
  );
  const output = tokensOf(specs);
  return {
    id: newItemId('resp'),
    createdAt: Math.floor(Date.now() / 1000),
    model,
    status,
    items,
    usage: {
      input_tokens: inv.promptTokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: output,
      output_tokens_details: { reasoning_tokens: tokensOf(specs, 'reasoning') },
      total_tokens: inv.promptTokens + output,
    },
    echo: echoOf(inv, inv.reasoning),
  };
}

/** The request's tools, tool_choice and text format, as a response echoes them. */
function echoExtras(inv: ResponsesInvocation): Record<string, unknown> {
  const { tools, format } = inv.extras;
  const choice = tools?.choice ?? 'auto';
  return {
    tools: (tools?.tools ?? []).map((t) => ({ type: 'function', ...t, strict: false })),
    tool_choice: typeof choice === 'string' ? choice : { type: 'function', name: choice.name },
    parallel_tool_calls: tools?.parallel ?? true,
    text: {
      format:
        format?.type === 'json_schema'
          ? { type: 'json_schema', name: format.name, schema: format.schema, strict: format.strict ?? false }
          : { type: format?.type ?? 'text' },
    },
  };
}

function echoOf(inv: ResponsesInvocation, reasoning: ReasoningRequest | null): Record<string, unknown> {
  return {
    ...echoExtras(inv),
    instructions: inv.instructions,
    max_output_tokens: inv.maxOutputTokens ?? null,
    temperature: inv.params.temperature,
    top_p: inv.params.topP,
    reasoning: { effort: reasoning?.effort ?? null, summary: reasoning ? 'auto' : null },
  };
}

/** The response object: finished, or as `response.created` shows it (no output, no usage yet). */
export function responseJson(plan: ResponsePlan, stage: 'in_progress' | 'final'): Record<string, unknown> {
  const final = stage === 'final';
  return {
    id: plan.id,
    object: 'response',
    created_at: plan.createdAt,
    status: final ? plan.status : 'in_progress',
    error: null,
    incomplete_details: final && plan.status === 'incomplete' ? { reason: 'max_output_tokens' } : null,
    model: plan.model,
    output: final ? plan.items.map((item) => item.done) : [],
    parallel_tool_calls: true,
    tool_choice: 'auto',
    tools: [],
    text: { format: { type: 'text' } },
    ...plan.echo,
    usage: final ? plan.usage : null,
  };
}
