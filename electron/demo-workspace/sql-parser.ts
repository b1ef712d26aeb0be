import { SqlSyntaxError, type SqlToken, tokenizeSql } from './sql-tokenizer';

/**
 * Reads the statement shapes the demo's SQL warehouses run, and nothing else (the demo is
 * not a SQL engine; the workspace's is):
 *
 * ```
 * [CREATE TABLE <c.s.t> AS]
 * SELECT <item>, … FROM <source> [;]
 *   item    := <column> [AS <alias>] | * | ai_query(<args>) [AS] <alias>
 *   args    := '<endpoint>', <request> [, returnType? ] [, name => value]…
 *   request := '<text>' | <column> | CONCAT(<part>, …)
 *   part    := '<text>' | <column> | CAST(<column> AS STRING) | coalesce(<part>, '<text>')
 *   source  := read_files('<path>' [, name => value]…) | <c.s.t>
 * ```
 *
 * Named ai_query arguments: modelParameters => named_struct('k', v, …), failOnError =>
 * true|false, responseFormat => '<json>'. Anything else is `[PARSE_SYNTAX_ERROR]` (or an
 * `[UNRESOLVED_ROUTINE]` for an unknown function), as Databricks answers.
 */

/** A piece of ai_query's request: literal text, or a column (`orEmpty`: NULL reads as ''). */
export type RequestPart = { kind: 'text'; text: string } | { kind: 'column'; name: string; orEmpty: boolean };

export type ParamValue = number | string | boolean | string[];

export interface AiQueryCall {
  endpoint: string;
  request: RequestPart[];
  modelParameters: Record<string, ParamValue> | null;
  failOnError: boolean;
  responseFormat: string | null;
}

export type SelectItem =
  | { kind: 'column'; name: string; alias: string }
  | { kind: 'star' }
  | { kind: 'ai_query'; call: AiQueryCall; alias: string };

export type QuerySource =
  | { kind: 'files'; path: string; options: Record<string, ParamValue> }
  | { kind: 'table'; name: string[] };

export interface ParsedQuery {
  createTable: string[] | null;
  items: SelectItem[];
  source: QuerySource;
}

/** A function the demo does not know: Databricks' `[UNRESOLVED_ROUTINE]`. */
export class SqlRoutineError extends Error {
  constructor(name: string) {
    super(
      `[UNRESOLVED_ROUTINE] Cannot resolve routine \`${name}\` on search path [\`system\`.\`builtin\`, \`system\`.\`session\`]. SQLSTATE: 42883`,
    );
    this.name = 'SqlRoutineError';
  }
}

class Cursor {
  private i = 0;
  constructor(
    private readonly tokens: SqlToken[],
    private readonly sql: string,
  ) {}
  peek(offset = 0): SqlToken {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)] as SqlToken;
  }
  next(): SqlToken {
    const t = this.peek();
    if (this.i < this.tokens.length - 1) this.i++;
    return t;
  }
  fail(token = this.peek()): never {
    if (token.kind === 'end') throw new SqlSyntaxError('end of input', token.at);
    const text = this.sql.slice(token.at, token.at + 1 + (token.kind === 'ident' ? token.value.length : 0));
    throw new SqlSyntaxError(token.kind === 'ident' ? token.value : text.trim() || text, token.at);
  }
  isWord(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'ident' && !t.quoted && t.value.toLowerCase() === word;
  }
  isPunct(p: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'punct' && t.value === p;
  }
  word(word: string): void {
    if (!this.isWord(word)) this.fail();
    this.next();
  }
  punct(p: string): void {
    if (!this.isPunct(p)) this.fail();
    this.next();
  }
  string(): string {
    const t = this.next();
    if (t.kind !== 'string') this.fail(t);
    return t.value;
  }
  ident(): string {
    const t = this.next();
    if (t.kind !== 'ident') this.fail(t);
    return t.value;
  }
}

const RESERVED = new Set([
  'select',
  'from',
  'as',
  'create',
  'table',
  'where',
  'join',
  'union',
  'group',
  'order',
]);

/** A column name: quoted, or a bare word that is not a keyword. */
function column(c: Cursor): string {
  const t = c.peek();
  if (t.kind !== 'ident' || (!t.quoted && RESERVED.has(t.value.toLowerCase()))) c.fail();
  return c.ident();
}

function qualifiedName(c: Cursor): string[] {
  const parts = [c.ident()];
  while (c.isPunct('.')) {
    c.next();
    parts.push(c.ident());
  }
  return parts;
}

/** A literal argument value: a string, a number, true/false, or array('…', …). */
function value(c: Cursor): ParamValue {
  const t = c.peek();
  if (t.kind === 'string') return c.string();
  if (t.kind === 'number') {
    c.next();
    return t.value;
  }
  if (c.isWord('true') || c.isWord('false')) return c.ident().toLowerCase() === 'true';
  if (c.isWord('array') && c.isPunct('(', 1)) {
    c.next();
    c.next();
    const items: string[] = [];
    while (!c.isPunct(')')) {
      items.push(c.string());
      if (!c.isPunct(')')) c.punct(',');
    }
    c.next();
    return items;
  }
  return c.fail();
}

