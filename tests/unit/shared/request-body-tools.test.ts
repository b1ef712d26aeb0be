import { describe, expect, it } from 'vitest';
import type { ChatMessage, GenerationParams, ToolDefinition } from '../../../shared/domain';
import {
  buildChatBody,
  buildCompletionBody,
  buildResponsesBody,
  keptParams,
  wireMessages,
  wireParams,
  wireTool,
} from '../../../shared/request-body';

/* Tools, tool choices, response formats, tool loops and images in the bodies the app sends. */

const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const JPEG = 'data:image/jpeg;base64,/9j/4AAQ';
const weather: ToolDefinition = {
  name: 'get_weather',
  description: 'Weather in a city.',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  strict: true,
  mocks: ['{"temp": 21}'],
};
const time: ToolDefinition = { name: 'get_time', parameters: { type: 'object', properties: {} } };
const schemaFormat = {
  type: 'json_schema' as const,
  json_schema: { name: 'answer', description: 'An answer.', schema: { type: 'object' }, strict: true },
};

describe('wireTool', () => {
  it('sends the function, never the canned results; description and strict only when set', () => {
    expect(wireTool(weather)).toEqual({
      type: 'function',
      function: {
        name: 'get_weather',
        description: 'Weather in a city.',
        parameters: weather.parameters,
        strict: true,
      },
    });
    expect(wireTool(time)).toEqual({
      type: 'function',
      function: { name: 'get_time', parameters: time.parameters },
    });
    expect(wireTool({ ...time, description: '', strict: false }).function).toEqual({
      name: 'get_time',
      parameters: time.parameters,
      strict: false,
    });
  });
});

describe('wireParams', () => {
  it('sends tools, tool_choice and response_format as Chat Completions spells them; app settings never', () => {
    const params: GenerationParams = {
      max_tokens: 100,
      tools: [weather, time],
      tool_choice: { type: 'function', function: { name: 'get_time' } },
      response_format: schemaFormat,
      tool_mock: true,
      max_tool_steps: 7,
    };
    expect(wireParams(params)).toEqual({
      max_tokens: 100,
      tools: [wireTool(weather), wireTool(time)],
      tool_choice: { type: 'function', function: { name: 'get_time' } },
      response_format: schemaFormat,
    });
    expect(JSON.stringify(wireParams(params))).not.toMatch(/mocks|tool_mock|max_tool_steps/);
  });

  it('drops tool_choice without tools (servers refuse it alone), and an empty tool list', () => {
    expect(wireParams({ tool_choice: 'required' })).toEqual({});
    expect(wireParams({ tools: [], tool_choice: 'auto' })).toEqual({});
    expect(wireParams({ tools: [time], tool_choice: 'none' })).toEqual({
      tools: [wireTool(time)],
      tool_choice: 'none',
    });
  });

  it('sends a JSON object format as it is', () => {
    expect(wireParams({ response_format: { type: 'json_object' } })).toEqual({
      response_format: { type: 'json_object' },
    });
  });
});

const call = (callId: string, name: string, args = '{}') => ({
  type: 'function_call' as const,
  callId,
  name,
  arguments: args,
});
const output = (callId: string, out: string) => ({
  type: 'function_call_output' as const,
  callId,
  output: out,
});
const toolCall = (id: string, name: string, args = '{}') => ({
  id,
  type: 'function',
  function: { name, arguments: args },
});

describe('wireMessages', () => {
  it('sends a user message with images as a content array: its text, then each image', () => {
    expect(
      wireMessages({ role: 'user', content: 'What is it?', images: [{ url: PNG }, { url: JPEG }] }),
    ).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is it?' },
          { type: 'image_url', image_url: { url: PNG } },
          { type: 'image_url', image_url: { url: JPEG } },
        ],
      },
    ]);
    expect(wireMessages({ role: 'user', content: '', images: [{ url: PNG }] })).toEqual([
      { role: 'user', content: [{ type: 'image_url', image_url: { url: PNG } }] },
    ]);
    expect(wireMessages({ role: 'user', content: 'Hi', images: [] })).toEqual([
      { role: 'user', content: 'Hi' },
    ]);
  });

  it('expands parallel calls into one assistant message, a tool message per result, then the final text', () => {
    const turn: ChatMessage = {
      role: 'assistant',
      content: 'Sunny at noon.',
      items: [
        { type: 'text', text: 'Checking.' },
        call('c1', 'get_weather', '{"city":"Oslo"}'),
        call('c2', 'get_time'),
        output('c1', '{"temp": 21}'),
        output('c2', '12:00'),
      ],
    };
    expect(wireMessages(turn)).toEqual([
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [toolCall('c1', 'get_weather', '{"city":"Oslo"}'), toolCall('c2', 'get_time')],
      },
      { role: 'tool', tool_call_id: 'c1', content: '{"temp": 21}' },
      { role: 'tool', tool_call_id: 'c2', content: '12:00' },
      { role: 'assistant', content: 'Sunny at noon.' },
    ]);
  });

  it('leaves content out of a step with no text (Claude refuses an empty one), and keeps steps apart', () => {
    const turn: ChatMessage = {
      role: 'assistant',
      content: '',
      items: [
        call('a', 'get_time'),
        output('a', '12:00'),
        { type: 'text', text: 'Now the weather.' },
        call('b', 'get_weather', '{"city":"Rome"}'),
        output('b', 'rain'),
      ],
    };
    const wired = wireMessages(turn);
    expect(wired).toEqual([
      { role: 'assistant', tool_calls: [toolCall('a', 'get_time')] },
      { role: 'tool', tool_call_id: 'a', content: '12:00' },
      {
        role: 'assistant',
        content: 'Now the weather.',
        tool_calls: [toolCall('b', 'get_weather', '{"city":"Rome"}')],
      },
      { role: 'tool', tool_call_id: 'b', content: 'rain' },
    ]);
    expect('content' in wired[0]!).toBe(false);
  });

  it('sends the reasoning with the step it led to, signatures intact', () => {
    const reasoning = [
      { summary: [{ type: 'summary_text' as const, text: 'Need the time.', signature: 'SIG' }] },
    ];
    const turn: ChatMessage = {
      role: 'assistant',
      content: 'It is noon.',
      reasoning,
      items: [call('a', 'get_time'), output('a', '12:00')],
    };
    expect(wireMessages(turn)).toEqual([
      {
        role: 'assistant',
        content: [{ type: 'reasoning', summary: reasoning[0]!.summary }],
        tool_calls: [toolCall('a', 'get_time')],
      },
      { role: 'tool', tool_call_id: 'a', content: '12:00' },
      { role: 'assistant', content: 'It is noon.' },
    ]);
    // With step text, the reasoning comes first, then the text.
    const withText = wireMessages({
      ...turn,
      items: [{ type: 'text', text: 'Let me see.' }, ...turn.items!],
    });
    expect(withText[0]!.content).toEqual([
      { type: 'reasoning', summary: reasoning[0]!.summary },
      { type: 'text', text: 'Let me see.' },
    ]);
  });

  it('sends a turn whose items are only text (no calls) as its one message', () => {
    expect(
      wireMessages({ role: 'assistant', content: 'Hi', items: [{ type: 'text', text: 'ignored' }] }),
    ).toEqual([{ role: 'assistant', content: 'Hi' }]);
  });
});

