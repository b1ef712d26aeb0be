import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoWorkspace } from '../../../../electron/demo-workspace/server';
import {
  type AnyJson,
  CLAUDE,
  chatText,
  DBRX,
  GPT_OSS,
  invocations,
  json,
  LLAMA_3_3,
  post,
  readAll,
  schemaErrors,
  sseChunks,
  startFast,
} from './helpers';

/** `response_format` in Chat Completions: JSON objects, JSON schemas, refusals. */

let ws: DemoWorkspace;
beforeAll(async () => {
  ws = await startFast();
});
afterAll(() => ws.close());

const RECIPE = {
  type: 'object',
  properties: {
    title: { type: 'string' },
    servings: { type: 'integer', minimum: 1, maximum: 12 },
    vegetarian: { type: 'boolean' },
    difficulty: { type: 'string', enum: ['easy', 'medium', 'hard'] },
    ingredients: {
      type: 'array',
      minItems: 2,
      items: {
        type: 'object',
        properties: { name: { type: 'string' }, grams: { type: 'number', minimum: 0 } },
        required: ['name', 'grams'],
        additionalProperties: false,
      },
    },
  },
  required: ['title', 'servings', 'vegetarian', 'difficulty', 'ingredients'],
  additionalProperties: false,
};
const schemaFormat = (schema: unknown, strict?: boolean) => ({
  type: 'json_schema',
  json_schema: { name: 'recipe', schema, ...(strict === undefined ? {} : { strict }) },
});
const ask = (content: string, extra: Record<string, unknown>) => ({
  messages: [{ role: 'user', content }],
  ...extra,
});

async function ok(res: Response): Promise<AnyJson> {
  const body = await json(res);
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
}

describe('JSON answers', () => {
  it('answers json_object with a JSON object', async () => {
    const body = await ok(
      await post(
        ws,
        invocations(LLAMA_3_3),
        ask('Explain tides as JSON', { response_format: { type: 'json_object' } }),
      ),
    );
    const parsed = JSON.parse(body.choices[0].message.content);
    expect(typeof parsed).toBe('object');
    expect(Array.isArray(parsed)).toBe(false);
    expect(parsed.answer).toMatch(/tides/);
  });

  it('answers json_schema with JSON that validates, taking values from the prompt', async () => {
    const body = await ok(
      await post(
        ws,
        invocations(CLAUDE),
        ask('A hard vegetarian recipe for 4 people', { response_format: schemaFormat(RECIPE) }),
      ),
    );
    const parsed = JSON.parse(body.choices[0].message.content);
    expect(schemaErrors(RECIPE, parsed)).toEqual([]);
    expect(parsed).toMatchObject({ servings: 4, difficulty: 'hard' });
    expect(body.choices[0].finish_reason).toBe('stop');
  });

  it('streams the JSON in pieces', async () => {
    const res = await post(
      ws,
      invocations(GPT_OSS),
      ask('A recipe', { response_format: schemaFormat(RECIPE, true), reasoning_effort: 'low', stream: true }),
    );
    const chunks = sseChunks((await readAll(res)).text) as AnyJson[];
    const pieces = chunks.flatMap((c) =>
      (c.choices[0]?.delta?.content ?? [])
        .filter((p: AnyJson) => p.type === 'text')
        .map((p: AnyJson) => p.text),
    );
    expect(pieces.length).toBeGreaterThan(5);
    expect(schemaErrors(RECIPE, JSON.parse(pieces.join('')))).toEqual([]);
  });

  it('streams plain JSON content on a model that does not reason', async () => {
    const res = await post(
      ws,
      invocations(LLAMA_3_3),
      ask('A recipe', { response_format: schemaFormat(RECIPE), stream: true }),
    );
    const text = chatText(sseChunks((await readAll(res)).text));
    expect(schemaErrors(RECIPE, JSON.parse(text))).toEqual([]);
  });

  it('answers text as before with response_format text', async () => {
    const body = await ok(
      await post(ws, invocations(LLAMA_3_3), ask('Explain tides', { response_format: { type: 'text' } })),
    );
    expect(body.choices[0].message.content).toMatch(/tides/i);
  });
});

describe('format validation', () => {
  async function refused(body: Record<string, unknown>, text: RegExp, model = LLAMA_3_3) {
    const res = await post(ws, invocations(model), ask('Hi', body));
    const error = await json(res);
    expect(res.status).toBe(400);
    expect(error.error_code).toBe('INVALID_PARAMETER_VALUE');
    expect(error.message).toMatch(text);
  }

  it('refuses malformed formats with the field named', async () => {
    await refused({ response_format: { type: 'yaml' } }, /response_format.type must be/);
    await refused({ response_format: 'json' }, /response_format must be an object/);
    await refused({ response_format: { type: 'json_schema' } }, /response_format.json_schema is required/);
    await refused(
      { response_format: { type: 'json_schema', json_schema: { name: 'bad name', schema: RECIPE } } },
      /json_schema.name/,
    );
    await refused(
      { response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'array' } } } },
      /json_schema.schema must describe an object/,
    );
    await refused(
      { response_format: { type: 'json_schema', json_schema: { name: 'x', schema: RECIPE, strict: 'yes' } } },
      /strict must be true or false/,
    );
  });

  it('refuses a format on a model without structured outputs', async () => {
    await refused({ response_format: { type: 'json_object' } }, /does not support response_format/, DBRX);
  });
});
