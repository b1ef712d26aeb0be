import type { ResponseFormat } from '../../../shared/domain';
import { TOOL_NAME_PATTERN } from '../../../shared/domain-constants';
import { featureRefusal, type ModelCapabilities } from '../../../shared/model-capabilities';
import { parseJson, schemaProblems } from '../../core/json-schema';

/*
 * The response-format control's logic, pure: the three choices, the schema editor's draft
 * (what the user typed, kept as typed) and why it can't be saved yet, ready examples, and
 * what to say on endpoints that take no response format.
 */

/** The control's three choices; `text` is the unset state (nothing sent). */
export type FormatChoice = 'text' | 'json_object' | 'json_schema';

/** The choice a stored format stands for (`{type: "text"}` from a preset is the same as unset). */
export const choiceOf = (format: ResponseFormat | undefined): FormatChoice => format?.type ?? 'text';

/** The schema editor's fields, as typed. */
export interface SchemaDraft {
  name: string;
  description: string;
  strict: boolean;
  /** The schema as JSON text. */
  schemaText: string;
}

/** A ready example for the editor. */
export interface SchemaExample {
  label: string;
  name: string;
  description: string;
  schema: Record<string, unknown>;
}

/** Ready examples: every property required and no others, so they work with Strict on. */
export const SCHEMA_EXAMPLES: readonly SchemaExample[] = [
  {
    label: 'Person',
    name: 'person',
    description: 'A person with a name, an age and an email address.',
    schema: {
      type: 'object',
      properties: {
        name: { type: 'string' },
        age: { type: 'integer', minimum: 0 },
        email: { type: 'string' },
      },
      required: ['name', 'age', 'email'],
      additionalProperties: false,
    },
  },
  {
    label: 'Sentiment',
    name: 'sentiment',
    description: 'The sentiment of the text and how sure the model is.',
    schema: {
      type: 'object',
      properties: {
        label: { type: 'string', enum: ['positive', 'neutral', 'negative'] },
        score: { type: 'number', minimum: 0, maximum: 1 },
      },
      required: ['label', 'score'],
      additionalProperties: false,
    },
  },
  {
    label: 'Todo list',
    name: 'todo_list',
    description: 'A list of tasks, each done or not.',
    schema: {
      type: 'object',
      properties: {
        todos: {
          type: 'array',
          items: {
            type: 'object',
            properties: { title: { type: 'string' }, done: { type: 'boolean' } },
            required: ['title', 'done'],
            additionalProperties: false,
          },
        },
      },
      required: ['todos'],
      additionalProperties: false,
    },
  },
];

/** The draft of an example. */
export function exampleDraft(example: SchemaExample, strict = true): SchemaDraft {
  return {
    name: example.name,
    description: example.description,
    strict,
    schemaText: JSON.stringify(example.schema, null, 2),
  };
}

/** The draft the editor opens with: the saved schema, or the first example. */
export function draftOf(format: ResponseFormat | undefined): SchemaDraft {
  if (format?.type !== 'json_schema') return exampleDraft(SCHEMA_EXAMPLES[0] as SchemaExample);
  const { name, description, strict, schema } = format.json_schema;
  return {
    name,
    description: description ?? '',
    strict: strict ?? false,
    schemaText: JSON.stringify(schema, null, 2),
  };
}

/** The longest description the API takes (shared/domain.ts). */
const MAX_DESCRIPTION = 16_384;

/** What the draft would save, or every reason it can't be saved yet (the schema's first). */
export function checkDraft(
  draft: SchemaDraft,
): { format: ResponseFormat; problems: [] } | { problems: string[] } {
  const problems: string[] = [];
  if (!TOOL_NAME_PATTERN.test(draft.name))
    problems.push(
      draft.name === ''
        ? 'Give the schema a name.'
        : 'The name is 1–64 letters, digits, "_" or "-" (no spaces).',
    );
  if (draft.description.length > MAX_DESCRIPTION)
    problems.push(`The description is at most ${MAX_DESCRIPTION.toLocaleString('en-US')} characters.`);
  const parsed = draft.schemaText.trim() === '' ? null : parseJson(draft.schemaText);
  let schema: Record<string, unknown> | null = null;
  if (parsed === null) problems.unshift('Write the schema (JSON), or start from an example.');
  else if (!parsed.ok)
    problems.unshift(`The schema is ${parsed.error.replace(/^Not valid JSON/, 'not valid JSON')}`);
  else {
    const found = schemaProblems(parsed.value, true);
    if (found.length > 0) problems.unshift(...found);
    else schema = parsed.value as Record<string, unknown>;
  }
  if (problems.length > 0 || !schema) return { problems };
  const description = draft.description.trim();
  return {
    format: {
      type: 'json_schema',
      json_schema: {
        name: draft.name,
        ...(description ? { description } : {}),
        schema,
        strict: draft.strict,
      },
    },
    problems: [],
  };
}

/** What the control says about endpoints that take no response format. */
export interface FormatRefusal {
  /** The reasons, one per kind of endpoint that refuses (e.g. "DBRX models take no …"). */
  reasons: string[];
  /** Every endpoint these parameters go to refuses it (vs only some: compare's shared parameters). */
  all: boolean;
}

/** Why (some of) the endpoints can't take a response format; null when they all can (or may). */
export function formatRefusal(capabilities: readonly ModelCapabilities[]): FormatRefusal | null {
  const reasons = capabilities.map((c) => featureRefusal(c, 'structuredOutputs'));
  const refused = reasons.filter((r): r is string => r !== null);
  if (refused.length === 0) return null;
  return { reasons: [...new Set(refused)], all: refused.length === capabilities.length };
}

/** The refusal as one sentence for the control. */
export function refusalText(refusal: FormatRefusal): string {
  const why = refusal.reasons.join(' ');
  return refusal.all ? `${why} Not sent to this endpoint.` : `Not sent to some panes: ${why}`;
}

/** A one-line summary of a saved format for the control ("person · strict"). */
export function formatSummary(format: ResponseFormat | undefined): string {
  if (format?.type === 'json_object') return 'The answer must be a JSON object (say so in the prompt too).';
  // A preset may hold an explicit {type: "text"}: it is sent, so say so.
  if (format?.type === 'text') return 'Text: sent as {"type": "text"}, the default.';
  if (format?.type !== 'json_schema') return 'Unset: plain text (nothing sent).';
  const { name, strict, schema } = format.json_schema;
  const props =
    schema.properties && typeof schema.properties === 'object' ? Object.keys(schema.properties) : [];
  const fields = props.length > 0 ? `: ${props.slice(0, 4).join(', ')}${props.length > 4 ? ', …' : ''}` : '';
  return `Schema "${name}"${fields}${strict ? ' · strict' : ''}`;
}
