import type { GenerationSink } from '../../../../../electron/services/types';

/*
 * Streams in the shapes Databricks sends for today's models, written out as SSE text: a
 * Claude answer with thinking over Chat Completions (content arrays, a signature per
 * summary part, an encrypted part), a Responses API answer with a reasoning summary, and an
 * agent that calls a tool. Non-ASCII text makes byte splits land inside UTF-8 characters.
 */

/** `data: {json}` events (with the given `event:` names when set), then `data: [DONE]` if asked. */
export function sse(events: unknown[], options: { done?: boolean; named?: boolean } = {}): string {
  const lines = events.map((e) => {
    const type =
      options.named && typeof e === 'object' && e !== null ? (e as { type?: string }).type : undefined;
    return `${type ? `event: ${type}\n` : ''}data: ${JSON.stringify(e)}\n\n`;
  });
  return lines.join('') + (options.done === false ? '' : 'data: [DONE]\n\n');
}

const chunk = (content: unknown, extra: Record<string, unknown> = {}) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  model: 'claude-sonnet-4-6-20260101',
  choices: [{ index: 0, delta: { content }, finish_reason: null }],
  ...extra,
});

const thinking = (text: string, signature: string | null = null) => [
  { type: 'reasoning', summary: [{ type: 'summary_text', text, signature }] },
];

/** A Claude answer with thinking: two signed summary parts, an encrypted one, then the answer. */
export const CLAUDE_THINKING = sse([
  { ...chunk(null), choices: [{ index: 0, delta: { role: 'assistant', content: '' } }] },
  chunk(thinking('Je réfléchis… ')),
  chunk(thinking('à la question 🤔.')),
  chunk(thinking('', 'sig-part-0')),
  chunk(thinking('Deuxième idée: 你好.')),
  chunk(thinking('', 'sig-part-1')),
  chunk([{ type: 'reasoning', summary: [{ type: 'summary_encrypted_text', data: 'ENCRYPTED==' }] }]),
  chunk([{ type: 'text', text: 'La réponse ' }]),
  chunk('est 42 ✓.'),
  {
    ...chunk(null),
    choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
    usage: {
      prompt_tokens: 12,
      completion_tokens: 80,
      total_tokens: 92,
      completion_tokens_details: { reasoning_tokens: 64 },
    },
  },
]);

/** The sink calls CLAUDE_THINKING must produce. */
export const CLAUDE_THINKING_CALLS = [
  ['start', 'claude-sonnet-4-6-20260101'],
  ['reasoning', 0, { item: 0, part: 0, text: 'Je réfléchis… ' }],
  ['reasoning', 0, { item: 0, part: 0, text: 'à la question 🤔.' }],
  ['reasoning', 0, { item: 0, part: 0, text: '', signature: 'sig-part-0' }],
  ['reasoning', 0, { item: 0, part: 1, text: 'Deuxième idée: 你好.' }],
  ['reasoning', 0, { item: 0, part: 1, text: '', signature: 'sig-part-1' }],
  ['reasoning', 0, { item: 0, part: 2, text: '', encrypted: 'ENCRYPTED==' }],
  ['delta', 0, 'La réponse '],
  ['delta', 0, 'est 42 ✓.'],
  ['usage', { promptTokens: 12, completionTokens: 80, totalTokens: 92, reasoningTokens: 64 }],
];

const response = (status: string, extra: Record<string, unknown> = {}) => ({
  id: 'resp_1',
  object: 'response',
  model: 'gpt-5-5-2026',
  status,
  output: [],
  ...extra,
});

