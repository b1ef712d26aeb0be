import { describe, expect, it } from 'vitest';
import { sourceOf, valueFor } from '../../../../electron/demo-workspace/schema-values';
import { schemaErrors } from './helpers';

/** Values generated from JSON Schemas validate against them and borrow from the prompt. */

const generate = (schema: Record<string, unknown>, prompt = 'Tell me about Lisbon and 3 museums') =>
  valueFor(schema, sourceOf(prompt));

const SCHEMAS: Record<string, Record<string, unknown>> = {
  flat: {
    type: 'object',
    properties: {
      name: { type: 'string', minLength: 3, maxLength: 20 },
      age: { type: 'integer', minimum: 18, maximum: 99 },
      score: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
      active: { type: 'boolean' },
      nothing: { type: 'null' },
    },
    required: ['name', 'age', 'score', 'active', 'nothing'],
    additionalProperties: false,
  },
  nested: {
    type: 'object',
    properties: {
      trip: {
        type: 'object',
        properties: {
          city: { type: 'string' },
          stops: {
            type: 'array',
            minItems: 2,
            maxItems: 4,
            uniqueItems: true,
            items: { type: 'string', enum: ['museum', 'park', 'cafe'] },
          },
          legs: {
            type: 'array',
            items: {
              type: 'object',
              properties: { km: { type: 'number', multipleOf: 5 } },
              required: ['km'],
            },
          },
        },
        required: ['city', 'stops', 'legs'],
      },
      version: { const: 2 },
      kind: { type: ['string', 'null'], format: 'date' },
    },
    required: ['trip', 'version', 'kind'],
  },
  refs: {
    $defs: {
      point: {
        type: 'object',
        properties: { x: { type: 'integer' }, y: { type: 'integer' } },
        required: ['x', 'y'],
      },
    },
    type: 'object',
    properties: { from: { $ref: '#/$defs/point' }, to: { $ref: '#/$defs/point' } },
    required: ['from', 'to'],
  },
  combos: {
    type: 'object',
    properties: {
      id: { anyOf: [{ type: 'null' }, { type: 'string', pattern: '^[0-9]+$' }] },
      either: { oneOf: [{ type: 'integer', minimum: 10 }, { type: 'string' }] },
      merged: {
        allOf: [
          { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
          { properties: { b: { type: 'integer' } }, required: ['b'] },
          { properties: { c: { type: 'boolean' } }, required: ['c'] },
        ],
        unevaluatedProperties: false,
      },
      email: { type: 'string', format: 'email' },
    },
    required: ['id', 'either', 'merged', 'email'],
  },
  recursive: {
    type: 'object',
    properties: { label: { type: 'string' }, children: { type: 'array', items: { $ref: '#' } } },
    required: ['label'],
  },
};

describe('values from a JSON Schema', () => {
  for (const [name, schema] of Object.entries(SCHEMAS))
    it(`validate against the ${name} schema`, () => {
      const value = generate(schema);
      expect(schemaErrors(schema, value), JSON.stringify(value)).toEqual([]);
    });

  it('take names and numbers from the prompt where they fit', () => {
    const schema = {
      type: 'object',
      properties: {
        city: { type: 'string' },
        count: { type: 'integer', maximum: 10 },
        query: { type: 'string' },
        unit: { enum: ['celsius', 'fahrenheit'] },
      },
    };
    expect(valueFor(schema, sourceOf('Weather in Lisbon for 3 days, in fahrenheit please'))).toEqual({
      city: 'Lisbon',
      count: 3,
      query: 'weather lisbon days fahrenheit',
      unit: 'fahrenheit',
    });
  });

  it('skip a number that does not fit and use the bounds instead', () => {
    const schema = { type: 'object', properties: { n: { type: 'integer', minimum: 1, maximum: 5 } } };
    expect(valueFor(schema, sourceOf('Give me 40'))).toEqual({ n: 3 });
  });

  it('are the same for the same prompt', () => {
    expect(generate(SCHEMAS.nested as Record<string, unknown>)).toEqual(
      generate(SCHEMAS.nested as Record<string, unknown>),
    );
  });
});
