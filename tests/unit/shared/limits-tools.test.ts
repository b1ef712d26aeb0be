import { describe, expect, it } from 'vitest';
import { type ChatMessage, MAX_IMAGE_URL_CHARS, type ToolDefinition } from '../../../shared/domain';
import {
  IMAGE_LIMITS,
  imageProblems,
  requestImageBytes,
  requestImagesProblem,
  TOOL_STEP_LIMIT,
  validateParams,
} from '../../../shared/limits';
import { capabilitiesFor } from '../../../shared/model-capabilities';

/* The checks on tools, tool choices, response formats and images, before anything is sent. */

const claude = capabilitiesFor({ name: 'databricks-claude-sonnet-4-6' });
const gpt = capabilitiesFor({ name: 'databricks-gpt-5-5' });
const dbrx = capabilitiesFor({ name: 'databricks-dbrx-instruct' });
const unknown = capabilitiesFor({ name: 'my-custom-model' });
const agent = capabilitiesFor({ name: 'my-agent', task: 'agent/v1/responses' });

const tool = (name: string, extra: Partial<ToolDefinition> = {}): ToolDefinition => ({
  name,
  parameters: { type: 'object', properties: {} },
  ...extra,
});

describe('validateParams: tools and formats', () => {
  it('accepts tools, a named choice and a JSON schema format on a model that takes them', () => {
    const params = {
      tools: [tool('a'), tool('b')],
      tool_choice: { type: 'function' as const, function: { name: 'b' } },
      response_format: {
        type: 'json_schema' as const,
        json_schema: { name: 'x', schema: { type: 'object' } },
      },
      max_tool_steps: TOOL_STEP_LIMIT.max,
    };
    expect(validateParams(params, 'chat', null, claude)).toEqual([]);
    expect(validateParams(params, 'chat', null, unknown)).toEqual([]);
  });

  it('refuses duplicate names, non-object parameters, a choice that is not a tool, a non-object schema', () => {
    const problems = validateParams(
      {
        tools: [tool('a'), tool('a'), tool('s', { parameters: { type: 'string' } })],
        tool_choice: { type: 'function', function: { name: 'missing' } },
        response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'array' } } },
      },
      'chat',
    );
    expect(problems).toEqual([
      'Two tools are named "a"; tool names must be unique.',
      'Tool "s": its parameters must be a JSON Schema with "type": "object".',
      'tool_choice names "missing", which is not one of the tools.',
      'The response schema\'s root must be "type": "object".',
    ]);
  });

  it('allows strict tool schemas on GPT models and unknown ones, not on the others', () => {
    const params = { tools: [tool('f', { strict: true })] };
    expect(validateParams(params, 'chat', null, gpt)).toEqual([]);
    expect(validateParams(params, 'chat', null, unknown)).toEqual([]);
    expect(validateParams(params, 'chat', null, claude)).toEqual([
      'Claude models refuse "strict" in tool schemas: turn Strict off for "f".',
    ]);
  });

  it('takes tool steps from 1 to 25, whole numbers only', () => {
    for (const steps of [TOOL_STEP_LIMIT.min, 5, TOOL_STEP_LIMIT.max])
      expect(validateParams({ max_tool_steps: steps }, 'chat')).toEqual([]);
    for (const steps of [0, 26, 2.5])
      expect(validateParams({ max_tool_steps: steps }, 'chat')).toEqual([
        `Tool steps must be a whole number from 1 to 25; got ${steps}.`,
      ]);
  });

  it('refuses tools and formats with the reason on a model known not to take them, and on agents', () => {
    expect(validateParams({ tools: [tool('f')] }, 'chat', null, dbrx)).toEqual([
      'DBRX models take no tools. Remove the tools or pick another endpoint.',
    ]);
    expect(validateParams({ response_format: { type: 'json_object' } }, 'chat', null, dbrx)).toEqual([
      'DBRX models take no response format (JSON object or schema). Set the response format to text or pick another endpoint.',
    ]);
    // Plain text is what every model answers.
    expect(validateParams({ response_format: { type: 'text' } }, 'chat', null, dbrx)).toEqual([]);
    expect(validateParams({ tools: [tool('f')] }, 'chat', null, agent)[0]).toMatch(
      /^Agents bring their own tools and answer format: tools can't be sent to one\./,
    );
  });

  it('keeps tools and formats to chat', () => {
    expect(validateParams({ tools: [tool('f')] }, 'completions')).toEqual([
      'Tools and response formats are for chat endpoints, not completions.',
    ]);
    expect(validateParams({ response_format: { type: 'json_object' } }, 'embeddings')).toContain(
      'Tools and response formats are for chat endpoints, not embeddings.',
    );
  });
});

const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const user = (count: number, url = PNG): ChatMessage => ({
  role: 'user',
  content: 'Look',
  images: Array.from({ length: count }, () => ({ url })),
});

describe('imageProblems', () => {
  it('has nothing to say without images', () => {
    expect(imageProblems([{ role: 'user', content: 'Hi' }], dbrx)).toEqual([]);
  });

  it('refuses images to a text-only model with the reason; a vision or unknown model takes them', () => {
    expect(imageProblems([user(1)], dbrx)).toEqual([
      'DBRX models are text only: they take no images. Remove the images or pick a vision model (Claude, Llama 4, Gemini, GPT-5).',
    ]);
    expect(imageProblems([user(1)], claude)).toEqual([]);
    expect(imageProblems([user(1)], unknown)).toEqual([]);
  });

  it('refuses more than 20 images in one message', () => {
    expect(imageProblems([user(IMAGE_LIMITS.maxPerMessage)], claude)).toEqual([]);
    expect(imageProblems([user(IMAGE_LIMITS.maxPerMessage + 1)], claude)).toEqual([
      'At most 20 images per message.',
    ]);
  });

  it('refuses a request whose images together pass the cap, counting the whole history', () => {
    const big = `data:image/png;base64,${'A'.repeat(MAX_IMAGE_URL_CHARS - 22)}`;
    const history = [user(4, big), { role: 'assistant' as const, content: 'ok' }, user(4, big)];
    expect(requestImageBytes(history)).toBe(8 * MAX_IMAGE_URL_CHARS);
    expect(requestImagesProblem(history.slice(0, 1))).toBeNull();
    const problem = requestImagesProblem(history);
    expect(problem).toMatch(
      /^The images in this conversation add up to 53\.\d MB once encoded; one request can carry at most 50 MB of images \(every turn sends the earlier ones again\)\. Remove some images or start a new conversation\.$/,
    );
    expect(imageProblems(history, claude)).toEqual([problem]);
  });
});
