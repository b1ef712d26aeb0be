/*
 * String literals for code export (shared/code-export.ts): each escapes a value for its
 * language exactly, so any text the user typed runs as the same text in a copied snippet.
 */

/** A POSIX shell single-quoted word: nothing inside is interpreted; `'` is closed, escaped, reopened. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * A Python str literal. JSON string syntax is a subset of Python's (\" \\ \n \t \uXXXX), and
 * JSON.stringify escapes every control character, so it is exact; non-ASCII stays readable
 * (Python 3 source is UTF-8).
 */
export function pyString(text: string): string {
  return JSON.stringify(text);
}

/** A Python literal for a JSON value (strings, numbers, booleans, null, lists, dicts). */
export function pyLiteral(value: unknown, indent = ''): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'None';
  if (typeof value === 'string') return pyString(value);
  const inner = `${indent}    `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => typeof v !== 'object' || v === null))
      return `[${value.map((v) => pyLiteral(v)).join(', ')}]`;
    return `[\n${value.map((v) => `${inner}${pyLiteral(v, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{${entries.map(([k, v]) => `${pyString(k)}: ${pyLiteral(v, indent)}`).join(', ')}}`;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** An object key as JavaScript writes it: bare when it is an identifier, else quoted. */
export const jsKey = (k: string): string => (IDENTIFIER.test(k) ? k : JSON.stringify(k));

/**
 * A JavaScript/TypeScript literal: JSON with identifier keys unquoted. JSON strings are valid
 * JS strings (U+2028/2029 are legal in string literals since ES2019).
 */
export function jsLiteral(value: unknown, indent = ''): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => typeof v !== 'object' || v === null))
      return `[${value.map((v) => jsLiteral(v)).join(', ')}]`;
    return `[\n${value.map((v) => `${inner}${jsLiteral(v, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([k, v]) => `${jsKey(k)}: ${jsLiteral(v, indent)}`).join(', ')} }`;
}

// ------------------------------------------------------------------ images as variables

/** An image's data URL, as the request bodies carry them. */
const DATA_URL = /^data:image\/[a-z+.-]+;base64,/;

/**
 * What stands in a body for an image lifted into a variable: a string no text the user typed
 * can be whole (NULs around the name), rendered by every literal function as a quoted string,
 * then swapped for the variable by `withImageRefs`.
 */
const marker = (name: string) => `\u0000${name}\u0000`;
const MARKER_LITERAL = /"\\u0000(IMAGE_\d+)\\u0000"/g;

/** A body whose images were lifted out: the body with markers, and each distinct image once. */
export interface LiftedImages {
  body: Record<string, unknown>;
  /** `[variable name, data URL]` in order of first appearance (IMAGE_1, IMAGE_2…). */
  images: [string, string][];
}

/**
 * Lifts every image data URL of a body into a variable, so a snippet shows the body legibly
 * and each image once (a history sends the same image on every turn): the same URL is the same
 * variable.
 */
export function liftImages(body: Record<string, unknown>): LiftedImages {
  const names = new Map<string, string>();
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') {
      if (!DATA_URL.test(value)) return value;
      let name = names.get(value);
      if (!name) {
        name = `IMAGE_${names.size + 1}`;
        names.set(value, name);
      }
      return marker(name);
    }
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  const lifted = walk(body) as Record<string, unknown>;
  return { body: lifted, images: [...names].map(([url, name]) => [name, url]) };
}

/**
 * Replaces each image marker's quoted literal in rendered code (Python, JavaScript, or JSON
 * inside a shell single-quoted word) with `ref(name)`: the bare variable, or a shell splice.
 */
export function withImageRefs(code: string, ref: (name: string) => string): string {
  return code.replace(MARKER_LITERAL, (_, name: string) => ref(name));
}
