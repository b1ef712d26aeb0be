import type { GenerationParams, OutputItem, ToolDefinition } from '../../shared/domain';
import { DEFAULT_MAX_TOOL_STEPS } from '../../shared/request-body';
import { type ValueValidation, validateJsonText } from './json-schema';

/*
 * The tool loop of one answer, pure, for every generating view (chat, compare): which calls
 * still wait for a result, what a mock answers, how many model steps the answer took, and
 * whether to go on. An answer's items hold its whole loop in order: the text of a step, its
 * calls (several at once: parallel calls), their results, the next step… (see
 * shared/request-body.ts `wireMessages` for how that is sent back).
 */

export type FunctionCall = Extract<OutputItem, { type: 'function_call' }>;

/** The calls that have no result yet, in the order the model made them. */
export function pendingCalls(items: readonly OutputItem[] | undefined): FunctionCall[] {
  const answered = new Set<string>();
  for (const item of items ?? []) if (item.type === 'function_call_output') answered.add(item.callId);
  return (items ?? []).filter(
    (i): i is FunctionCall => i.type === 'function_call' && !answered.has(i.callId),
  );
}

/** Model steps that called tools: runs of calls, each ended by results (or by the end). */
export function toolSteps(items: readonly OutputItem[] | undefined): number {
  let steps = 0;
  let inCalls = false;
  for (const item of items ?? []) {
    if (item.type === 'function_call') {
      if (!inCalls) steps++;
      inCalls = true;
    } else inCalls = false;
  }
  return steps;
}

/** The step cap the parameters set (default 5). */
export const maxToolSteps = (params: GenerationParams): number =>
  params.max_tool_steps ?? DEFAULT_MAX_TOOL_STEPS;

/** The definition of the tool a call names, if the parameters have it. */
export const toolNamed = (params: GenerationParams, name: string): ToolDefinition | undefined =>
  params.tools?.find((t) => t.name === name);

/**
 * What mock mode answers a call with: the tool's first saved mock result; for a tool without
 * one, a JSON note saying so (the model sees a result, the user sees why it is generic); for a
 * tool that isn't defined, an error result naming it, as a real tool runner would return.
 */
export function mockResult(params: GenerationParams, call: FunctionCall): string {
  const tool = toolNamed(params, call.name);
  if (!tool) return JSON.stringify({ error: `No tool named "${call.name}" is defined.` });
  const saved = tool.mocks?.find((m) => m.trim() !== '');
  return saved ?? JSON.stringify({ mock: true, note: `No saved mock result for "${call.name}".` });
}

/** `items` with one result per call in `results` (callId → output), after the calls, in call order. */
export function withResults(
  items: readonly OutputItem[] | undefined,
  results: ReadonlyMap<string, string>,
): OutputItem[] {
  const out = [...(items ?? [])];
  for (const call of pendingCalls(items)) {
    const output = results.get(call.callId);
    if (output !== undefined) out.push({ type: 'function_call_output', callId: call.callId, output });
  }
  return out;
}

/**
 * An answer's items ready for results: text the model wrote in the step after its calls (kept
 * as the answer's text) goes before the step's waiting calls, so it is sent back with them (it
 * was said in that step) and the next step's text starts empty.
 */
export function foldStepText(text: string, items: readonly OutputItem[] | undefined): OutputItem[] {
  const out = [...(items ?? [])];
  if (text === '') return out;
  const waiting = new Set(pendingCalls(out).map((c) => c.callId));
  const first = out.findIndex((i) => i.type === 'function_call' && waiting.has(i.callId));
  out.splice(first < 0 ? out.length : first, 0, { type: 'text', text });
  return out;
}

/** What to do once a model step ended. */
export type ToolStepDecision =
  /** No call waits: the answer is complete. */
  | { kind: 'done' }
  /** Calls wait for the user's results. */
  | { kind: 'await'; calls: FunctionCall[] }
  /** Mock mode: answer these calls with these results and go on. */
  | { kind: 'mock'; results: Map<string, string> }
  /** Mock mode reached the step cap: the calls wait for the user. */
  | { kind: 'capped'; calls: FunctionCall[]; steps: number };

/** After a step: done, wait for the user, or (mock mode, under the cap) answer and go on. */
export function nextToolStep(
  items: readonly OutputItem[] | undefined,
  params: GenerationParams,
): ToolStepDecision {
  const calls = pendingCalls(items);
  if (calls.length === 0) return { kind: 'done' };
  if (!params.tool_mock) return { kind: 'await', calls };
  const steps = toolSteps(items);
  if (steps >= maxToolSteps(params)) return { kind: 'capped', calls, steps };
  return { kind: 'mock', results: new Map(calls.map((c) => [c.callId, mockResult(params, c)])) };
}

/** A call's arguments checked against its tool's parameters schema. */
export type ArgumentCheck =
  | { kind: 'unknown-tool'; message: string }
  | ({ kind: 'checked' } & ValueValidation);

export function checkArguments(params: GenerationParams, call: FunctionCall): ArgumentCheck {
  const tool = toolNamed(params, call.name);
  if (!tool)
    return {
      kind: 'unknown-tool',
      message: `The model called "${call.name}", which is not one of the tools.`,
    };
  // Models may send "" for a function without parameters.
  const text = call.arguments.trim() === '' ? '{}' : call.arguments;
  return { kind: 'checked', ...validateJsonText(tool.parameters, text) };
}
