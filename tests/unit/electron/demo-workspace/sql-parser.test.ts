import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../../electron/demo-workspace/csv-read';
import { parseQuery, SqlRoutineError } from '../../../../electron/demo-workspace/sql-parser';
import { SqlSyntaxError, tokenizeSql } from '../../../../electron/demo-workspace/sql-tokenizer';
import { datasetToCsv } from '../../../../shared/eval-sql';

describe('tokenizeSql', () => {
  it('reads escapes, raw literals, adjacent literals, comments and backtick names', () => {
    const tokens = tokenizeSql("-- note\nSELECT 'a\\'b\\n\\%' r'\\n' /* x */ `c``d`, 1.5e3, -2");
    expect(tokens.map((t) => ('value' in t ? t.value : t.kind))).toEqual([
      'SELECT',
      "a'b\n\\%\\n",
      'c`d',
      ',',
      1500,
      ',',
      -2,
      'end',
    ]);
  });

  it('points at what it cannot read', () => {
    expect(() => tokenizeSql("SELECT 'open")).toThrow(SqlSyntaxError);
    expect(() => tokenizeSql('SELECT a # b')).toThrow(/at or near '# b'/);
  });
});

describe('parseQuery', () => {
  it('reads the builder shapes', () => {
    const q = parseQuery(
      "CREATE TABLE c.s.t AS SELECT `id`, x AS y, ai_query('e', CONCAT('a', coalesce(CAST(`q` AS STRING), ''), q), modelParameters => named_struct('max_tokens', 5, 'stop', array('x')), responseFormat => '{}', failOnError => false) AS response FROM read_files('/Volumes/c/s/v/f.csv', format => 'csv', header => true);",
    );
    expect(q.createTable).toEqual(['c', 's', 't']);
    expect(q.items[0]).toEqual({ kind: 'column', name: 'id', alias: 'id' });
    expect(q.items[1]).toEqual({ kind: 'column', name: 'x', alias: 'y' });
    expect(q.items[2]).toEqual({
      kind: 'ai_query',
      alias: 'response',
      call: {
        endpoint: 'e',
        request: [
          { kind: 'text', text: 'a' },
          { kind: 'column', name: 'q', orEmpty: true },
          { kind: 'column', name: 'q', orEmpty: false },
        ],
        modelParameters: { max_tokens: 5, stop: ['x'] },
        failOnError: false,
        responseFormat: '{}',
      },
    });
  });

  it.each([
    'SELECT',
    'SELECT id',
    'SELECT id FROM t WHERE id = 1',
    'SELECT id FROM t; SELECT 1 FROM t',
    'UPDATE t SET a = 1',
    "SELECT ai_query('e', q, unknownArg => 1) AS r FROM t",
    "SELECT ai_query('e', coalesce(q, 'x')) AS r FROM t",
  ])('refuses %j with PARSE_SYNTAX_ERROR', (sql) => {
    expect(() => parseQuery(sql)).toThrow(/^\[PARSE_SYNTAX_ERROR\]/);
  });

  it('names an unknown function', () => {
    expect(() => parseQuery('SELECT lower(x) FROM t')).toThrow(SqlRoutineError);
    expect(() => parseQuery("SELECT ai_query('e', lower(x)) FROM t")).toThrow(/`lower`/);
  });
});

describe('readCsv', () => {
  it('reads back what datasetToCsv writes, with NULL for empty fields', () => {
    const rows = [
      { a: 'x, "y"\r\nz', b: null },
      { a: '', b: 'é 🧪' },
    ];
    const csv = readCsv(datasetToCsv(['a', 'b'], rows), { header: true });
    expect(csv.columns).toEqual(['a', 'b']);
    expect(csv.rows).toEqual([
      ['x, "y"\r\nz', null],
      [null, 'é 🧪'],
    ]);
  });

  it('pads short records and names headerless columns', () => {
    expect(readCsv('1,2\n3\n', { header: false })).toEqual({
      columns: ['_c0', '_c1'],
      rows: [
        ['1', '2'],
        ['3', null],
      ],
    });
  });
});
