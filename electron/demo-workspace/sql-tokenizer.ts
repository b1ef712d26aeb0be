/**
 * A small Databricks SQL tokenizer for the demo's Statement Execution API: enough of the
 * lexical rules to read the statements the app builds (shared/eval-sql.ts) exactly, and to
 * point at the first thing it can't read. String literals follow the language manual's
 * "STRING type": '…' or "…" where a backslash escapes the next character (\n \r \t \0 \b \Z
 * become control characters, \% and \_ keep their backslash, any other \c is c), and an r'…'
 * literal has no escapes. Adjacent literals are one literal ('a' 'b' is 'ab'), as in Spark.
 */

export type SqlToken =
  | { kind: 'string'; value: string; at: number }
  | { kind: 'ident'; value: string; quoted: boolean; at: number }
  | { kind: 'number'; value: number; text: string; at: number }
  | { kind: 'punct'; value: string; at: number }
  | { kind: 'end'; at: number };

/** A statement the tokenizer or parser can't read: `[PARSE_SYNTAX_ERROR]` with where. */
export class SqlSyntaxError extends Error {
  constructor(
    readonly near: string,
    readonly at: number,
  ) {
    super(`[PARSE_SYNTAX_ERROR] Syntax error at or near '${near}'. SQLSTATE: 42601 (position ${at})`);
    this.name = 'SqlSyntaxError';
  }
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\u0000',
  b: '\b',
  n: '\n',
  r: '\r',
  t: '\t',
  Z: '\u001a',
  '%': '\\%',
  _: '\\_',
};

const PUNCT = ['=>', '(', ')', ',', '.', ';', '*'];

/** Reads a quoted string starting at `start` (the quote); returns its value and the index after it. */
function readString(sql: string, start: number, raw: boolean): { value: string; end: number } {
  const quote = sql[start] as string;
  let value = '';
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i] as string;
    if (c === quote) return { value, end: i + 1 };
    if (c === '\\' && !raw) {
      const next = sql[i + 1];
      if (next === undefined) break;
      value += SIMPLE_ESCAPES[next] ?? next;
      i += 2;
      continue;
    }
    value += c;
    i++;
  }
  throw new SqlSyntaxError(sql.slice(start, start + 20), start);
}

function readBacktick(sql: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i] as string;
    if (c === '`') {
      if (sql[i + 1] === '`') {
        value += '`';
        i += 2;
        continue;
      }
      return { value, end: i + 1 };
    }
    value += c;
    i++;
  }
  throw new SqlSyntaxError(sql.slice(start, start + 20), start);
}

/** Tokenizes a statement; comments (-- and /* *\/) and whitespace are skipped. */
export function tokenizeSql(sql: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  let i = 0;
  const push = (token: SqlToken) => {
    const last = tokens.at(-1);
    // Adjacent string literals are one literal.
    if (token.kind === 'string' && last?.kind === 'string') last.value += token.value;
    else tokens.push(token);
  };
  while (i < sql.length) {
    const c = sql[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl + 1;
      continue;
    }
    if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      if (close < 0) throw new SqlSyntaxError('/*', i);
      i = close + 2;
      continue;
    }
    if ((c === 'r' || c === 'R') && (sql[i + 1] === "'" || sql[i + 1] === '"')) {
      const { value, end } = readString(sql, i + 1, true);
      push({ kind: 'string', value, at: i });
      i = end;
      continue;
    }
    if (c === "'" || c === '"') {
      const { value, end } = readString(sql, i, false);
      push({ kind: 'string', value, at: i });
      i = end;
      continue;
    }
    if (c === '`') {
      const { value, end } = readBacktick(sql, i);
      push({ kind: 'ident', value, quoted: true, at: i });
      i = end;
      continue;
    }
    const number = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[dDlL]?/.exec(sql.slice(i, i + 64));
    if (number && /[\d.]/.test(c) && !(c === '.' && !/\d/.test(sql[i + 1] ?? ''))) {
      const text = number[0];
      push({ kind: 'number', value: Number(text.replace(/[dDlL]$/, '')), text, at: i });
      i += text.length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i, i + 256));
    if (word) {
      push({ kind: 'ident', value: word[0], quoted: false, at: i });
      i += word[0].length;
      continue;
    }
    const punct = PUNCT.find((p) => sql.startsWith(p, i));
    if (punct) {
      push({ kind: 'punct', value: punct, at: i });
      i += punct.length;
      continue;
    }
    if (c === '-' && /\d/.test(sql[i + 1] ?? '')) {
      // A negative number (only numbers are ever negated in these statements).
      const rest = /^-(?:\d+\.?\d*)(?:[eE][+-]?\d+)?/.exec(sql.slice(i, i + 64));
      if (rest) {
        push({ kind: 'number', value: Number(rest[0]), text: rest[0], at: i });
        i += rest[0].length;
        continue;
      }
    }
    throw new SqlSyntaxError(sql.slice(i, i + 20), i);
  }
  tokens.push({ kind: 'end', at: sql.length });
  return tokens;
}

/** The value of one string literal statement piece, e.g. `'It\'s'` → "It's" (tests, tools). */
export function readStringLiteral(literal: string): string {
  const tokens = tokenizeSql(literal);
  const [first, end] = tokens;
  if (tokens.length !== 2 || first?.kind !== 'string' || end?.kind !== 'end')
    throw new SqlSyntaxError(literal.slice(0, 20), 0);
  return first.value;
}
