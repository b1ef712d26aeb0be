import { randomBytes } from 'node:crypto';
import type { ChatMessageIn } from './chat-messages';
import { sourceOf, valueFor } from './schema-values';
import type { ToolOptions, ToolSpec } from './tool-params';
import { STOPWORDS } from './topic';

/**
 * When the demo models call tools, and what they say about the results. Deterministic:
 *
 * - The turn is everything after the last user message; "called" are the tools the model
 *   already called in it.
 * - A tool *matches* a text when one of its words (its name split on `_`, `-` and case, and
 *   its description; 4 letters or more, common words like "current" or "return" left out)
 *   appears in the text, case-insensitively (a trailing "s" ignored).
 * - The last user message is cut into steps at the word "then". Each tool belongs to the
 *   first step it matches. The model calls, together (parallel calls), the tools of the first
 *   step that has tools not called yet in this turn. So "weather in Paris and the time" calls
 *   both at once; "the weather in Paris, then search for restaurants" calls get_weather, and,
 *   once its result is in, search: a two-step run.
 * - `tool_choice`: `none` never calls; `auto` follows the rule above and answers in text when
 *   nothing is left to call; `required` follows it too but, when nothing is left, calls the
 *   first tool not called yet in this turn, else the first tool (it never stops calling);
 *   a named choice always calls that tool (and only it). `parallel_tool_calls: false` keeps
 *   only the first call of a step.
 * - When the last message is a tool result and nothing is called, the answer quotes every
 *   result of the turn: "get_weather returned temperature 21 and conditions sunny."
 */

/** A call the model makes. */
export interface PlannedCall {
  id: string;
  name: string;
  /** The arguments as a JSON string, generated from the tool's parameters schema. */
  arguments: string;
}

/** Common words long enough to count but too vague to pick a tool by. */
const VAGUE = new Set(
  'current returns return value values given using based specified provided information data tool function call calls result results name names list find fetch retrieve look lookup into that this with from what when where which your their there then than them have will each other only does make need please tell show the'.split(
    ' ',
  ),
);

const stem = (w: string): string => (w.length > 4 && w.endsWith('s') ? w.slice(0, -1) : w);

/** The words of a text, lower case, stemmed. */
function wordsOf(text: string): Set<string> {
  const words = text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u);
  return new Set(words.filter(Boolean).map(stem));
}

/** The words a tool is recognised by. */
export function toolWords(tool: ToolSpec): string[] {
  const words = [...wordsOf(`${tool.name.replace(/[_-]/g, ' ')} ${tool.description}`)];
  return words.filter((w) => w.length >= 4 && !VAGUE.has(w) && !STOPWORDS.has(w) && !/^\d+$/.test(w));
}

const matches = (tool: ToolSpec, text: Set<string>): boolean => toolWords(tool).some((w) => text.has(w));

/** The messages after the last user message, and that message's text. */
function currentTurn(messages: readonly ChatMessageIn[]) {
  const last = messages.map((m) => m.role).lastIndexOf('user');
  return { prompt: last >= 0 ? (messages[last]?.content ?? '') : '', turn: messages.slice(last + 1) };
}

/** The names of the tools the auto rule would call now (possibly none). */
function autoCalls(tools: ToolSpec[], prompt: string, called: Set<string>): ToolSpec[] {
  const steps = prompt.split(/\bthen\b/i).map(wordsOf);
  const stepOf = (tool: ToolSpec) => steps.findIndex((words) => matches(tool, words));
  const pending = tools.filter((t) => !called.has(t.name) && stepOf(t) >= 0);
  if (pending.length === 0) return [];
  const first = Math.min(...pending.map(stepOf));
  return pending.filter((t) => stepOf(t) === first);
}

/** The tools the model calls now, by the rule in the file comment; empty: it answers. */
export function toolsToCall(options: ToolOptions, messages: readonly ChatMessageIn[]): ToolSpec[] {
  const { tools, choice } = options;
  if (choice === 'none') return [];
  if (typeof choice === 'object') return tools.filter((t) => t.name === choice.name);
  const { prompt, turn } = currentTurn(messages);
  const called = new Set(turn.flatMap((m) => (m.toolCalls ?? []).map((c) => c.name)));
  let picked = autoCalls(tools, prompt, called);
  if (picked.length === 0 && choice === 'required') {
    const next = tools.find((t) => !called.has(t.name)) ?? tools[0];
    picked = next ? [next] : [];
  }
  return options.parallel ? picked : picked.slice(0, 1);
}

/** The calls for these tools: fresh ids, arguments from each schema and the prompt. */
export function planCalls(tools: ToolSpec[], messages: readonly ChatMessageIn[]): PlannedCall[] {
  const { prompt } = currentTurn(messages);
  return tools.map((tool) => ({
    id: `call_${randomBytes(12).toString('hex')}`,
    name: tool.name,
    // Each tool reads the prompt afresh (its numbers from the first one on).
    arguments: JSON.stringify(valueFor(tool.parameters, sourceOf(prompt))),
  }));
}

const MAX_VALUES = 6;
const MAX_QUOTE = 300;

/** Up to MAX_VALUES scalar leaves of a JSON value, as "key value" (key: the nearest name). */
function leaves(value: unknown, key: string, out: string[]): void {
  if (out.length >= MAX_VALUES) return;
  if (Array.isArray(value)) for (const item of value) leaves(item, key, out);
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) leaves(v, k, out);
  else out.push(key ? `${key} ${String(value)}` : String(value));
}

const listed = (parts: string[]): string =>
  parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;

/** One sentence about one tool result. */
function resultSentence(name: string, output: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(output);
  } catch {
    const text = output.trim();
    if (text === '') return `${name} returned nothing.`;
    const quote = text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE)}…` : text;
    return `${name} returned "${quote}".`;
  }
  const parts: string[] = [];
  leaves(parsed, '', parts);
  return parts.length === 0 ? `${name} returned an empty result.` : `${name} returned ${listed(parts)}.`;
}

/**
 * The answer when the last message is a tool result and nothing more is called: one sentence
 * per result of the turn, in order; null when the last message is not a tool result.
 */
export function resultsAnswer(messages: readonly ChatMessageIn[]): string | null {
  if (messages.at(-1)?.role !== 'tool') return null;
  const { turn } = currentTurn(messages);
  const names = new Map(turn.flatMap((m) => (m.toolCalls ?? []).map((c) => [c.id, c.name] as const)));
  const sentences = turn
    .filter((m) => m.role === 'tool')
    .map((m) => resultSentence(names.get(m.toolCallId ?? '') ?? 'The tool', m.content));
  return `Here is what the tools returned. ${sentences.join(' ')}`;
}
