import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../electron/demo-workspace/sql-parser';
import { readStringLiteral, tokenizeSql } from '../../../electron/demo-workspace/sql-tokenizer';
import {
  buildEvalStatement,
  datasetToCsv,
  EvalSqlError,
  type EvalStatementInput,
  modelParametersExpression,
  parseTemplate,
  parseUnityCatalogName,
  parseVolumePath,
  readAiQueryCell,
  readEvalResults,
  renderPrompt,
  selectTableStatement,
  sqlIdentifier,
  sqlStringLiteral,
  templateVariables,
  utf8Length,
} from '../../../shared/eval-sql';

const base: EvalStatementInput = {
  endpoint: 'databricks-meta-llama-3-3-70b-instruct',
  template: { user: 'Question: {{question}}' },
  params: { max_tokens: 256, temperature: 0 },
  source: { kind: 'volume', path: '/Volumes/main/default/evals/data.csv' },
  columns: ['id', 'question', 'expected'],
  idColumn: 'id',
};

const TRICKY = [
  "It's",
  "''",
  'back\\slash',
  'ends with a backslash \\',
  "\\'",
  'line one\nline two\r\nthree\ttab',
  'NUL \u0000 here',
  'percent \\% and underscore \\_',
  '{{ not a variable',
  'emoji 🧪 and 中文 and é',
  "'); DROP TABLE users; --",
  '` backtick `` double',
  '"double" quotes',
  '/* not a comment */ -- nor this',
];

describe('sqlStringLiteral', () => {
  it.each(TRICKY)('reads back exactly under Databricks escaping rules: %j', (text) => {
    const literal = sqlStringLiteral(text);
    expect(readStringLiteral(literal)).toBe(text);
    // One token: nothing escapes the literal.
    expect(tokenizeSql(literal).map((t) => t.kind)).toEqual(['string', 'end']);
  });

  it('escapes quotes with a backslash, never by doubling (adjacent literals would join)', () => {
    expect(sqlStringLiteral("It's")).toBe("'It\\'s'");
    expect(sqlStringLiteral('a\\b')).toBe("'a\\\\b'");
    expect(sqlStringLiteral('a\nb')).toBe("'a\\nb'");
  });
});

describe('sqlIdentifier', () => {
  it('backtick-quotes and doubles backticks', () => {
    expect(sqlIdentifier('my col')).toBe('`my col`');
    expect(sqlIdentifier('a`b')).toBe('`a``b`');
    expect(() => sqlIdentifier('')).toThrow(EvalSqlError);
  });
});

describe('templates', () => {
  it('splits text and variables, with spaces inside braces and unicode names', () => {
    expect(parseTemplate('Hi {{ name }}, {{größe}}!')).toEqual([
      { kind: 'text', text: 'Hi ' },
      { kind: 'variable', name: 'name' },
      { kind: 'text', text: ', ' },
      { kind: 'variable', name: 'größe' },
      { kind: 'text', text: '!' },
    ]);
  });

  it('keeps a {{ that opens no placeholder, and {{}}, as text', () => {
    expect(parseTemplate('a {{ b and {{}} c')).toEqual([{ kind: 'text', text: 'a {{ b and {{}} c' }]);
    expect(parseTemplate('{{{x}}}')).toEqual([
      { kind: 'text', text: '{' },
      { kind: 'variable', name: 'x' },
      { kind: 'text', text: '}' },
    ]);
  });

  it('lists variables once, system prompt first', () => {
    expect(templateVariables({ system: 'You grade {{subject}}.', user: '{{q}} ({{subject}})' })).toEqual([
      'subject',
      'q',
    ]);
  });

  it('renders the request text: system, a blank line, user; missing values empty', () => {
    const text = renderPrompt({ system: 'Be brief.', user: 'Q: {{q}} / {{none}}' }, { q: "It's" });
    expect(text).toBe("Be brief.\n\nQ: It's / ");
  });
});

