import { describe, expect, it } from 'vitest';
import {
  checkDraft,
  choiceOf,
  draftOf,
  exampleDraft,
  formatRefusal,
  formatSummary,
  refusalText,
  SCHEMA_EXAMPLES,
  type SchemaDraft,
} from '../../../../../renderer/components/params/response-format';
import { judgeStructured } from '../../../../../renderer/components/structured-answer';
import { validateParams } from '../../../../../shared/limits';
import { capabilitiesFor } from '../../../../../shared/model-capabilities';
import { keptParams } from '../../../../../shared/request-body';

/* The response-format control's logic: choices, the schema editor's draft, refusals. */

const draft = (patch: Partial<SchemaDraft> = {}): SchemaDraft => ({
  ...exampleDraft(SCHEMA_EXAMPLES[0] ?? (undefined as never)),
  ...patch,
});

describe('choices', () => {
  it('unset and {type: "text"} are Text; the others are themselves', () => {
    expect(choiceOf(undefined)).toBe('text');
    expect(choiceOf({ type: 'text' })).toBe('text');
    expect(choiceOf({ type: 'json_object' })).toBe('json_object');
  });

  it('summarises what is set', () => {
    expect(formatSummary(undefined)).toBe('Unset: plain text (nothing sent).');
    expect(formatSummary({ type: 'text' })).toBe('Text: sent as {"type": "text"}, the default.');
    expect(formatSummary({ type: 'json_object' })).toMatch(/JSON object/);
    const format = checkDraft(draft());
    expect('format' in format && formatSummary(format.format)).toBe(
      'Schema "person": name, age, email · strict',
    );
  });
});

describe('the examples', () => {
  it('are valid schemas that save as they are, and that the shared limits accept', () => {
    for (const example of SCHEMA_EXAMPLES) {
      const checked = checkDraft(exampleDraft(example));
      expect(checked.problems).toEqual([]);
      if (!('format' in checked)) throw new Error('no format');
      expect(checked.format).toMatchObject({
        type: 'json_schema',
        json_schema: { name: example.name, strict: true, schema: example.schema },
      });
      expect(validateParams({ response_format: checked.format }, 'chat', null)).toEqual([]);
      // Presets keep it with the other parameters.
      expect(keptParams({ temperature: 0.2, response_format: checked.format })).toEqual({
        temperature: 0.2,
        response_format: checked.format,
      });
    }
  });

  it('are what their labels say: a person, a sentiment, a todo list', () => {
    const [person, sentiment, todos] = SCHEMA_EXAMPLES.map((e) => ({
      kind: 'json_schema' as const,
      name: e.name,
      schema: e.schema,
    }));
    if (!person || !sentiment || !todos) throw new Error('three examples');
    expect(judgeStructured('{"name":"Ada","age":36,"email":"ada@example.com"}', person).kind).toBe('valid');
    expect(judgeStructured('{"label":"positive","score":0.9}', sentiment).kind).toBe('valid');
    expect(judgeStructured('{"label":"happy","score":0.9}', sentiment).kind).toBe('mismatch');
    expect(judgeStructured('{"todos":[{"title":"Milk","done":false}]}', todos).kind).toBe('valid');
  });
});

describe('checkDraft', () => {
  it('opens on the saved schema, or the first example', () => {
    expect(draftOf(undefined)).toEqual(draft());
    const saved = {
      type: 'json_schema' as const,
      json_schema: { name: 'x', schema: { type: 'object' } },
    };
    expect(draftOf(saved)).toEqual({
      name: 'x',
      description: '',
      strict: false,
      schemaText: '{\n  "type": "object"\n}',
    });
  });

  it('refuses a bad name, with the rule', () => {
    expect(checkDraft(draft({ name: '' })).problems).toEqual(['Give the schema a name.']);
    expect(checkDraft(draft({ name: 'my schema' })).problems).toEqual([
      'The name is 1–64 letters, digits, "_" or "-" (no spaces).',
    ]);
    expect(checkDraft(draft({ name: 'a'.repeat(65) })).problems).toHaveLength(1);
  });

  it("refuses text that is not JSON, with the parser's words", () => {
    const { problems } = checkDraft(draft({ schemaText: '{"type": "object",' }));
    expect(problems[0]).toMatch(/^The schema is not valid JSON: /);
    expect(checkDraft(draft({ schemaText: '  ' })).problems).toEqual([
      'Write the schema (JSON), or start from an example.',
    ]);
  });

  it('refuses a schema whose root is not an object, or that is broken', () => {
    expect(checkDraft(draft({ schemaText: '{"type": "array"}' })).problems).toEqual([
      'The root must have "type": "object".',
    ]);
    expect(checkDraft(draft({ schemaText: '[]' })).problems).toEqual(['The schema must be a JSON object.']);
    const broken = checkDraft(
      draft({ schemaText: '{"type": "object", "properties": {"a": {"type": "text"}}, "required": ["b"]}' }),
    ).problems;
    expect(broken.join('\n')).toContain('"type" must be one of');
    expect(broken.join('\n')).toContain('"required" names "b"');
  });

  it('lists every problem at once, the schema first', () => {
    const { problems } = checkDraft(draft({ name: 'a b', schemaText: '{"type": "string"}' }));
    expect(problems).toEqual([
      'The root must have "type": "object".',
      'The name is 1–64 letters, digits, "_" or "-" (no spaces).',
    ]);
  });

  it('saves the description trimmed, and leaves an empty one out', () => {
    const saved = checkDraft(draft({ description: '  ', strict: false }));
    expect('format' in saved && saved.format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'person', schema: SCHEMA_EXAMPLES[0]?.schema, strict: false },
    });
  });
});

describe('refusals', () => {
  const caps = (name: string) => capabilitiesFor({ name });
  const LLAMA = caps('databricks-meta-llama-3-3-70b-instruct');
  const DBRX = caps('databricks-dbrx-instruct');
  const MIXTRAL = caps('databricks-mixtral-8x7b-instruct');

  it('none where every endpoint takes a format (or may: unknown models)', () => {
    expect(formatRefusal([LLAMA])).toBeNull();
    expect(formatRefusal([caps('my-custom-model')])).toBeNull();
    expect(formatRefusal([])).toBeNull();
  });

  it('says why, for one endpoint', () => {
    const refusal = formatRefusal([DBRX]);
    expect(refusal).toEqual({
      reasons: ['DBRX models take no response format (JSON object or schema).'],
      all: true,
    });
    expect(refusal && refusalText(refusal)).toBe(
      'DBRX models take no response format (JSON object or schema). Not sent to this endpoint.',
    );
  });

  it('names each kind once when only some panes refuse', () => {
    const refusal = formatRefusal([LLAMA, DBRX, MIXTRAL, DBRX]);
    expect(refusal?.all).toBe(false);
    expect(refusal && refusalText(refusal)).toBe(
      'Not sent to some panes: DBRX models take no response format (JSON object or schema). Mixtral models take no response format (JSON object or schema).',
    );
  });
});
