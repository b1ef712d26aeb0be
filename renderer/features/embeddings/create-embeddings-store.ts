import { create } from 'zustand';
import type { StudioApi } from '../../../shared/contract';
import type { UsageEntry } from '../../core/db/usage-repo';
import { type Comparison, initialRun, type ModelRunView, runComparison } from './comparison-run';
import type { EmbeddingCache } from './embedding-cache';
import type { Compute } from './similarity-client';
import {
  type CsvTable,
  csvColumn,
  isCsvFile,
  parseCsv,
  parseLines,
  textCountProblem,
  toCsvTable,
} from './text-input';

/*
 * The embedding-comparison store, built by a factory so that unit tests can give it a
 * StudioApi test double, a cache on fake-indexeddb and the inline compute.
 * `embeddings-store.ts` creates the app's instance on the real bridge and the worker.
 */

/** What the store needs from the outside world. */
export interface EmbeddingsStoreDeps {
  getApi: () => Pick<StudioApi, 'createEmbeddings'>;
  /** The vector cache; null when IndexedDB is unavailable. Called once, on first use. */
  openCache: () => EmbeddingCache | null;
  compute: Compute;
  /** Records one model run's usage (renderer/core/db/usage-repo.ts). */
  recordUsage?: (entry: UsageEntry) => unknown;
  /** Cost in USD of `promptTokens` input tokens on `endpoint`; null when no price is known. */
  costOf?: (endpoint: string, promptTokens: number) => number | null;
  workspaceId?: () => string | null;
}

/** An imported CSV file, kept so that another column can be picked without re-importing. */
export interface CsvImport {
  fileName: string;
  rows: string[][];
  firstRowIsHeader: boolean;
  table: CsvTable;
  column: number;
}

/** The pane's state and actions. Only these actions call the bridge or the cache. */
export interface EmbeddingsState {
  /** The texts box: one text per line. */
  source: string;
  query: string;
  /** Chosen endpoints, in the order they were ticked (the first is the rank reference). */
  selected: string[];
  /** Whether the user has ticked or unticked anything (then defaults no longer apply). */
  chosen: boolean;
  csv: CsvImport | null;
  phase: 'idle' | 'embedding' | 'computing';
  runs: ModelRunView[];
  comparison: Comparison | null;
  /** A problem with the whole run (too few texts, the analysis failed). */
  problem: string | null;
  /** Vectors in the cache, all endpoints; null until counted or when unavailable. */
  cacheCount: number | null;
  setSource(text: string): void;
  setQuery(text: string): void;
  toggleEndpoint(name: string, on: boolean): void;
  /** Ticks the first two of `ready` (ready embedding endpoints) unless the user has chosen. */
  applyDefaultSelection(ready: string[]): void;
  /** Loads a .txt (one text per line) or .csv (a column) file's content into the texts box. */
  importFile(fileName: string, content: string): void;
  pickCsvColumn(column: number): void;
  setCsvHeader(firstRowIsHeader: boolean): void;
  /** Embeds with every selected endpoint and analyses; no-op while running. */
  run(): Promise<void>;
  /** Stops issuing batches; answers still in flight are ignored when they come back. */
  cancel(): void;
  clearCache(): Promise<void>;
  refreshCacheCount(): Promise<void>;
}

function csvState(csv: CsvImport): Pick<EmbeddingsState, 'csv' | 'source'> {
  return { csv, source: csvColumn(csv.table, csv.column).join('\n') };
}

/** Creates an embeddings store bound to `deps`. */
export function createEmbeddingsStore(deps: EmbeddingsStoreDeps) {
  let cache: EmbeddingCache | null | undefined;
  const getCache = () => {
    if (cache === undefined) cache = deps.openCache();
    return cache;
  };
  // Each run gets a number; a cancelled or replaced run is one whose number is no longer current.
  let current = 0;
  const onUsage = (endpoint: string, promptTokens: number) =>
    deps.recordUsage?.({
      workspaceId: deps.workspaceId?.() ?? null,
      endpoint,
      source: 'embeddings',
      promptTokens,
      completionTokens: 0,
      costUsd: deps.costOf?.(endpoint, promptTokens) ?? null,
    });

  return create<EmbeddingsState>()((set, get) => ({
    source: '',
    query: '',
    selected: [],
    chosen: false,
    csv: null,
    phase: 'idle',
    runs: [],
    comparison: null,
    problem: null,
    cacheCount: null,

    setSource: (source) => set({ source, csv: null }),
    setQuery: (query) => set({ query }),
    toggleEndpoint(name, on) {
      const selected = get().selected.filter((n) => n !== name);
      set({ selected: on ? [...selected, name] : selected, chosen: true });
    },
    applyDefaultSelection(ready) {
      // Two, so a first Embed already compares; a user's own choice is never overridden.
      if (get().chosen || get().selected.length > 0) return;
      set({ selected: ready.slice(0, 2) });
    },

    importFile(fileName, content) {
      if (!isCsvFile(fileName)) {
        set({ source: parseLines(content).join('\n'), csv: null });
        return;
      }
      const rows = parseCsv(content);
      const table = toCsvTable(rows, true);
      set(csvState({ fileName, rows, firstRowIsHeader: true, table, column: 0 }));
    },
    pickCsvColumn(column) {
      const csv = get().csv;
      if (csv) set(csvState({ ...csv, column }));
    },
    setCsvHeader(firstRowIsHeader) {
      const csv = get().csv;
      if (csv) set(csvState({ ...csv, firstRowIsHeader, table: toCsvTable(csv.rows, firstRowIsHeader) }));
    },

    async run() {
      const { phase, selected, source, query } = get();
      if (phase !== 'idle') return;
      const texts = parseLines(source);
      const problem =
        textCountProblem(texts.length) ??
        (selected.length === 0 ? 'Pick at least one embedding endpoint.' : null);
      if (problem) {
        set({ problem });
        return;
      }
      const mine = ++current;
      const isStale = () => mine !== current;
      set({ phase: 'embedding', problem: null, comparison: null, runs: selected.map(initialRun) });
      const update = (endpoint: string, patch: Partial<ModelRunView>) =>
        set((s) => ({ runs: s.runs.map((r) => (r.endpoint === endpoint ? { ...r, ...patch } : r)) }));
      try {
        const ctx = {
          api: deps.getApi(),
          cache: getCache(),
          compute: deps.compute,
          isStale,
          update,
          onComputing: () => set({ phase: 'computing' }),
          onUsage,
        };
        const comparison = await runComparison(ctx, selected, texts, query.trim() || null);
        if (!isStale()) set(comparison ? { comparison } : {});
      } catch (error) {
        if (!isStale())
          set({ problem: `The comparison failed: ${error instanceof Error ? error.message : error}` });
      } finally {
        if (!isStale()) set({ phase: 'idle' });
        await get().refreshCacheCount();
      }
    },

    cancel() {
      if (get().phase === 'idle') return;
      current++;
      set((s) => ({
        phase: 'idle',
        runs: s.runs.map((r) => (r.status === 'running' ? { ...r, status: 'cancelled' } : r)),
      }));
    },

    async clearCache() {
      const c = getCache();
      if (!c) return;
      await c.clear();
      await get().refreshCacheCount();
    },

    async refreshCacheCount() {
      const c = getCache();
      if (!c) return;
      try {
        set({ cacheCount: await c.count() });
      } catch {
        set({ cacheCount: null });
      }
    },
  }));
}