/** A Responses API answer: a reasoning summary in two parts, then a message, then completed. */
export const RESPONSES_ANSWER = sse(
  [
    { type: 'response.created', sequence_number: 0, response: response('in_progress') },
    { type: 'response.in_progress', sequence_number: 1, response: response('in_progress') },
    {
      type: 'response.output_item.added',
      output_index: 0,
      item: { id: 'rs_1', type: 'reasoning', summary: [] },
    },
    {
      type: 'response.reasoning_summary_part.added',
      item_id: 'rs_1',
      output_index: 0,
      summary_index: 0,
      part: { type: 'summary_text', text: '' },
    },
    {
      type: 'response.reasoning_summary_text.delta',
      item_id: 'rs_1',
      output_index: 0,
      summary_index: 0,
      delta: 'Thinking ',
    },
    {
      type: 'response.reasoning_summary_text.delta',
      item_id: 'rs_1',
      output_index: 0,
      summary_index: 0,
      delta: 'hard.',
    },
    {
      type: 'response.reasoning_summary_text.done',
      item_id: 'rs_1',
      output_index: 0,
      summary_index: 0,
      text: 'Thinking hard.',
    },
    {
      type: 'response.reasoning_summary_part.done',
      item_id: 'rs_1',
      output_index: 0,
      summary_index: 0,
      part: { type: 'summary_text', text: 'Thinking hard.' },
    },
    // The second part streams nothing: its text comes only with the item.
    {
      type: 'response.output_item.done',
      output_index: 0,
      item: {
        id: 'rs_1',
        type: 'reasoning',
        summary: [
          { type: 'summary_text', text: 'Thinking hard.' },
          { type: 'summary_text', text: 'Done thinking.' },
        ],
      },
    },
    {
      type: 'response.output_item.added',
      output_index: 1,
      item: { id: 'msg_1', type: 'message', role: 'assistant', status: 'in_progress', content: [] },
    },
    {
      type: 'response.content_part.added',
      item_id: 'msg_1',
      output_index: 1,
      content_index: 0,
      part: { type: 'output_text', text: '', annotations: [] },
    },
    {
      type: 'response.output_text.delta',
      item_id: 'msg_1',
      output_index: 1,
      content_index: 0,
      delta: 'Bonjour',
    },
    {
      type: 'response.output_text.delta',
      item_id: 'msg_1',
      output_index: 1,
      content_index: 0,
      delta: ' 🌍!',
    },
    {
      type: 'response.output_text.done',
      item_id: 'msg_1',
      output_index: 1,
      content_index: 0,
      text: 'Bonjour 🌍!',
    },
    {
      type: 'response.content_part.done',
      item_id: 'msg_1',
      output_index: 1,
      content_index: 0,
      part: { type: 'output_text', text: 'Bonjour 🌍!', annotations: [] },
    },
    {
      type: 'response.output_item.done',
      output_index: 1,
      item: {
        id: 'msg_1',
        type: 'message',
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text: 'Bonjour 🌍!', annotations: [] }],
      },
    },
    {
      type: 'response.completed',
      response: response('completed', {
        usage: {
          input_tokens: 20,
          output_tokens: 30,
          total_tokens: 50,
          output_tokens_details: { reasoning_tokens: 18 },
        },
      }),
    },
  ],
  { done: false, named: true },
);

/** The sink calls RESPONSES_ANSWER must produce. */
export const RESPONSES_ANSWER_CALLS = [
  ['start', 'gpt-5-5-2026'],
  ['reasoning', 0, { item: 0, part: 0, text: 'Thinking ', itemId: 'rs_1' }],
  ['reasoning', 0, { item: 0, part: 0, text: 'hard.', itemId: 'rs_1' }],
  ['reasoning', 0, { item: 0, part: 1, text: 'Done thinking.', itemId: 'rs_1' }],
  ['delta', 0, 'Bonjour'],
  ['delta', 0, ' 🌍!'],
  ['usage', { promptTokens: 20, completionTokens: 30, totalTokens: 50, reasoningTokens: 18 }],
];

/**
 * An agent (Databricks' ResponsesAgent style): reasoning whole in item.done, a tool call
 * whose arguments stream, the tool's output, then text streamed by item id only and repeated
 * whole in its item.done, and `response.completed`.
 */
