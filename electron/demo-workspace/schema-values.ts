import { isRecord } from './http-util';
import { STOPWORDS } from './topic';

/**
 * Values generated from a JSON Schema, for tool-call arguments and structured answers: an
 * object gets every property (required and optional), strings come from the prompt when the
 * property's name suggests it (a city takes a capitalised word, a query the prompt's words),
 * numbers come from the prompt in order when they fit the bounds, enums take a value the
 * prompt names (else the first). Written by hand: the JSON Schema fakers on npm are random
 * by design, and the demo must answer the same prompt the same way. `pattern` is honoured
 * only as far as one of a few candidates matches it.
 */

type Schema = Record<string, unknown>;

/** What a generated value may borrow from the prompt; numbers are consumed in order. */
export interface ValueSource {
  /** Content words of the prompt, lower case, in order. */
  words: string[];
  /** Capitalised words of the prompt (names, places), in order. */
  names: string[];
  /** The prompt's text. */
  text: string;
  /** Numbers in the prompt, in order. */
  numbers: number[];
  /** How many numbers were used so far. */
  nextNumber: number;
}

/** The value source of a prompt. */
export function sourceOf(text: string): ValueSource {
  const found = [...text.matchAll(/\p{L}[\p{L}\p{M}'-]*/gu)];
  const all = found.map((m) => m[0]);
  const words = all.map((w) => w.toLowerCase()).filter((w) => w.length > 2 && !STOPWORDS.has(w));
  const capitalised = found.filter((m) => /^\p{Lu}/u.test(m[0]) && !STOPWORDS.has(m[0].toLowerCase()));
  // A capital that only starts a sentence names nothing; use those only when there is no other.
  const starts = (m: RegExpMatchArray) => /(^|[.!?\n]\s*)$/.test(text.slice(0, m.index));
  const inner = capitalised.filter((m) => !starts(m)).map((m) => m[0]);
  const names = inner.length > 0 ? inner : capitalised.map((m) => m[0]);
  const numbers = (text.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
  return { words, names, text, numbers, nextNumber: 0 };
}

const NAME_KEYS = /city|location|place|country|town|region|destination|origin|address|name|person|company/i;
const TEXT_KEYS = /query|^q$|search|text|topic|keyword|term|question|prompt|message|input|content|summary/i;
const FORMATS: Record<string, string> = {
  date: '2026-01-15',
  'date-time': '2026-01-15T12:00:00Z',
  time: '12:00:00',
  email: 'user@example.com',
  uri: 'https://example.com',
  url: 'https://example.com',
  uuid: '123e4567-e89b-42d3-a456-426614174000',
  ipv4: '192.0.2.1',
  hostname: 'example.com',
};

const capitalise = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

function pick<T>(list: readonly T[], index: number): T | undefined {
  return list.length === 0 ? undefined : list[index % list.length];
}

/** Resolves a local `$ref` (`#/$defs/X`, `#/definitions/X`, `#`); anything else stays as it is. */
function resolve(schema: Schema, root: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#')) return schema;
  let at: unknown = root;
  for (const part of ref.slice(1).split('/').filter(Boolean))
    at = isRecord(at) ? at[decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  return isRecord(at) ? at : {};
}

/** The schema's type: the first non-null one named, else inferred from its keywords. */
function typeOf(schema: Schema): string {
  const t = schema.type;
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return (t.find((x) => x !== 'null') as string | undefined) ?? 'null';
  if (isRecord(schema.properties) || Array.isArray(schema.required)) return 'object';
  if (schema.items !== undefined || Array.isArray(schema.prefixItems)) return 'array';
  return 'string';
}

function stringValue(schema: Schema, src: ValueSource, key: string, index: number): string {
  const format = typeof schema.format === 'string' ? FORMATS[schema.format] : undefined;
  let value: string;
  if (format) value = format;
  else if (/expression|formula/i.test(key) && /\d\s*[-+*/^x×]\s*\d/.test(src.text))
    value =
      (src.text.match(/[\d.()\s+\-*/^×x]+/g) ?? [])
        .map((s) => s.trim())
        .sort((a, b) => b.length - a.length)[0] ?? '1 + 1';
  else if (NAME_KEYS.test(key))
    value = pick(src.names, index) ?? capitalise(pick(src.words, index) ?? 'Paris');
  else if (TEXT_KEYS.test(key)) value = src.words.slice(0, 8).join(' ') || 'example';
  else value = pick(src.words, index) ?? 'example';
  const pattern = typeof schema.pattern === 'string' ? safeRegExp(schema.pattern) : null;
  if (pattern && !pattern.test(value))
    value = [value, 'example', 'A1', '123', 'abc', 'ABC', 'a'].find((c) => pattern.test(c)) ?? value;
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Number.POSITIVE_INFINITY;
  while (value.length < min) value += value.length === 0 ? 'x' : value;
  return value.slice(0, max);
}

function safeRegExp(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return null;
  }
}

function numberValue(schema: Schema, src: ValueSource, integer: boolean, index: number): number {
  const num = (k: string): number | undefined =>
    typeof schema[k] === 'number' ? (schema[k] as number) : undefined;
  const step = integer ? 1 : 0.5;
  let lo = num('minimum') ?? Number.NEGATIVE_INFINITY;
  let hi = num('maximum') ?? Number.POSITIVE_INFINITY;
  const exMin = num('exclusiveMinimum');
  const exMax = num('exclusiveMaximum');
  if (exMin !== undefined) lo = Math.max(lo, exMin + step);
  if (exMax !== undefined) hi = Math.min(hi, exMax - step);
  if (integer) {
    lo = Math.ceil(lo);
    hi = Math.floor(hi);
  }
  const fits = (n: number) => n >= lo && n <= hi && (!integer || Number.isInteger(n));
  const fromPrompt = src.numbers[src.nextNumber];
  let value: number;
  if (fromPrompt !== undefined && fits(fromPrompt)) {
    src.nextNumber += 1;
    value = fromPrompt;
  } else if (Number.isFinite(lo)) value = Number.isFinite(hi) ? lo + Math.floor((hi - lo) / 2) : lo + index;
  else value = Math.min(hi, 1 + index);
  const multiple = num('multipleOf');
  if (multiple !== undefined && multiple > 0) {
    const rounded = Math.ceil(value / multiple) * multiple;
    value = rounded <= hi ? rounded : Math.floor(value / multiple) * multiple;
  }
  return value;
}

/** An enum value the prompt names (case-insensitive, whole word), else the index-th. */
function enumValue(values: unknown[], src: ValueSource, index: number): unknown {
  const said = values.find(
    (v) =>
      typeof v === 'string' &&
      new RegExp(`\\b${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(src.text),
  );
  return index === 0 && said !== undefined ? said : pick(values, index);
}

/** Merges `allOf` branches shallowly (properties and required lists joined). */
function merged(schema: Schema, root: Schema): Schema {
  if (!Array.isArray(schema.allOf)) return schema;
  const { allOf, ...own } = schema;
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const record = (v: unknown): Schema => (isRecord(v) ? v : {});
  let out: Schema = own;
  for (const branch of allOf as unknown[]) {
    if (!isRecord(branch)) continue;
    const b = merged(resolve(branch, root), root);
    out = {
      ...b,
      ...out,
      properties: { ...record(b.properties), ...record(out.properties) },
      required: [...new Set([...list(out.required), ...list(b.required)])],
    };
  }
  return out;
}

const MAX_DEPTH = 8;

/**
 * A value that validates against `schema` (as far as the supported keywords go): see the file
 * comment. `key` is the property the value is for, `index` its position in an array.
 */
export function valueFor(
  schema: unknown,
  src: ValueSource,
  root: unknown = schema,
  key = '',
  index = 0,
  depth = 0,
): unknown {
  if (schema === false) return null;
  if (!isRecord(schema)) return stringValue({}, src, key, index);
  const rootSchema = isRecord(root) ? root : {};
  const s = merged(resolve(schema, rootSchema), rootSchema);
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return enumValue(s.enum, src, index);
  const branches = (Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : []) as unknown[];
  const branch = branches.find((b) => !(isRecord(b) && b.type === 'null')) ?? branches[0];
  if (branch !== undefined) return valueFor(branch, src, rootSchema, key, index, depth + 1);
  const next = (sub: unknown, k: string, i: number) => valueFor(sub, src, rootSchema, k, i, depth + 1);
  switch (typeOf(s)) {
    case 'object': {
      const props = isRecord(s.properties) ? s.properties : {};
      const required = Array.isArray(s.required)
        ? (s.required as unknown[]).filter((k) => typeof k === 'string')
        : [];
      // Deep recursive schemas stop at the required keys.
      const keys = depth >= MAX_DEPTH ? required : [...new Set([...Object.keys(props), ...required])];
      const out: Record<string, unknown> = {};
      for (const k of keys) out[k] = next(props[k] ?? {}, k, 0);
      return out;
    }
    case 'array': {
      const min = typeof s.minItems === 'number' ? s.minItems : 1;
      const max = typeof s.maxItems === 'number' ? s.maxItems : Number.POSITIVE_INFINITY;
      const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : [];
      const count = Math.min(Math.max(min, prefix.length, depth >= MAX_DEPTH ? 0 : 1), max);
      return Array.from({ length: count }, (_, i) => next(prefix[i] ?? s.items ?? {}, key, i));
    }
    case 'integer':
      return numberValue(s, src, true, index);
    case 'number':
      return numberValue(s, src, false, index);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return stringValue(s, src, key, index);
  }
}
