import { randomBytes } from 'node:crypto';
import type { GeneratedChoice } from './generation';
import { tokenize } from './tokenizer';
import type { PlannedCall } from './tool-calls';

/**
 * Chat Completions choices that call tools: no text, `finish_reason: "tool_calls"`, the
 * calls as `message.tool_calls` (JSON) or `delta.tool_calls` fragments (streams). Each call's
 * arguments stream one token per step; its first fragment comes after a header chunk that
 * carries its index, id, type and name with empty arguments, as OpenAI streams them.
 */

/**
 * The calls that fit in `cap` tokens of arguments: the call where the budget runs out is cut
 * (its arguments are then not valid JSON, as with a real model) and later ones are dropped.
 */
function withinCap(calls: PlannedCall[], cap: number | undefined): { calls: PlannedCall[]; cut: boolean } {
  if (cap === undefined) return { calls, cut: false };
  const kept: PlannedCall[] = [];
  let left = cap;
  for (const call of calls) {
    const pieces = tokenize(call.arguments);
    if (pieces.length > left) {
      if (left > 0) kept.push({ ...call, arguments: pieces.slice(0, left).join('') });
      return { calls: kept, cut: true };
    }
    kept.push(call);
    left -= pieces.length;
  }
  return { calls: kept, cut: false };
}

/** `n` choices making the same calls, each with its own call ids; `cap` is max_tokens. */
export function toolCallChoices(planned: PlannedCall[], n: number, cap?: number): GeneratedChoice[] {
  const { calls, cut } = withinCap(planned, cap);
  return Array.from({ length: n }, (_, index) => ({
    index,
    text: '',
    pieces: [],
    finishReason: cut ? ('length' as const) : ('tool_calls' as const),
    toolCalls:
      index === 0 ? calls : calls.map((c) => ({ ...c, id: `call_${randomBytes(12).toString('hex')}` })),
  }));
}

/** A call as `message.tool_calls` carries it. */
export const wireToolCall = (call: PlannedCall) => ({
  id: call.id,
  type: 'function',
  function: { name: call.name, arguments: call.arguments },
});

/** Tokens of a choice's tool calls (their arguments). */
export const callTokens = (choice: GeneratedChoice): number =>
  (choice.toolCalls ?? []).reduce((n, call) => n + tokenize(call.arguments).length, 0);

/** The `delta` JSON of streaming step `s` (0 ≤ s < callTokens) of a choice that calls tools. */
export function toolCallDeltas(choice: GeneratedChoice, s: number): string[] {
  let step = s;
  for (const [index, call] of (choice.toolCalls ?? []).entries()) {
    const pieces = tokenize(call.arguments);
    if (step >= pieces.length) {
      step -= pieces.length;
      continue;
    }
    const fragment = JSON.stringify({ tool_calls: [{ index, function: { arguments: pieces[step] } }] });
    if (step > 0) return [fragment];
    const header = {
      ...(index === 0 ? { role: 'assistant', content: null } : {}),
      tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }],
    };
    return [JSON.stringify(header), fragment];
  }
  return [];
}