export const AGENT_ANSWER = sse([
  {
    type: 'response.output_item.done',
    item: { type: 'reasoning', id: 'r1', summary: [{ type: 'summary_text', text: 'Need the weather.' }] },
  },
  {
    type: 'response.output_item.added',
    output_index: 1,
    item: { type: 'function_call', id: 'fc1', call_id: 'call_1', name: 'get_weather', arguments: '' },
  },
  { type: 'response.function_call_arguments.delta', item_id: 'fc1', output_index: 1, delta: '{"city":' },
  { type: 'response.function_call_arguments.delta', item_id: 'fc1', output_index: 1, delta: '"Paris"}' },
  {
    type: 'response.output_item.done',
    output_index: 1,
    item: {
      type: 'function_call',
      id: 'fc1',
      call_id: 'call_1',
      name: 'get_weather',
      arguments: '{"city":"Paris"}',
    },
  },
  {
    type: 'response.output_item.done',
    item: { type: 'function_call_output', call_id: 'call_1', output: { temp: 21 } },
  },
  { type: 'response.output_text.delta', item_id: 'm1', delta: 'It is ' },
  { type: 'response.output_text.delta', item_id: 'm1', delta: '21 °C.' },
  {
    type: 'response.output_item.done',
    item: {
      type: 'message',
      id: 'm1',
      role: 'assistant',
      content: [{ type: 'output_text', text: 'It is 21 °C.' }],
    },
  },
  {
    type: 'response.completed',
    response: { id: 'r', status: 'completed', usage: { input_tokens: 5, output_tokens: 9 } },
  },
]);

/** The sink calls AGENT_ANSWER must produce. */
export const AGENT_ANSWER_CALLS = [
  ['start', null],
  ['reasoning', 0, { item: 0, part: 0, text: 'Need the weather.', itemId: 'r1' }],
  [
    'item',
    0,
    {
      type: 'function_call',
      id: 'fc1',
      callId: 'call_1',
      name: 'get_weather',
      arguments: '{"city":"Paris"}',
    },
  ],
  ['item', 0, { type: 'function_call_output', callId: 'call_1', output: '{"temp":21}' }],
  ['delta', 0, 'It is '],
  ['delta', 0, '21 °C.'],
  ['usage', { promptTokens: 5, completionTokens: 9, totalTokens: 14 }],
];

/** A sink that records every call as `[name, ...args]`. */
export function recordingSink() {
  const calls: unknown[][] = [];
  const sink: GenerationSink = {
    start: (model) => calls.push(['start', model]),
    delta: (index, text) => calls.push(['delta', index, text]),
    reasoning: (index, piece) => calls.push(['reasoning', index, piece]),
    item: (index, item) => calls.push(['item', index, item]),
    retry: (attempt, delayMs, reason) => calls.push(['retry', attempt, delayMs, reason.code]),
    usage: (usage) => calls.push(['usage', usage]),
  };
  return { calls, sink };
}

const toolChunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
  id: 'chatcmpl-2',
  object: 'chat.completion.chunk',
  model: 'gpt-5-2026',
  choices: [{ index: 0, delta, finish_reason: finish }],
});

/**
 * A Chat Completions answer that says a few words, then calls two tools in parallel: ids and
 * names in each call's first fragment, arguments (non-ASCII) split over several chunks and
 * interleaved between the calls, a fragment with only an index, and finish_reason "tool_calls".
 */
export const TOOL_CALLS = sse([
  toolChunk({ role: 'assistant', content: 'Je regarde ' }),
  toolChunk({ content: 'la météo.' }),
  toolChunk({
    tool_calls: [
      { index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } },
    ],
  }),
  toolChunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":"Zür' } }] }),
  toolChunk({
    tool_calls: [
      { index: 1, id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '{"tz"' } },
    ],
  }),
  toolChunk({ tool_calls: [{ index: 0, function: { arguments: 'ich 🇨🇭"}' } }] }),
  toolChunk({ tool_calls: [{ index: 1 }] }),
  toolChunk({ tool_calls: [{ index: 1, function: { arguments: ':"Europe/Zurich"}' } }] }),
  {
    ...toolChunk({}, 'tool_calls'),
    usage: { prompt_tokens: 40, completion_tokens: 25, total_tokens: 65 },
  },
]);

