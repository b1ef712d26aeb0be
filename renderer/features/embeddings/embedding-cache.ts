import Dexie, { type Table } from 'dexie';
import { ownCopy } from './packed-vectors';

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

/**
 * Rows per IndexedDB call. Every get and put runs on the main thread (a put of a vector is
 * about 0.1 ms there, serialising it and handing it to the browser's storage, and over 1 ms
 * on a loaded machine), and a 500-text run used to ask for 500 in one call: tens of
 * milliseconds in one task. In slices, each awaited, the page gets to paint between them;
 * a write slice is small enough to fit one idle period even when the machine is busy.
 */
const GET_SLICE = 50;
const PUT_SLICE = 10;

/** Runs `step` over `items` a slice at a time, one after the other. */
async function inSlices<T, R>(items: readonly T[], size: number, step: (slice: T[]) => Promise<R[]>) {
  const out: R[] = [];
  for (let at = 0; at < items.length; at += size) out.push(...(await step(items.slice(at, at + size))));
  return out;
}

/** Resolves when the page is idle (or after a moment where it can't tell). */
function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 1000 });
    else setTimeout(resolve, 0);
  });
}

/**
 * Opens (lazily, on first use) the cache database `name`.
 *
 * Writes wait for idle time, a slice per idle period: storing 1,000 vectors (500 texts, two
 * models) costs the main thread a few hundred milliseconds in all, which must neither delay
 * the comparison nor drop frames while it runs. They are queued in order, and every read
 * (`getMany`, `count`) and `clear` waits for the queue first, so the cache never answers
 * from a state older than the last `putMany`.
 */
export function createEmbeddingCache(
  name = EMBEDDINGS_DB_NAME,
  now: () => number = Date.now,
): EmbeddingCache {
  const db = new EmbeddingsDatabase(name);
  let writes: Promise<unknown> = Promise.resolve();
  const afterWrites = () => writes.catch(() => undefined);
  return {
    async getMany(endpoint, texts) {
      await afterWrites();
      const keys = texts.map((text) => [endpoint, text] as [string, string]);
      const rows = await inSlices(keys, GET_SLICE, (slice) => db.vectors.bulkGet(slice));
      return rows.map((row) => row?.vector);
    },
    putMany(endpoint, entries) {
      const createdAt = now();
      const done = afterWrites().then(() =>
        inSlices(entries, PUT_SLICE, async (slice) => {
          await whenIdle();
          // A vector may be a view into its whole batch's buffer, which IndexedDB would store
          // with it: each row gets its own copy, here, a slice at a time in idle time.
          const rows = slice.map(([text, vector]) => ({
            endpoint,
            text,
            vector: ownCopy(vector),
            createdAt,
          }));
          await db.vectors.bulkPut(rows);
          return [];
        }),
      );
      writes = done;
      return done.then(() => undefined);
    },
    count: () => afterWrites().then(() => db.vectors.count()),
    clear: () => afterWrites().then(() => db.vectors.clear()),
  };
}
