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
