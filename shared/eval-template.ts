/*
 * The prompt template of an evaluation: a system and a user text with `{{variable}}`
 * placeholders filled from a dataset row. Pure functions, shared by the editor (highlighting,
 * the check against the dataset's columns), the local run (rendering each row), the cost
 * estimate, and whatever turns a template into SQL for the workspace path (`templateParts`
 * gives the literal and column pieces a CONCAT is built from): one placeholder grammar.
 */

/** A template: the system prompt (may be empty) and the user message. */
export interface EvalTemplate {
  system: string;
  user: string;
}

/** One piece of a template text: literal text or a placeholder. */
export type TemplatePart = { kind: 'text'; text: string } | { kind: 'var'; name: string; raw: string };

/**
 * `{{ name }}`: a name of letters, digits, `_`, `-`, `.` and spaces inside (trimmed), so a
 * CSV header like "question text" works too. Anything else between braces stays literal text.
 */
const PLACEHOLDER = /\{\{\s*([\p{L}\p{N}_.\- ]+?)\s*\}\}/gu;

/** Splits `text` into literal text and placeholders, in order. */
export function templateParts(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const at = match.index ?? 0;
    if (at > last) parts.push({ kind: 'text', text: text.slice(last, at) });
    parts.push({ kind: 'var', name: match[1] ?? '', raw: match[0] });
    last = at + match[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/** The distinct variable names of a template, in order of first use. */
export function templateVariables(template: EvalTemplate): string[] {
  const names = new Set<string>();
  for (const text of [template.system, template.user])
    for (const part of templateParts(text)) if (part.kind === 'var') names.add(part.name);
  return [...names];
}

/** Fills the placeholders of `text` from `values`; an unknown one is left as written. */
export function renderText(text: string, values: Readonly<Record<string, string>>): string {
  return templateParts(text)
    .map((p) => (p.kind === 'text' ? p.text : (values[p.name] ?? p.raw)))
    .join('');
}

/** The template filled from one row. */
export function renderTemplate(
  template: EvalTemplate,
  values: Readonly<Record<string, string>>,
): EvalTemplate {
  return { system: renderText(template.system, values), user: renderText(template.user, values) };
}

/**
 * Why the template can't run on a dataset with `columns`, or null when it can: an empty user
 * message, or variables the dataset has no column for (named, with the columns it does have).
 */
export function templateProblem(template: EvalTemplate, columns: readonly string[] | null): string | null {
  if (template.user.trim() === '') return 'Write the user message of the template.';
  if (!columns) return 'Import a dataset.';
  const known = new Set(columns);
  const unknown = templateVariables(template).filter((name) => !known.has(name));
  if (unknown.length === 0) return null;
  const names = unknown.map((n) => `{{${n}}}`).join(', ');
  return `${unknown.length === 1 ? 'Unknown variable' : 'Unknown variables'} ${names}: the dataset's columns are ${columns.join(', ')}.`;
}
