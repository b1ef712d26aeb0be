import { describe, expect, it } from 'vitest';
import { schemaProblems, validateJsonText, validateValue } from '../../../../renderer/core/json-schema';

const weather = {
  type: 'object',
  properties: { city: { type: 'string' }, unit: { enum: ['celsius', 'fahrenheit'] } },
  required: ['city'],
};

describe('validateValue', () => {
  it('accepts a value that follows the schema', () => {
    expect(validateValue(weather, { city: 'Paris', unit: 'celsius' })).toEqual({ valid: true, errors: [] });
  });

  it('says where and what for each failure, most specific first', () => {
    const result = validateValue(weather, { unit: 'kelvin' });
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/city/);
    expect(result.errors.join('\n')).toMatch(/\/unit/);
  });
});

describe('validateJsonText', () => {
  it('reports invalid JSON in the parser’s words', () => {
    const result = validateJsonText(weather, '{"city": ');
    expect(result.valid).toBe(false);
    expect(result.errors[0]).toMatch(/^Not valid JSON: /);
  });

  it('validates parsed JSON and returns the value', () => {
    const result = validateJsonText(weather, '{"city": 3}');
    expect(result.valid).toBe(false);
    expect(result.errors[0]).toMatch(/^\/city: /);
    expect(result.value).toEqual({ city: 3 });
  });
});

describe('schemaProblems', () => {
  it('accepts an object schema', () => {
    expect(schemaProblems(weather)).toEqual([]);
  });

  it('names the mistakes people make', () => {
    expect(schemaProblems({ type: 'obj' })).toEqual([
      'The root must have "type": "object".',
      'schema: "type" must be one of string, number, integer, boolean, object, array, null; got "obj".',
    ]);
    expect(schemaProblems({ type: 'object', properties: {}, required: ['x'] })).toEqual([
      'schema: "required" names "x", which is not in "properties".',
    ]);
    expect(schemaProblems([1])).toEqual(['The schema must be a JSON object.']);
    expect(schemaProblems({ type: 'string' }, false)).toEqual([]);
  });

  it('refuses a reference the validator cannot resolve', () => {
    expect(schemaProblems({ type: 'object', properties: { a: { $ref: '#/nope' } } })).toEqual([
      '"$ref": "#/nope" points at nothing in this schema.',
    ]);
    expect(
      schemaProblems({
        type: 'object',
        $defs: { c: { type: 'string' } },
        properties: { a: { $ref: '#/$defs/c' } },
      }),
    ).toEqual([]);
  });
});