describe('buildEvalStatement', () => {
  it('builds the ai_query statement over read_files', () => {
    const sql = buildEvalStatement({ ...base, keepColumns: ['expected'] });
    expect(sql).toBe(
      [
        'SELECT',
        '  `id`,',
        '  `expected`,',
        '  ai_query(',
        "    'databricks-meta-llama-3-3-70b-instruct',",
        "    CONCAT('Question: ', coalesce(CAST(`question` AS STRING), '')),",
        "    modelParameters => named_struct('max_tokens', 256, 'temperature', 0.0),",
        '    failOnError => false',
        '  ) AS response',
        "FROM read_files('/Volumes/main/default/evals/data.csv', format => 'csv', header => true, multiLine => true, escape => '\"', inferColumnTypes => false)",
      ].join('\n'),
    );
  });

  it('reads back through a SQL tokenizer to the same template, whatever the text holds', () => {
    for (const text of TRICKY) {
      const template = { system: `S ${text}`, user: `${text}{{question}}${text}` };
      const sql = buildEvalStatement({ ...base, template });
      const parsed = parseQuery(sql);
      const item = parsed.items.find((i) => i.kind === 'ai_query');
      if (item?.kind !== 'ai_query') throw new Error('no ai_query');
      const rendered = item.call.request
        .map((p) => (p.kind === 'text' ? p.text : p.name === 'question' ? 'Q?' : '??'))
        .join('');
      expect(rendered).toBe(renderPrompt(template, { question: 'Q?' }));
      expect(parsed.source).toEqual({
        kind: 'files',
        path: '/Volumes/main/default/evals/data.csv',
        options: { format: 'csv', header: true, multiline: true, escape: '"', infercolumntypes: false },
      });
    }
  });

  it('quotes hostile column names as identifiers, never as SQL', () => {
    const evil = 'q`) AS x FROM t; DROP TABLE y; --';
    const odd = 'question. ünï-code 1';
    const sql = buildEvalStatement({
      ...base,
      template: { user: `{{ ${odd} }}` },
      columns: [evil, odd],
      idColumn: evil,
    });
    const parsed = parseQuery(sql);
    expect(parsed.items[0]).toEqual({ kind: 'column', name: evil, alias: evil });
    const item = parsed.items.find((i) => i.kind === 'ai_query');
    expect(item?.kind === 'ai_query' && item.call.request).toEqual([
      { kind: 'column', name: odd, orEmpty: true },
    ]);
  });

  it('treats braces around anything but a name as text', () => {
    expect(parseTemplate("{{a+b}} {{x'); DROP}} {{ }}")).toEqual([
      { kind: 'text', text: "{{a+b}} {{x'); DROP}} {{ }}" },
    ]);
  });

  it('sends parameters, stop sequences, the response format and a CREATE TABLE', () => {
    const sql = buildEvalStatement({
      ...base,
      params: { max_tokens: 64, temperature: 0.7, top_p: 1, top_k: 40, stop: ["'end'"], stream: false },
      responseFormat: { type: 'json_object' },
      source: { kind: 'table', name: 'main.default.questions' },
      createTable: 'main.results.run_1',
    });
    expect(sql.startsWith('CREATE TABLE `main`.`results`.`run_1` AS\nSELECT')).toBe(true);
    const parsed = parseQuery(sql);
    expect(parsed.createTable).toEqual(['main', 'results', 'run_1']);
    expect(parsed.source).toEqual({ kind: 'table', name: ['main', 'default', 'questions'] });
    const item = parsed.items.find((i) => i.kind === 'ai_query');
    if (item?.kind !== 'ai_query') throw new Error('no ai_query');
    expect(item.call.modelParameters).toEqual({
      max_tokens: 64,
      temperature: 0.7,
      top_p: 1,
      top_k: 40,
      stop: ["'end'"],
    });
    expect(item.call.responseFormat).toBe('{"type":"json_object"}');
    expect(item.call.failOnError).toBe(false);
  });

  it('puts a system prompt before the user prompt in the one request string', () => {
    const sql = buildEvalStatement({ ...base, template: { system: 'Be brief.', user: '{{question}}' } });
    expect(sql).toContain("CONCAT('Be brief.\\n\\n', coalesce(CAST(`question` AS STRING), ''))");
  });

  it('refuses what it cannot express safely, saying what to fix', () => {
    const cases: [Partial<EvalStatementInput>, RegExp][] = [
      [{ endpoint: "x'; DROP" }, /not an endpoint name/],
      [{ endpoint: '../serving' }, /not an endpoint name/],
      [{ template: { user: '{{missing}}' } }, /\{\{missing\}\}, which the dataset has no column/],
      [{ template: { user: '   ' } }, /user prompt/],
      [{ idColumn: 'nope' }, /no column "nope"/],
      [{ idColumn: 'Response', columns: ['Response', 'question'] }, /clash/],
      [{ source: { kind: 'volume', path: '/tmp/data.csv' } }, /not a volume path/],
      [{ source: { kind: 'volume', path: '/Volumes/main/default/evals/../x.csv' } }, /"\.\." segment/],
      [{ source: { kind: 'volume', path: '/Volumes/main/default/evals' } }, /names no file/],
      [{ source: { kind: 'table', name: 'main..t' } }, /empty part/],
      [{ source: { kind: 'table', name: 'main.default' } }, /catalog\.schema\.table/],
      [{ createTable: 'a.b.c`; DROP' }, /can't have/],
      [{ params: { tools: [{ name: 'f', parameters: {} }] } }, /tools/],
      [{ params: { n: 2 } }, /n must be 1/],
      [{ params: { max_tokens: 1.5 } }, /whole number/],
    ];
    for (const [patch, message] of cases)
      expect(() => buildEvalStatement({ ...base, ...patch } as EvalStatementInput)).toThrow(message);
  });

  it('leaves the variable check to the workspace when the columns are unknown', () => {
    const { columns: _columns, ...rest } = base;
    expect(() => buildEvalStatement({ ...rest, template: { user: '{{anything}}' } })).not.toThrow();
  });
});

describe('names and paths', () => {
  it('splits volume paths into their parts', () => {
    expect(parseVolumePath('/Volumes/c/s/v/dir/f.csv')).toMatchObject({
      catalog: 'c',
      schema: 's',
      volume: 'v',
      file: 'dir/f.csv',
    });
    expect(() => parseVolumePath('/Volumes/c/s/v//f.csv')).toThrow(/empty segment/);
    expect(() => parseVolumePath('/Volumes/c/s/v/.')).toThrow(/"\." segment/);
  });

  it('checks Unity Catalog names', () => {
    expect(parseUnityCatalogName('main.default.t_1')).toEqual(['main', 'default', 't_1']);
    expect(() => parseUnityCatalogName('main.default.a/b')).toThrow(EvalSqlError);
    expect(() => parseUnityCatalogName('main. default.t')).toThrow(/space/);
  });

  it('writes no modelParameters when nothing is set', () => {
    expect(modelParametersExpression({})).toBeNull();
    expect(modelParametersExpression({ reasoning_effort: 'low', stop: [] })).toBe(
      "named_struct('reasoning_effort', 'low')",
    );
  });
});

describe('datasetToCsv', () => {
  it('writes RFC 4180: a header, quotes doubled, fields with commas or line breaks quoted, CRLF', () => {
    const csv = datasetToCsv(
      ['id', 'text', 'n'],
      [
        { id: 1, text: 'plain', n: 2.5 },
        { id: 2, text: 'a, "quoted"\nline', n: null },
        { id: 3, text: ' padded ' },
      ],
    );
    expect(csv).toBe('id,text,n\r\n1,plain,2.5\r\n2,"a, ""quoted""\nline",\r\n3," padded ",\r\n');
  });

  it('refuses duplicate or empty column names', () => {
    expect(() => datasetToCsv(['a', 'a'], [])).toThrow(/twice/);
    expect(() => datasetToCsv([''], [])).toThrow(/empty/);
  });

  it('counts UTF-8 bytes', () => {
    expect(utf8Length('aé中🧪')).toBe(1 + 2 + 3 + 4);
  });
});

describe('results', () => {
  it('reads ai_query cells: the struct, plain text, NULL', () => {
    expect(readAiQueryCell('{"result":"Hi","errorMessage":null}')).toEqual({
      result: 'Hi',
      errorMessage: null,
    });
    expect(readAiQueryCell('{"result":null,"errorMessage":"boom"}')).toEqual({
      result: null,
      errorMessage: 'boom',
    });
    expect(readAiQueryCell('{"a": 1}')).toEqual({ result: '{"a": 1}', errorMessage: null });
    expect(readAiQueryCell('{not json')).toEqual({ result: '{not json', errorMessage: null });
    expect(readAiQueryCell(null)).toEqual({ result: null, errorMessage: null });
  });

  it('matches rows by id and keeps the other columns', () => {
    const rows = readEvalResults(
      [{ name: 'id' }, { name: 'expected' }, { name: 'response' }],
      [
        ['1', 'yes', '{"result":"yes","errorMessage":null}'],
        ['2', null, '{"result":null,"errorMessage":"rate limited"}'],
      ],
      'id',
    );
    expect(rows).toEqual([
      { id: '1', values: { expected: 'yes' }, answer: { result: 'yes', errorMessage: null } },
      { id: '2', values: { expected: null }, answer: { result: null, errorMessage: 'rate limited' } },
    ]);
    expect(() => readEvalResults([{ name: 'response' }], [], 'id')).toThrow(/no "id" column/);
  });

  it('reads a kept table back', () => {
    expect(selectTableStatement('main.results.run 1')).toBe('SELECT * FROM `main`.`results`.`run 1`');
    expect(() => selectTableStatement('main.results.run`1')).toThrow(/can't have/);
  });

  it('renders values the way the CSV writes them', () => {
    const row = { n: 2.5, b: true, o: { k: 'v' }, z: null };
    const template = { user: '{{n}}|{{b}}|{{o}}|{{z}}' };
    expect(renderPrompt(template, row)).toBe('2.5|true|{"k":"v"}|');
    expect(datasetToCsv(['n', 'b', 'o', 'z'], [row])).toBe('n,b,o,z\r\n2.5,true,"{""k"":""v""}",\r\n');
  });
});
