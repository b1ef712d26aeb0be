import type { GenerationParams, OutputItem } from '../../shared/domain';
import { parseJson, validateJsonText } from '../core/json-schema';
import { pendingCalls } from '../core/tool-loop';

/*
 * The verdict on an answer that was asked for JSON (`response_format` json_object or
 * json_schema): does it parse, is it an object, does it match the schema. Pure, so chat,
 * compare (its per-pane badges and "2 of 3 panes match") and the exports agree.
 */

/** What an answer was asked to be, from the parameters it was sent with. */
export type RequestedFormat =
  | { kind: 'json_object' }
  | { kind: 'json_schema'; name: string; schema: Record<string, unknown> };

/** The JSON format `params` asked for, or null for plain text (unset or `text`). */
export function requestedFormat(params: GenerationParams | undefined): RequestedFormat | null {
  const format = params?.response_format;
  if (!format || format.type === 'text') return null;
  if (format.type === 'json_object') return { kind: 'json_object' };
  return { kind: 'json_schema', name: format.json_schema.name, schema: format.json_schema.schema };
}

/**
 * The text inside one code fence that wraps the whole answer (```json … ``` or ~~~), or null
 * when the answer is not one fenced block. Models often wrap JSON this way even when told not to.
 */
export function unfenced(text: string): string | null {
  const match = /^\s*(`{3,}|~{3,})[ \t]*[\w+-]*[ \t]*\r?\n([\s\S]*?)\r?\n?[ \t]*\1[ \t]*\s*$/.exec(text);
  if (!match) return null;
  // The closing fence must be the only one: "```a``` text ```b```" is not one block.
  const body = match[2] ?? '';
  return body.includes(match[1] ?? '```') ? null : body;
}

/** The verdict on a finished answer asked for JSON. */
export type StructuredVerdict =
  | {
      kind: 'valid';
      format: RequestedFormat;
      /** The answer was one fenced block; its inside was judged. */
      fenced: boolean;
      value: unknown;
    }
  | { kind: 'mismatch'; format: RequestedFormat; fenced: boolean; value: unknown; errors: string[] }
  | { kind: 'not-object'; format: RequestedFormat; fenced: boolean; value: unknown }
  | { kind: 'not-json'; format: RequestedFormat; fenced: boolean; error: string };

const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Judges `text` against `format`: parse (one surrounding fence stripped), object, schema. */
export function judgeStructured(text: string, format: RequestedFormat): StructuredVerdict {
  const inner = unfenced(text);
  const fenced = inner !== null;
  const json = inner ?? text;
  if (format.kind === 'json_object') {
    const parsed = parseJson(json);
    if (!parsed.ok) return { kind: 'not-json', format, fenced, error: parsed.error };
    return isObject(parsed.value)
      ? { kind: 'valid', format, fenced, value: parsed.value }
      : { kind: 'not-object', format, fenced, value: parsed.value };
  }
  const result = validateJsonText(format.schema, json);
  if (!('value' in result)) return { kind: 'not-json', format, fenced, error: result.errors[0] ?? '' };
  return result.valid
    ? { kind: 'valid', format, fenced, value: result.value }
    : { kind: 'mismatch', format, fenced, value: result.value, errors: result.errors };
}

/** What an answer needs for a verdict: its text, status, loop items and the params it was sent with. */
export interface JudgedAnswer {
  content: string;
  status: string | undefined;
  items?: readonly OutputItem[];
  params?: GenerationParams;
}

/**
 * The verdict on a finished answer, or null when there is none to give: no JSON was asked
 * for, it is still streaming (or stopped, failed), or it ended with tool calls waiting.
 */
export function answerVerdict(answer: JudgedAnswer): StructuredVerdict | null {
  const format = requestedFormat(answer.params);
  if (!format || answer.status !== 'done') return null;
  if (pendingCalls(answer.items).length > 0) return null;
  return judgeStructured(answer.content, format);
}

const FENCE_NOTE = ' (inside a code fence)';

/** The badge's words: "Valid JSON · matches person", "Doesn't match person: …", "Not valid JSON: …". */
export function verdictText(verdict: StructuredVerdict): string {
  const fence = verdict.fenced ? FENCE_NOTE : '';
  const name = verdict.format.kind === 'json_schema' ? verdict.format.name : null;
  switch (verdict.kind) {
    case 'valid':
      return name ? `Valid JSON · matches ${name}${fence}` : `Valid JSON object${fence}`;
    case 'mismatch':
      return `Doesn't match ${name}${fence}: ${verdict.errors.slice(0, 3).join('; ')}`;
    case 'not-object':
      return `Valid JSON, but not an object${fence}: a JSON object was asked for.`;
    case 'not-json':
      // parseJson's words already start with "Not valid JSON:".
      return `${verdict.error}${fence}`;
  }
}

/** A one-word verdict for exports and data attributes. */
export const verdictLabel = (verdict: StructuredVerdict): 'valid' | 'mismatch' | 'not-object' | 'not-json' =>
  verdict.kind;
