import { unfenced } from '../../components/structured-answer';
import type { ScorerConfig } from '../../core/db/eval-records';
import { parseJson, validateValue } from '../../core/json-schema';

/*
 * Scorers: each turns one answer (and the row's `expected` value) into pass, fail, or "does
 * not apply" (null: no expected value to compare with). Pure, so the grid, the summary and
 * the exports agree. The LLM judge's verdict is computed by a run of its own (eval-judge.ts)
 * and only read here.
 */

export type { ScorerConfig } from '../../core/db/eval-records';

/** The kinds of scorer. */
export type ScorerKind = ScorerConfig['kind'];

/** One verdict: pass, fail, or null when the scorer does not apply to the row. */
export interface Score {
  pass: boolean | null;
  /** Why, for a failure (shown on hover and exported). */
  detail?: string;
}

/** Names for the UI and the exports. */
export const SCORER_LABELS: Record<ScorerKind, string> = {
  exact: 'Exact match',
  contains: 'Contains',
  regex: 'Regex',
  json: 'JSON valid',
  numeric: 'Numeric',
  judge: 'LLM judge',
};

/** A short name for one configured scorer ("Regex /^yes/i", "Numeric ±0.01"). */
export function scorerName(s: ScorerConfig): string {
  switch (s.kind) {
    case 'regex':
      return `Regex /${s.pattern}/${s.flags}`;
    case 'numeric':
      return `Numeric ±${s.tolerance}`;
    case 'json':
      return s.schema.trim() ? 'JSON schema' : 'JSON valid';
    case 'judge':
      return `Judge (${s.endpoint || 'no endpoint'})`;
    default:
      return SCORER_LABELS[s.kind] + (s.caseSensitive ? ' (case)' : '');
  }
}

/** What is wrong with a scorer's settings (a bad regex, a schema that is not JSON), or null. */
export function scorerProblem(s: ScorerConfig): string | null {
  if (s.kind === 'regex') {
    if (s.pattern === '') return 'Write the regular expression.';
    try {
      new RegExp(s.pattern, s.flags);
    } catch (e) {
      return `The regular expression is invalid: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  if (s.kind === 'json' && s.schema.trim() !== '') {
    const parsed = parseJson(s.schema);
    if (!parsed.ok) return `The schema is not JSON: ${parsed.error}`;
  }
  if (s.kind === 'numeric' && !(Number.isFinite(s.tolerance) && s.tolerance >= 0))
    return 'The tolerance must be a number ≥ 0.';
  if (s.kind === 'judge' && (s.endpoint === '' || s.rubric.trim() === ''))
    return 'Pick a judge endpoint and write the rubric.';
  return null;
}

const fold = (text: string, caseSensitive: boolean) =>
  caseSensitive ? text.trim() : text.trim().toLowerCase();

/** The first number in `text` ("The answer is -3.5." → -3.5; "1,234" → 1234), or null. */
export function firstNumber(text: string): number | null {
  const match = /[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?|[-+]?\.\d+/.exec(text);
  if (!match) return null;
  const value = Number(match[0].replace(/,/g, ''));
  return Number.isFinite(value) ? value : null;
}

/** The JSON an answer holds: its text, or the inside of one code fence around it. */
function answerJson(output: string): ReturnType<typeof parseJson> {
  const direct = parseJson(output.trim());
  if (direct.ok) return direct;
  const inner = unfenced(output);
  return inner === null ? direct : parseJson(inner);
}

/**
 * Scores `output` with `scorer` (never the judge: its verdicts are stored). `expected` is the
 * row's expected value, or null when the dataset has none.
 */
export function scoreOutput(scorer: ScorerConfig, output: string, expected: string | null): Score {
  switch (scorer.kind) {
    case 'exact':
      if (expected === null) return { pass: null };
      return fold(output, scorer.caseSensitive) === fold(expected, scorer.caseSensitive)
        ? { pass: true }
        : { pass: false, detail: `expected exactly "${expected.trim()}"` };
    case 'contains':
      if (expected === null) return { pass: null };
      return fold(output, scorer.caseSensitive).includes(fold(expected, scorer.caseSensitive))
        ? { pass: true }
        : { pass: false, detail: `does not contain "${expected.trim()}"` };
    case 'regex': {
      let re: RegExp;
      try {
        re = new RegExp(scorer.pattern, scorer.flags.replace(/[gy]/g, ''));
      } catch {
        return { pass: null };
      }
      return re.test(output) ? { pass: true } : { pass: false, detail: `no match for /${scorer.pattern}/` };
    }
    case 'json': {
      const parsed = answerJson(output);
      if (!parsed.ok) return { pass: false, detail: parsed.error };
      if (scorer.schema.trim() === '') return { pass: true };
      const schema = parseJson(scorer.schema);
      if (!schema.ok) return { pass: null };
      const verdict = validateValue(schema.value, parsed.value);
      return verdict.valid ? { pass: true } : { pass: false, detail: verdict.errors.join('; ') };
    }
    case 'numeric': {
      if (expected === null) return { pass: null };
      const want = firstNumber(expected);
      if (want === null) return { pass: null };
      const got = firstNumber(output);
      if (got === null) return { pass: false, detail: 'no number in the answer' };
      return Math.abs(got - want) <= scorer.tolerance
        ? { pass: true }
        : { pass: false, detail: `${got} is not within ±${scorer.tolerance} of ${want}` };
    }
    case 'judge':
      return { pass: null };
  }
}