function part(c: Cursor): RequestPart {
  const t = c.peek();
  if (t.kind === 'string') return { kind: 'text', text: c.string() };
  if (c.isWord('cast') && c.isPunct('(', 1)) {
    c.next();
    c.next();
    const name = column(c);
    c.word('as');
    c.word('string');
    c.punct(')');
    return { kind: 'column', name, orEmpty: false };
  }
  if ((c.isWord('coalesce') || c.isWord('ifnull') || c.isWord('nvl')) && c.isPunct('(', 1)) {
    c.next();
    c.next();
    const inner = part(c);
    c.punct(',');
    const fallback = c.string();
    c.punct(')');
    if (inner.kind !== 'column' || fallback !== '') c.fail();
    return { ...inner, orEmpty: true };
  }
  if (t.kind === 'ident' && c.isPunct('(', 1)) throw new SqlRoutineError(t.value);
  return { kind: 'column', name: column(c), orEmpty: false };
}

function request(c: Cursor): RequestPart[] {
  if (c.isWord('concat') && c.isPunct('(', 1)) {
    c.next();
    c.next();
    const parts = [part(c)];
    while (c.isPunct(',')) {
      c.next();
      parts.push(part(c));
    }
    c.punct(')');
    return parts;
  }
  return [part(c)];
}

function namedStruct(c: Cursor): Record<string, ParamValue> {
  if (!(c.isWord('named_struct') && c.isPunct('(', 1))) c.fail();
  c.next();
  c.next();
  const out: Record<string, ParamValue> = {};
  while (!c.isPunct(')')) {
    const key = c.string();
    c.punct(',');
    out[key] = value(c);
    if (!c.isPunct(')')) c.punct(',');
  }
  c.next();
  return out;
}

function aiQuery(c: Cursor): AiQueryCall {
  c.word('ai_query');
  c.punct('(');
  const endpoint = c.string();
  c.punct(',');
  const call: AiQueryCall = {
    endpoint,
    request: request(c),
    modelParameters: null,
    failOnError: true,
    responseFormat: null,
  };
  while (c.isPunct(',')) {
    c.next();
    const name = c.ident();
    c.punct('=>');
    switch (name.toLowerCase()) {
      case 'modelparameters':
        call.modelParameters = namedStruct(c);
        break;
      case 'failonerror': {
        const v = value(c);
        if (typeof v !== 'boolean') c.fail();
        call.failOnError = v;
        break;
      }
      case 'responseformat':
        call.responseFormat = c.string();
        break;
      default:
        c.fail();
    }
  }
  c.punct(')');
  return call;
}

function alias(c: Cursor, required: boolean, fallback: string): string {
  if (c.isWord('as')) {
    c.next();
    return column(c);
  }
  const t = c.peek();
  if (t.kind === 'ident' && !c.isWord('from')) return column(c);
  if (required) c.fail();
  return fallback;
}

function selectItem(c: Cursor): SelectItem {
  if (c.isPunct('*')) {
    c.next();
    return { kind: 'star' };
  }
  if (c.isWord('ai_query') && c.isPunct('(', 1)) {
    const call = aiQuery(c);
    return { kind: 'ai_query', call, alias: alias(c, false, 'ai_query') };
  }
  const t = c.peek();
  if (t.kind === 'ident' && c.isPunct('(', 1)) throw new SqlRoutineError(t.value);
  const name = column(c);
  return { kind: 'column', name, alias: alias(c, false, name) };
}

function source(c: Cursor): QuerySource {
  if (c.isWord('read_files') && c.isPunct('(', 1)) {
    c.next();
    c.next();
    const path = c.string();
    const options: Record<string, ParamValue> = {};
    while (c.isPunct(',')) {
      c.next();
      const name = c.ident();
      c.punct('=>');
      options[name.toLowerCase()] = value(c);
    }
    c.punct(')');
    return { kind: 'files', path, options };
  }
  const t = c.peek();
  if (t.kind === 'ident' && c.isPunct('(', 1)) throw new SqlRoutineError(t.value);
  return { kind: 'table', name: qualifiedName(c) };
}

/** Parses one statement of the supported shapes; throws SqlSyntaxError or SqlRoutineError. */
export function parseQuery(sql: string): ParsedQuery {
  const c = new Cursor(tokenizeSql(sql), sql);
  let createTable: string[] | null = null;
  if (c.isWord('create')) {
    c.next();
    c.word('table');
    createTable = qualifiedName(c);
    c.word('as');
  }
  c.word('select');
  const items = [selectItem(c)];
  while (c.isPunct(',')) {
    c.next();
    items.push(selectItem(c));
  }
  c.word('from');
  const from = source(c);
  if (c.isPunct(';')) c.next();
  if (c.peek().kind !== 'end') c.fail();
  return { createTable, items, source: from };
}
