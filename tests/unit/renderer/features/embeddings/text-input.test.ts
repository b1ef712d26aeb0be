import { describe, expect, it } from 'vitest';
import {
  countDuplicates,
  csvColumn,
  isCsvFile,
  parseCsv,
  parseLines,
  textCountProblem,
  toCsvTable,
  uniqueTexts,
} from '../../../../../renderer/features/embeddings/text-input';

describe('parseLines', () => {
  it('takes one text per line, any line ending, blank lines dropped', () => {
    expect(parseLines('  a \r\nb\n\n\rc\r')).toEqual(['a', 'b', 'c']);
  });
});

describe('parseCsv', () => {
  it('splits on commas outside quotes and unescapes doubled quotes', () => {
    const csv = 'id,text\n1,"Hello, world"\n2,"She said ""hi"""\n';
    expect(parseCsv(csv)).toEqual([
      ['id', 'text'],
      ['1', 'Hello, world'],
      ['2', 'She said "hi"'],
    ]);
  });

  it('keeps line breaks inside quoted fields and handles CRLF', () => {
    expect(parseCsv('a,"line one\r\nline two"\r\nb,c')).toEqual([
      ['a', 'line one\r\nline two'],
      ['b', 'c'],
    ]);
  });

  it('keeps empty fields and drops empty lines', () => {
    expect(parseCsv('a,,c\n\n,b,\n')).toEqual([
      ['a', '', 'c'],
      ['', 'b', ''],
    ]);
  });
});

describe('CSV columns', () => {
  const rows = parseCsv('id,text,label\n1,"cats, kittens",pets\n2,bonds,\n3,,money');

  it('picks a column by header name or index, skipping empty cells', () => {
    const table = toCsvTable(rows, true);
    expect(table.headers).toEqual(['id', 'text', 'label']);
    expect(csvColumn(table, 'text')).toEqual(['cats, kittens', 'bonds']);
    expect(csvColumn(table, 2)).toEqual(['pets', 'money']);
    expect(csvColumn(table, 'missing')).toEqual([]);
  });

  it('without a header row, names columns and keeps the first row as data', () => {
    const table = toCsvTable(rows, false);
    expect(table.headers).toEqual(['Column 1', 'Column 2', 'Column 3']);
    expect(csvColumn(table, 0)).toEqual(['id', '1', '2', '3']);
  });

  it('recognises CSV files by extension', () => {
    expect(isCsvFile('texts.CSV')).toBe(true);
    expect(isCsvFile('texts.txt')).toBe(false);
  });
});

describe('the list as a whole', () => {
  it('counts duplicates but keeps them; embeds each once', () => {
    const list = ['a', 'b', 'a', 'a'];
    expect(countDuplicates(list)).toBe(2);
    expect(uniqueTexts(list)).toEqual(['a', 'b']);
  });

  it('asks for 2 to 2000 texts', () => {
    expect(textCountProblem(1)).toMatch(/at least 2/);
    expect(textCountProblem(2)).toBeNull();
    expect(textCountProblem(500)).toBeNull();
    expect(textCountProblem(2000)).toBeNull();
    expect(textCountProblem(2001)).toMatch(/At most 2000/);
  });
});
