import { describe, expect, it } from 'vitest';
import {
  answerVerdict,
  judgeStructured,
  type RequestedFormat,
  requestedFormat,
  unfenced,
  verdictText,
} from '../../../../renderer/components/structured-answer';
import type { GenerationParams } from '../../../../shared/domain';

/* Judging an answer asked for JSON: fences, parsing, objects, the schema, and the words. */

const PERSON = {
  type: 'object',
  properties: { name: { type: 'string' }, age: { type: 'integer' } },
  required: ['name', 'age'],
  additionalProperties: false,
};
const schemaFormat: RequestedFormat = { kind: 'json_schema', name: 'person', schema: PERSON };
const withSchema: GenerationParams = {
  response_format: { type: 'json_schema', json_schema: { name: 'person', schema: PERSON, strict: true } },
};

describe('requestedFormat', () => {
  it('is null for plain text, unset or {type: "text"}', () => {
    expect(requestedFormat(undefined)).toBeNull();
    expect(requestedFormat({})).toBeNull();
    expect(requestedFormat({ response_format: { type: 'text' } })).toBeNull();
  });

  it('names the JSON object or the schema asked for', () => {
    expect(requestedFormat({ response_format: { type: 'json_object' } })).toEqual({ kind: 'json_object' });
    expect(requestedFormat(withSchema)).toEqual(schemaFormat);
  });
});

describe('unfenced', () => {
  it('strips one fence around the whole answer, with or without a language', () => {
    expect(unfenced('```json\n{"a": 1}\n```')).toBe('{"a": 1}');
    expect(unfenced('  ```\n{"a": 1}\n```\n')).toBe('{"a": 1}');
    expect(unfenced('~~~json\n[1]\n~~~')).toBe('[1]');
    expect(unfenced('````json\n{"code": "```"}\n````')).toBe('{"code": "```"}');
  });

  it('leaves text that is not one fenced block alone', () => {
    expect(unfenced('{"a": 1}')).toBeNull();
    expect(unfenced('Here it is:\n```json\n{"a": 1}\n```')).toBeNull();
    expect(unfenced('```json\n{"a": 1}\n```\nAnything else?')).toBeNull();
    expect(unfenced('```\n{}\n```\n\n```\n{}\n```')).toBeNull();
  });
});

describe('judgeStructured', () => {
  it('a matching answer is valid, its value parsed', () => {
    const verdict = judgeStructured('{"name": "Ada", "age": 36}', schemaFormat);
    expect(verdict).toMatchObject({ kind: 'valid', fenced: false, value: { name: 'Ada', age: 36 } });
    expect(verdictText(verdict)).toBe('Valid JSON · matches person');
  });

  it('says when the JSON was inside a code fence', () => {
    const verdict = judgeStructured('```json\n{"name": "Ada", "age": 36}\n```', schemaFormat);
    expect(verdict.kind).toBe('valid');
    expect(verdictText(verdict)).toBe('Valid JSON · matches person (inside a code fence)');
  });

  it('a mismatch names the schema and the first errors, where and what', () => {
    const verdict = judgeStructured('{"name": 3, "extra": true}', schemaFormat);
    expect(verdict.kind).toBe('mismatch');
    const text = verdictText(verdict);
    expect(text).toMatch(/^Doesn't match person: /);
    expect(text).toContain('/name');
    expect(text).toMatch(/age/);
  });

  it('text that does not parse is "Not valid JSON" with the parser\'s words', () => {
    const verdict = judgeStructured('{"name": "Ada",', schemaFormat);
    expect(verdict.kind).toBe('not-json');
    expect(verdictText(verdict)).toMatch(/^Not valid JSON: /);
    expect(verdictText(judgeStructured('Sure! Here is a person.', { kind: 'json_object' }))).toMatch(
      /^Not valid JSON: /,
    );
  });

  it('json_object: any object passes; an array or a scalar does not', () => {
    expect(judgeStructured('{"anything": [1, 2]}', { kind: 'json_object' }).kind).toBe('valid');
    expect(verdictText(judgeStructured('{}', { kind: 'json_object' }))).toBe('Valid JSON object');
    const array = judgeStructured('[1, 2]', { kind: 'json_object' });
    expect(array.kind).toBe('not-object');
    expect(verdictText(array)).toBe('Valid JSON, but not an object: a JSON object was asked for.');
  });
});

describe('answerVerdict', () => {
  const answer = { content: '{"name": "Ada", "age": 36}', status: 'done', params: withSchema };

  it('judges a finished answer that was asked for JSON', () => {
    expect(answerVerdict(answer)?.kind).toBe('valid');
  });

  it('gives none while streaming, after a stop or failure, or without a format', () => {
    expect(answerVerdict({ ...answer, status: 'streaming' })).toBeNull();
    expect(answerVerdict({ ...answer, status: 'stopped' })).toBeNull();
    expect(answerVerdict({ ...answer, status: 'error' })).toBeNull();
    expect(answerVerdict({ ...answer, params: {} })).toBeNull();
    expect(answerVerdict({ ...answer, params: undefined })).toBeNull();
  });

  it('gives none while tool calls wait for results (the answer is not over)', () => {
    const call = { type: 'function_call' as const, callId: 'c1', name: 'f', arguments: '{}' };
    expect(answerVerdict({ ...answer, content: '', items: [call] })).toBeNull();
    const done = [call, { type: 'function_call_output' as const, callId: 'c1', output: '1' }];
    expect(answerVerdict({ ...answer, items: done })?.kind).toBe('valid');
  });
});
