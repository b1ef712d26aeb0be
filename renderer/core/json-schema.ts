import { Validator } from '@cfworker/json-schema';

/*
 * JSON Schema in the renderer: checking a schema the user wrote (a tool's parameters, a
 * response format) and validating a value against one (a tool call's arguments, a structured
 * answer). The validator is @cfworker/json-schema: a real draft 2020-12 / 2019-09 / 7 / 4
 * validator that interprets schemas instead of compiling them to code, so it runs under the
 * page's Content-Security-Policy (no `eval`), unlike Ajv's compiler.
 */

/** At most this many errors are reported for one value ("the first errors"). */
export const MAX_REPORTED_ERRORS = 5;

export type JsonParse = { ok: true; value: unknown } | { ok: false; error: string };

/** Parses JSON text, with the parser's own words on failure. */
export function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, error: `Not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Structural problems of a (sub)schema at `path`, recursively: the mistakes people make. */
function shapeProblems(schema: unknown, path: string, out: string[]): void {
  if (typeof schema === 'boolean') return;
  if (!isObj(schema)) {
    out.push(`${path}: a schema must be an object (or true/false).`);
    return;
  }
  const { type, properties, required, items, enum: values } = schema;
  const types = Array.isArray(type) ? type : type === undefined ? [] : [type];
  for (const t of types)
    if (typeof t !== 'string' || !TYPES.has(t))
      out.push(`${path}: "type" must be one of ${[...TYPES].join(', ')}; got ${JSON.stringify(t)}.`);
  if (properties !== undefined) {
    if (!isObj(properties)) out.push(`${path}: "properties" must be an object.`);
    else for (const [k, v] of Object.entries(properties)) shapeProblems(v, `${path}.properties.${k}`, out);
  }
  if (required !== undefined) {
    if (!Array.isArray(required) || required.some((r) => typeof r !== 'string'))
      out.push(`${path}: "required" must be a list of property names.`);
    else if (isObj(properties))
      for (const r of required as string[])
        if (!(r in properties)) out.push(`${path}: "required" names "${r}", which is not in "properties".`);
  }
  if (items !== undefined && !Array.isArray(items)) shapeProblems(items, `${path}.items`, out);
  if (values !== undefined && (!Array.isArray(values) || values.length === 0))
    out.push(`${path}: "enum" must be a non-empty list.`);
}

/** Whether a local `$ref` ("#/…", a JSON pointer) points at something in `root`. */
function resolves(root: unknown, ref: string): boolean {
  if (ref === '#') return true;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObj(node) && !Array.isArray(node)) return false;
    node = (node as Record<string, unknown>)[key];
    if (node === undefined) return false;
  }
  return true;
}

/** Local `$ref`s anywhere in `node` that point at nothing. */
function danglingRefs(root: unknown, node: unknown, out: string[]): void {
  if (Array.isArray(node)) for (const v of node) danglingRefs(root, v, out);
  else if (isObj(node))
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#') && !resolves(root, v))
        out.push(`"$ref": "${v}" points at nothing in this schema.`);
      else danglingRefs(root, v, out);
    }
}

/**
 * Why `schema` is not a usable JSON Schema (empty when it is): structural mistakes (unknown
 * types, `required` naming a missing property…), and anything the validator itself refuses
 * (a local `$ref` pointing at nothing). `rootObject` also asks for `"type": "object"` at the root, as tool
 * parameters and response schemas must be.
 */
export function schemaProblems(schema: unknown, rootObject = true): string[] {
  const out: string[] = [];
  if (!isObj(schema)) return ['The schema must be a JSON object.'];
  if (rootObject && schema.type !== 'object') out.push('The root must have "type": "object".');
  shapeProblems(schema, 'schema', out);
  danglingRefs(schema, schema, out);
  if (out.length === 0) {
    try {
      new Validator(schema as object, '2020-12', false).validate({});
    } catch (e) {
      out.push(`The schema can't be used: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return out;
}

export interface ValueValidation {
  valid: boolean;
  /** The first errors, each "where: what" (at most MAX_REPORTED_ERRORS). */
  errors: string[];
}

/** Validates `value` against `schema`; errors say where (a JSON pointer) and what. */
export function validateValue(schema: unknown, value: unknown): ValueValidation {
  if (!isObj(schema) && typeof schema !== 'boolean')
    return { valid: false, errors: ['The schema is not an object.'] };
  let result: ReturnType<Validator['validate']>;
  try {
    result = new Validator(schema as object, '2020-12', false).validate(value);
  } catch (e) {
    return {
      valid: false,
      errors: [`The schema can't be used: ${e instanceof Error ? e.message : String(e)}`],
    };
  }
  if (result.valid) return { valid: true, errors: [] };
  // The validator reports each failure with its enclosing ones ("property x failed"); the
  // leaves (most specific) say the most, so they come first.
  const leaves = result.errors.filter(
    (e) => !/^(Property|Items|Item at index) .* does not match schema\.?$/.test(e.error),
  );
  const errors = (leaves.length > 0 ? leaves : result.errors)
    .slice(0, MAX_REPORTED_ERRORS)
    .map((e) => `${e.instanceLocation.replace(/^#/, '') || '/'}: ${e.error}`);
  return { valid: false, errors };
}

/** Parses `text` as JSON and validates it: the parse error, or the schema's verdict. */
export function validateJsonText(schema: unknown, text: string): ValueValidation & { value?: unknown } {
  const parsed = parseJson(text);
  if (!parsed.ok) return { valid: false, errors: [parsed.error] };
  return { ...validateValue(schema, parsed.value), value: parsed.value };
}
