import type { ChatMessage, GenerationParams, ReasoningItem, ToolChoice, ToolDefinition } from './domain';

/*
 * The request bodies the workspace client sends, built in one place so that what the UI
 * previews ("View request", "Code") is byte-for-byte what goes over the wire. The builders
 * leave `stream` out; `withStream` adds it the same way for the preview and the client.
 */

/**
 * The sampling parameters ever sent, in the order they appear in a body. An allowlist:
 * presence/frequency penalties and `seed` are not supported by the Foundation Model APIs,
 * so even if something smuggles them into a params object they never reach the server.
 */
export const SENT_PARAM_KEYS = [
  'max_tokens',
  'temperature',
  'top_p',
  'top_k',
  'n',
  'stop',
  'reasoning_effort',
  'thinking_budget',
  'tools',
  'tool_choice',
  'response_format',
] as const;

/** The app's own settings kept with the parameters (presets, conversations), never sent. */
export const APP_PARAM_KEYS = ['tool_mock', 'max_tool_steps'] as const;

/** Model steps an answer with tools may take when the user set no cap. */
export const DEFAULT_MAX_TOOL_STEPS = 5;

/** A parameter that can appear in a body. */
export type SentParamKey = (typeof SENT_PARAM_KEYS)[number];

/**
 * The set parameters only, in a fixed order: an unset control (undefined or null) sends
 * nothing, and an empty stop list is the same as no stop list (sending `[]` means nothing).
 */
export function sentParams(params: GenerationParams): Partial<GenerationParams> {
  const source = params as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of SENT_PARAM_KEYS) {
    const value = source[key];
    if (value === undefined || value === null) continue;
    // tool_choice means nothing without tools (and servers refuse it alone).
    if (key === 'tool_choice' && !(Array.isArray(source.tools) && source.tools.length > 0)) continue;
    if (key === 'stop' || key === 'tools') {
      if (!Array.isArray(value) || value.length === 0) continue;
      out[key] = [...value];
    } else out[key] = value;
  }
  return out;
}

/**
 * The parameters as Chat Completions spells them: the app's `thinking_budget` becomes
 * Claude's `thinking: {type: "enabled", budget_tokens}`; everything else is sent as named.
 */
export function wireParams(params: GenerationParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(sentParams(params))) {
    if (key === 'thinking_budget') out.thinking = { type: 'enabled', budget_tokens: value };
    else if (key === 'tools') out.tools = (value as ToolDefinition[]).map(wireTool);
    else out[key] = value;
  }
  return out;
}

/** A tool as Chat Completions takes it; the app's canned results (`mocks`) stay home. */
export function wireTool(tool: ToolDefinition): Record<string, unknown> {
  return {
    type: 'function',
    function: {
      name: tool.name,
      ...(tool.description ? { description: tool.description } : {}),
      parameters: tool.parameters,
      ...(tool.strict !== undefined ? { strict: tool.strict } : {}),
    },
  };
}

/** A reasoning item as Chat Completions content: `{type: "reasoning", summary: [...]}`. */
const reasoningContent = (item: ReasoningItem) => ({
  type: 'reasoning',
  summary: item.summary.map((p) => ({ ...p })),
});

/**
 * A message as Chat Completions takes it: `{role, content}`, where an assistant turn that
 * reasoned sends its content as an array, reasoning items first (signatures intact, as the
 * model requires), then the text. Extra fields on a message object are dropped.
 */
export function wireMessage(m: ChatMessage): Record<string, unknown> {
  if (m.role === 'user' && m.images?.length)
    return {
      role: m.role,
      content: [
        ...(m.content !== '' ? [{ type: 'text', text: m.content }] : []),
        ...m.images.map((image) => ({ type: 'image_url', image_url: { url: image.url } })),
      ],
    };
  if (m.role !== 'assistant' || !m.reasoning?.length) return { role: m.role, content: m.content };
  const content: Record<string, unknown>[] = m.reasoning.map(reasoningContent);
  if (m.content !== '') content.push({ type: 'text', text: m.content });
  return { role: m.role, content };
}

/**
 * One conversation message as the Chat Completions messages it stands for. An assistant turn
 * that called tools expands, step by step, into an assistant message with its `tool_calls`
 * (its text as `content`, or no `content` at all: Claude refuses an empty one) and one
 * `{role: "tool", tool_call_id, content}` per result, then the final text. Its reasoning goes
 * with the first assistant message (the step it led to).
 */
export function wireMessages(m: ChatMessage): Record<string, unknown>[] {
  const items = m.role === 'assistant' ? (m.items ?? []) : [];
  if (!items.some((i) => i.type === 'function_call')) return [wireMessage(m)];
  const out: Record<string, unknown>[] = [];
  let reasoning = m.reasoning?.length ? m.reasoning.map(reasoningContent) : null;
  let text = '';
  let step: { role: 'assistant'; content?: unknown; tool_calls: Record<string, unknown>[] } | null = null;
  const assistantContent = (t: string): unknown => {
    const parts: Record<string, unknown>[] = reasoning ?? [];
    reasoning = null;
    if (parts.length === 0) return t === '' ? undefined : t;
    return t === '' ? parts : [...parts, { type: 'text', text: t }];
  };
  for (const item of items) {
    if (item.type === 'text') {
      text += item.text;
    } else if (item.type === 'function_call') {
      if (!step) {
        const content = assistantContent(text);
        step = { role: 'assistant', ...(content === undefined ? {} : { content }), tool_calls: [] };
        out.push(step);
        text = '';
      }
      step.tool_calls.push({
        id: item.callId,
        type: 'function',
        function: { name: item.name, arguments: item.arguments },
      });
    } else {
      step = null;
      out.push({ role: 'tool', tool_call_id: item.callId, content: item.output });
    }
  }
  const final = text + m.content;
  if (final !== '' || reasoning) out.push({ role: 'assistant', content: assistantContent(final) ?? '' });
  return out;
}