const loop: ChatMessage[] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Weather here?', images: [{ url: PNG }] },
  {
    role: 'assistant',
    content: 'Sunny.',
    items: [call('c1', 'get_weather', '{"city":"Oslo"}'), output('c1', 'sun')],
  },
  { role: 'user', content: 'Thanks' },
];

describe('buildChatBody', () => {
  it('expands every turn, then the parameters', () => {
    const body = buildChatBody(loop, { tools: [weather], tool_choice: 'auto' });
    expect(body.messages).toEqual(loop.flatMap(wireMessages));
    expect((body.messages as unknown[]).length).toBe(6);
    expect(body.tools).toEqual([wireTool(weather)]);
    expect(body.tool_choice).toBe('auto');
  });
});

describe('buildResponsesBody', () => {
  it('sends flat tools, the choice by name, text.format, input images, and the calls and outputs as items', () => {
    const body = buildResponsesBody('databricks-gpt-5-5', loop, {
      tools: [weather, time],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      response_format: schemaFormat,
      tool_mock: true,
    });
    expect(body).toEqual({
      model: 'databricks-gpt-5-5',
      instructions: 'Be brief.',
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'Weather here?' },
            { type: 'input_image', image_url: PNG },
          ],
        },
        { type: 'function_call', call_id: 'c1', name: 'get_weather', arguments: '{"city":"Oslo"}' },
        { type: 'function_call_output', call_id: 'c1', output: 'sun' },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Sunny.' }] },
        { role: 'user', content: [{ type: 'input_text', text: 'Thanks' }] },
      ],
      tools: [
        {
          type: 'function',
          name: 'get_weather',
          description: 'Weather in a city.',
          parameters: weather.parameters,
          strict: true,
        },
        { type: 'function', name: 'get_time', parameters: time.parameters },
      ],
      tool_choice: { type: 'function', name: 'get_weather' },
      text: {
        format: {
          type: 'json_schema',
          name: 'answer',
          description: 'An answer.',
          schema: { type: 'object' },
          strict: true,
        },
      },
    });
  });

  it('passes a string choice and a JSON object format; drops the choice without tools', () => {
    const body = buildResponsesBody('e', [{ role: 'user', content: 'q' }], {
      tools: [time],
      tool_choice: 'required',
      response_format: { type: 'json_object' },
    });
    expect(body.tool_choice).toBe('required');
    expect(body.text).toEqual({ format: { type: 'json_object' } });
    expect(
      'tool_choice' in buildResponsesBody('e', [{ role: 'user', content: 'q' }], { tool_choice: 'auto' }),
    ).toBe(false);
  });

  it('sends an image-only user turn without an empty text part', () => {
    const body = buildResponsesBody('e', [{ role: 'user', content: '', images: [{ url: PNG }] }], {});
    expect(body.input).toEqual([{ role: 'user', content: [{ type: 'input_image', image_url: PNG }] }]);
  });
});

describe('buildCompletionBody and keptParams', () => {
  it('a completion sends no tools, choice or format', () => {
    expect(
      buildCompletionBody('p', {
        max_tokens: 5,
        tools: [weather],
        tool_choice: 'auto',
        response_format: { type: 'json_object' },
        tool_mock: true,
      }),
    ).toEqual({ prompt: 'p', max_tokens: 5 });
  });

  it('a preset keeps the tools (with their canned results), the choice, the format and the app settings', () => {
    const params: GenerationParams = {
      tools: [weather],
      tool_choice: 'auto',
      response_format: { type: 'json_object' },
      tool_mock: false,
      max_tool_steps: 3,
    };
    expect(keptParams(params)).toEqual(params);
    expect(keptParams({ max_tool_steps: 9 })).toEqual({ max_tool_steps: 9 });
  });
});
