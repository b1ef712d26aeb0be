import { type AnalysisRequest, analyze, resultTransferables } from './analysis';

/*
 * The similarity worker: runs the analysis off the main thread so that 500 texts × 1024
 * dimensions never freezes the UI. Buffers arrive transferred and go back transferred (the
 * vectors too, so the page gets its own buffer back without a copy).
 */

/** The worker's global, typed narrowly: the web tsconfig has the DOM lib, not WebWorker. */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<AnalysisRequest>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
};

scope.onmessage = (event) => {
  try {
    const result = analyze(event.data);
    scope.postMessage({ ok: true, result }, resultTransferables(result));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    scope.postMessage({ ok: false, id: event.data.id, message }, []);
  }
};
