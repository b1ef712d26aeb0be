import { schemaExists } from './volumes';

/**
 * The demo's Unity Catalog tables: what `CREATE TABLE … AS SELECT` stores, readable with
 * `FROM catalog.schema.table`. One table is there from the start, `main.default.eval_questions`
 * (id, question, expected), so a statement can read a table without creating one first.
 */

export interface StoredTable {
  columns: { name: string; type: string }[];
  rows: (string | null)[][];
}

export const SEED_TABLE = 'main.default.eval_questions';

const SEED: StoredTable = {
  columns: [
    { name: 'id', type: 'STRING' },
    { name: 'question', type: 'STRING' },
    { name: 'expected', type: 'STRING' },
  ],
  rows: [
    ['1', 'What is a vector index?', 'index'],
    ['2', 'Explain rate limits in one sentence.', 'limit'],
    ['3', 'Write a SQL query that counts rows.', 'SELECT'],
    ['4', 'What is temperature in sampling?', 'randomness'],
    ['5', 'Name one use of embeddings.', 'search'],
  ],
};

/** The three parts of a table name, lower-cased (Unity Catalog names are case-insensitive). */
export const tableKey = (parts: string[]): string => parts.map((p) => p.toLowerCase()).join('.');

export class TableStore {
  private readonly tables = new Map<string, StoredTable>([[SEED_TABLE, SEED]]);

  get(parts: string[]): StoredTable | undefined {
    return this.tables.get(tableKey(parts));
  }

  /** Whether the table's catalog and schema exist. */
  schemaExists(parts: string[]): boolean {
    return schemaExists((parts[0] ?? '').toLowerCase(), (parts[1] ?? '').toLowerCase());
  }

  set(parts: string[], table: StoredTable): void {
    this.tables.set(tableKey(parts), table);
  }
}