/** The chat body (without `stream`): the messages, then the set parameters. */
export function buildChatBody(messages: ChatMessage[], params: GenerationParams): Record<string, unknown> {
  return { messages: messages.flatMap(wireMessages), ...wireParams(params) };
}

/** Parameters the Responses API has no field for (refused before sending, see limits.ts). */
export const NOT_IN_RESPONSES = ['top_k', 'n', 'stop', 'thinking_budget'] as const;

/**
 * One conversation turn as Responses API input items: a user or system message with
 * `input_text`, an assistant turn as its reasoning items, then its tool calls and outputs,
 * then its text as an `output_text` message, in the order the model produced them.
 */
function responsesItems(m: ChatMessage): Record<string, unknown>[] {
  if (m.role !== 'assistant') {
    const images = (m.images ?? []).map((image) => ({ type: 'input_image', image_url: image.url }));
    // An image-only turn has no empty text part (as in Chat Completions).
    const text = m.content === '' && images.length > 0 ? [] : [{ type: 'input_text', text: m.content }];
    return [{ role: m.role, content: [...text, ...images] }];
  }
  const items: Record<string, unknown>[] = (m.reasoning ?? []).map((r) => ({
    type: 'reasoning',
    ...(r.id ? { id: r.id } : {}),
    summary: r.summary.map((p) => ({ ...p })),
  }));
  for (const item of m.items ?? []) {
    if (item.type === 'function_call')
      items.push({ type: 'function_call', call_id: item.callId, name: item.name, arguments: item.arguments });
    else if (item.type === 'function_call_output')
      items.push({ type: 'function_call_output', call_id: item.callId, output: item.output });
    else
      items.push({ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: item.text }] });
  }
  if (m.content !== '')
    items.push({ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: m.content }] });
  return items;
}

/**
 * The Responses API body (without `stream`): `model` is the endpoint; the leading system
 * message becomes `instructions`; the rest become `input` items; `max_tokens` is sent as
 * `max_output_tokens`, `reasoning_effort` as `reasoning: {effort}`.
 */
export function buildResponsesBody(
  endpoint: string,
  messages: ChatMessage[],
  params: GenerationParams,
): Record<string, unknown> {
  const system = messages[0]?.role === 'system' ? messages[0] : null;
  const rest = system ? messages.slice(1) : messages;
  const p = sentParams(params);
  return {
    model: endpoint,
    ...(system ? { instructions: system.content } : {}),
    input: rest.flatMap(responsesItems),
    ...(p.max_tokens !== undefined ? { max_output_tokens: p.max_tokens } : {}),
    ...(p.temperature !== undefined ? { temperature: p.temperature } : {}),
    ...(p.top_p !== undefined ? { top_p: p.top_p } : {}),
    ...(p.reasoning_effort !== undefined ? { reasoning: { effort: p.reasoning_effort } } : {}),
    ...(p.tools ? { tools: p.tools.map(responsesTool) } : {}),
    ...(p.tool_choice !== undefined ? { tool_choice: responsesToolChoice(p.tool_choice) } : {}),
    ...(p.response_format !== undefined ? { text: { format: responsesFormat(p.response_format) } } : {}),
  };
}

/** A tool as the Responses API takes it: the function's fields at the top level. */
function responsesTool(tool: ToolDefinition): Record<string, unknown> {
  const { function: fn } = wireTool(tool) as { function: Record<string, unknown> };
  return { type: 'function', ...fn };
}

const responsesToolChoice = (choice: ToolChoice): unknown =>
  typeof choice === 'string' ? choice : { type: 'function', name: choice.function.name };

/** `response_format` as the Responses API's `text.format`. */
function responsesFormat(format: NonNullable<GenerationParams['response_format']>): Record<string, unknown> {
  if (format.type !== 'json_schema') return { type: format.type };
  return { type: 'json_schema', ...format.json_schema };
}

/** The completions body (without `stream`): the raw prompt, then the set parameters. */
export function buildCompletionBody(prompt: string, params: GenerationParams): Record<string, unknown> {
  // Text completion has no reasoning fields: a setting left from a chat preset is not sent.
  // Nor tools or response formats: those are chat's.
  const {
    reasoning_effort: _effort,
    thinking_budget: _budget,
    tools: _tools,
    tool_choice: _choice,
    response_format: _format,
    ...rest
  } = sentParams(params);
  return { prompt, ...rest };
}

/** Whether the answer is streamed: yes unless the parameters turn it off (`stream: false`). */
export const isStreamed = (params: Pick<GenerationParams, 'stream'>): boolean => params.stream !== false;

/**
 * The parameters a saved setting (a preset) keeps: the set ones, as `sentParams`, and the
 * Stream switch when it is off. Streaming on is the default, so it is kept as unset.
 */
export function keptParams(params: GenerationParams): Partial<GenerationParams> {
  const kept: Partial<GenerationParams> = isStreamed(params)
    ? sentParams(params)
    : { ...sentParams(params), stream: false };
  if (params.tool_mock !== undefined) kept.tool_mock = params.tool_mock;
  if (params.max_tool_steps !== undefined) kept.max_tool_steps = params.max_tool_steps;
  return kept;
}

/**
 * A built body as sent: with `stream` (true unless the parameters say false). The client sends
 * exactly this, adding only, to an OpenAI server's stream, `stream_options` for the usage.
 */
export function withStream(
  body: Record<string, unknown>,
  params: Pick<GenerationParams, 'stream'>,
): Record<string, unknown> {
  return { ...body, stream: isStreamed(params) };
}
