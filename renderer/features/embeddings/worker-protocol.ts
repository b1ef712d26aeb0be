import type { ModelAgreement, RankedModel } from './agreement';
import type { ModelAnalysis, ModelVectors, PairView } from './analysis';

/*
 * The messages between the page and a similarity worker. One job per message, answered by
 * id: a probe (is the worker alive?), one model's analysis, or the agreement between models
 * whose pairs were ranked by earlier model jobs (possibly in other workers).
 */

/** What a worker is asked to do. */
export type WorkerJob =
  | { kind: 'probe'; id: number }
  | { kind: 'model'; id: number; model: ModelVectors; rankPairs: boolean }
  | { kind: 'agreement'; id: number; models: RankedModel[]; k: number };

/** A worker's answer to one job. */
export type WorkerAnswer =
  | { ok: true; id: number; kind: 'probe' }
  | {
      ok: true;
      id: number;
      kind: 'model';
      analysis: ModelAnalysis;
      pairs: PairView | null;
      ms: number;
      /** Which dot-product kernel ran: WebAssembly SIMD, or the JavaScript fallback. */
      kernel: 'simd' | 'js';
    }
  | { ok: true; id: number; kind: 'agreement'; agreement: ModelAgreement[] }
  | { ok: false; id: number; message: string };

/** A job without its id (the sender numbers it). */
export type JobInput = WorkerJob extends infer J ? (J extends WorkerJob ? Omit<J, 'id'> : never) : never;
