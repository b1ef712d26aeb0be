import Dexie, { type Table } from 'dexie';

/*
 * Vectors cached in IndexedDB by (endpoint, text), so repeating a comparison costs no tokens.
 *
 * This is a SEPARATE database from the app's `serving-studio` one on purpose: it is a
 * disposable cache that can be cleared (or deleted by the browser under storage pressure)
 * at any time, and clearing it must never touch conversations, presets or prices. It also
 * keeps its own schema versions, so the app database's migrations never have to know it.
 */

/** The cache database's name. */
export const EMBEDDINGS_DB_NAME = 'serving-studio-embeddings';

/** One cached vector. Float32Array, as models produce float32 anyway: half the space of numbers. */
export interface CachedVector {
  endpoint: string;
  text: string;
  vector: Float32Array;
  /** When it was stored (epoch ms), for a future "older than" cleanup. */
  createdAt: number;
}

/** What the rest of the feature needs from the cache; the store and tests program against it. */
export interface EmbeddingCache {
  /** The cached vector of each text (undefined where there is none), in order. */
  getMany(endpoint: string, texts: readonly string[]): Promise<(Float32Array | undefined)[]>;
  putMany(endpoint: string, entries: ReadonlyArray<readonly [string, Float32Array]>): Promise<void>;
  /** Vectors stored, all endpoints together. */
  count(): Promise<number>;
  clear(): Promise<void>;
}

class EmbeddingsDatabase extends Dexie {
  vectors!: Table<CachedVector, [string, string]>;
  constructor(name: string) {
    super(name);
    // Compound primary key: one vector per (endpoint, text). The text is the key itself
    // (not a hash), so a lookup can never return another text's vector.
    this.version(1).stores({ vectors: '[endpoint+text]' });
  }
}

/** Opens (lazily, on first use) the cache database `name`. */
export function createEmbeddingCache(
  name = EMBEDDINGS_DB_NAME,
  now: () => number = Date.now,
): EmbeddingCache {
  const db = new EmbeddingsDatabase(name);
  return {
    async getMany(endpoint, texts) {
      const rows = await db.vectors.bulkGet(texts.map((text) => [endpoint, text] as [string, string]));
      return rows.map((row) => row?.vector);
    },
    async putMany(endpoint, entries) {
      const createdAt = now();
      await db.vectors.bulkPut(entries.map(([text, vector]) => ({ endpoint, text, vector, createdAt })));
    },
    count: () => db.vectors.count(),
    clear: () => db.vectors.clear(),
  };
}
