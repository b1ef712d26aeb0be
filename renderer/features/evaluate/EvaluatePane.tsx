import { useEffect } from 'react';
import { usePricesStore } from '../../core/stores/prices-store';
import { useChatEndpoints } from '../../core/stores/use-usable-endpoints';
import { DatasetPanel } from './DatasetPanel';
import { useEvaluateStore } from './evaluate-store';
import { ResultsGrid } from './ResultsGrid';
import { RunPanel } from './RunPanel';
import { RunsPanel } from './RunsPanel';
import { ScorersPanel } from './ScorersPanel';
import { SummaryPanel } from './SummaryPanel';
import { TemplateEditor } from './TemplateEditor';
import { VariantsPanel } from './VariantsPanel';
import '../../styles/evaluate.css';

/** Gives variants without an endpoint the workspace's first chat endpoint. */
function useDefaultEndpoints() {
  const { endpoints, status } = useChatEndpoints();
  const variants = useEvaluateStore((s) => s.variants);
  const initialised = useEvaluateStore((s) => s.initialised);
  const setEndpoint = useEvaluateStore((s) => s.setVariantEndpoint);
  useEffect(() => {
    if (!initialised || status !== 'ready') return;
    variants.forEach((v, i) => {
      const pick = endpoints[i % Math.max(1, endpoints.length)];
      if (!v.endpoint && pick) setEndpoint(v.id, pick.name);
    });
  }, [initialised, status, endpoints, variants, setEndpoint]);
}

/**
 * Evaluate: a prompt template over a dataset, 1–6 variants, run here with adaptive
 * concurrency, scored, summarised and exported.
 */
export function EvaluatePane() {
  const error = useEvaluateStore((s) => s.error);
  const dismiss = useEvaluateStore((s) => s.dismissError);
  const phase = useEvaluateStore((s) => s.phase);
  const synthetic = useEvaluateStore((s) => s.run?.synthetic ?? false);
  useEffect(() => {
    void useEvaluateStore.getState().init();
    const prices = usePricesStore.getState();
    if (!prices.loaded) void prices.load();
  }, []);
  useDefaultEndpoints();
  const busy = phase === 'running' || phase === 'pausing';
  return (
    <section className="pane ev" aria-label="Evaluate">
      <header className="pane__header">
        <h2>Evaluate</h2>
        {synthetic && <span className="badge badge--demo">Demo answers</span>}
      </header>
      {error && (
        <div className="alert" role="alert">
          <p>{error}</p>
          <button type="button" className="button button--small" onClick={dismiss}>
            Dismiss
          </button>
        </div>
      )}
      <div className="ev-setup">
        <TemplateEditor disabled={busy} />
        <DatasetPanel disabled={busy} />
      </div>
      <VariantsPanel disabled={busy} />
      <ScorersPanel />
      <RunPanel />
      <ResultsGrid />
      <SummaryPanel />
      <RunsPanel />
    </section>
  );
}