/** The sink calls TOOL_CALLS must produce. */
export const TOOL_CALLS_CALLS = [
  ['start', 'gpt-5-2026'],
  ['delta', 0, 'Je regarde '],
  ['delta', 0, 'la météo.'],
  [
    'item',
    0,
    { type: 'function_call', callId: 'call_a', name: 'get_weather', arguments: '{"city":"Zürich 🇨🇭"}' },
  ],
  [
    'item',
    0,
    { type: 'function_call', callId: 'call_b', name: 'get_time', arguments: '{"tz":"Europe/Zurich"}' },
  ],
  ['usage', { promptTokens: 40, completionTokens: 25, totalTokens: 65 }],
];

const fc = (id: string, callId: string, name: string, args: string) => ({
  type: 'function_call',
  id,
  call_id: callId,
  name,
  arguments: args,
  status: 'completed',
});

/**
 * A Responses API answer (databricks-gpt-5-5 with tools, not an agent): a short message, then
 * two function calls whose arguments stream as deltas, and `response.completed` repeating the
 * whole output (which must not write anything twice).
 */
export const RESPONSES_TOOL_CALLS = sse(
  [
    { type: 'response.created', response: { id: 'resp_2', model: 'gpt-5-5-2026', status: 'in_progress' } },
    {
      type: 'response.output_item.added',
      output_index: 0,
      item: { type: 'message', id: 'msg_1', role: 'assistant', content: [] },
    },
    {
      type: 'response.output_text.delta',
      item_id: 'msg_1',
      output_index: 0,
      content_index: 0,
      delta: 'Un instant…',
    },
    {
      type: 'response.output_item.done',
      output_index: 0,
      item: {
        type: 'message',
        id: 'msg_1',
        role: 'assistant',
        content: [{ type: 'output_text', text: 'Un instant…' }],
      },
    },
    { type: 'response.output_item.added', output_index: 1, item: fc('fc_1', 'call_w', 'get_weather', '') },
    { type: 'response.function_call_arguments.delta', item_id: 'fc_1', output_index: 1, delta: '{"city":' },
    { type: 'response.function_call_arguments.delta', item_id: 'fc_1', output_index: 1, delta: '"Genève"}' },
    {
      type: 'response.function_call_arguments.done',
      item_id: 'fc_1',
      output_index: 1,
      arguments: '{"city":"Genève"}',
    },
    {
      type: 'response.output_item.done',
      output_index: 1,
      item: fc('fc_1', 'call_w', 'get_weather', '{"city":"Genève"}'),
    },
    { type: 'response.output_item.added', output_index: 2, item: fc('fc_2', 'call_t', 'get_time', '') },
    {
      type: 'response.function_call_arguments.delta',
      item_id: 'fc_2',
      output_index: 2,
      delta: '{"tz":"CET"}',
    },
    {
      type: 'response.output_item.done',
      output_index: 2,
      item: fc('fc_2', 'call_t', 'get_time', '{"tz":"CET"}'),
    },
    {
      type: 'response.completed',
      response: {
        id: 'resp_2',
        model: 'gpt-5-5-2026',
        status: 'completed',
        output: [
          {
            type: 'message',
            id: 'msg_1',
            role: 'assistant',
            content: [{ type: 'output_text', text: 'Un instant…' }],
          },
          fc('fc_1', 'call_w', 'get_weather', '{"city":"Genève"}'),
          fc('fc_2', 'call_t', 'get_time', '{"tz":"CET"}'),
        ],
        usage: { input_tokens: 30, output_tokens: 22, total_tokens: 52 },
      },
    },
  ],
  { named: true, done: false },
);

/** The sink calls RESPONSES_TOOL_CALLS must produce. */
export const RESPONSES_TOOL_CALLS_CALLS = [
  ['start', 'gpt-5-5-2026'],
  ['delta', 0, 'Un instant…'],
  [
    'item',
    0,
    {
      type: 'function_call',
      callId: 'call_w',
      name: 'get_weather',
      arguments: '{"city":"Genève"}',
      id: 'fc_1',
    },
  ],
  [
    'item',
    0,
    { type: 'function_call', callId: 'call_t', name: 'get_time', arguments: '{"tz":"CET"}', id: 'fc_2' },
  ],
  ['usage', { promptTokens: 30, completionTokens: 22, totalTokens: 52 }],
];
