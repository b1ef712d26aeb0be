import { agreementOfRanked } from './agreement';
import { analysisTransferables, analyzeModelRanked, rankedModels } from './analysis';
import { dotKernel } from './dot-kernel';
import { heatmapBitmap } from './heatmap-draw';
import type { WorkerAnswer, WorkerJob } from './worker-protocol';

/*
 * A similarity worker: runs one job of the analysis off the main thread so that 500 texts ×
 * 1024 dimensions never freezes the UI. Several run side by side, one model each. Buffers
 * arrive transferred and go back transferred (the vectors too, so the page gets its own
 * buffer back without a copy).
 */

/** The worker's global, typed narrowly: the web tsconfig has the DOM lib, not WebWorker. */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerJob>) => void) | null;
  postMessage(message: WorkerAnswer, transfer: Transferable[]): void;
};

/**
 * Runs the math a few times on a tiny made-up set, so that the JIT has compiled the hot loops
 * with the right types before real vectors come and the first real run does not start in
 * unoptimised code. Done on the probe, while the texts are still being embedded and this
 * worker would be idle. About 10 ms.
 */
function warmUp(): void {
  const count = 48;
  const dim = 64;
  const data = new Float32Array(count * dim).map((_, k) => Math.sin(k * 0.7));
  for (let round = 0; round < 20; round++) {
    const [ranked] = rankedModels([
      analyzeModelRanked({ endpoint: '', data, count, dim, query: null }, true),
    ]);
    if (ranked) agreementOfRanked([ranked, ranked], 1);
  }
}

async function run(job: WorkerJob): Promise<[WorkerAnswer, Transferable[]]> {
  switch (job.kind) {
    case 'probe':
      warmUp();
      return [{ ok: true, id: job.id, kind: 'probe' }, []];
    case 'model': {
      const started = performance.now();
      const { analysis, pairs } = analyzeModelRanked(job.model, job.rankPairs);
      // The heatmap's pixels are made here too, so the page only draws a bitmap.
      analysis.heatmap = await heatmapBitmap(analysis.matrix, analysis.count);
      const ms = performance.now() - started;
      return [
        { ok: true, id: job.id, kind: 'model', analysis, pairs, ms, kernel: dotKernel().kind },
        analysisTransferables(analysis, pairs),
      ];
    }
    case 'agreement':
      return [
        { ok: true, id: job.id, kind: 'agreement', agreement: agreementOfRanked(job.models, job.k) },
        [],
      ];
  }
}

scope.onmessage = async (event) => {
  try {
    const [answer, transfer] = await run(event.data);
    scope.postMessage(answer, transfer);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    scope.postMessage({ ok: false, id: event.data.id, message }, []);
  }
};
