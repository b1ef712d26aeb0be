import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ParamsPanel } from '../../components/params/ParamsPanel';
import { anyStreaming, MAX_PANES } from './compare-model';
import { useCompareStore } from './compare-store';
import { SweepDialog } from './SweepDialog';
import { useCapabilities, useChatEndpoints } from './use-chat-endpoints';

/** The shared system prompt and shared parameters (inherited by panes that say so). */
export function SharedSettings() {
  const systemPrompt = useCompareStore((s) => s.systemPrompt);
  const setSystemPrompt = useCompareStore((s) => s.setSystemPrompt);
  const shared = useCompareStore((s) => s.sharedParams);
  const setShared = useCompareStore((s) => s.setSharedParams);
  // Shared parameters go to every pane that inherits them: offer what any of them takes.
  const inheriting = useCompareStore(
    useShallow((s) => s.panes.filter((p) => p.inheritParams).map((p) => p.endpoint)),
  );
  const capabilities = useCapabilities(inheriting);
  const [paramsOpen, setParamsOpen] = useState(false);
  return (
    <div className="cmp-shared">
      <label className="cmp-shared__prompt">
        <span>System prompt (every pane)</span>
        <textarea
          rows={2}
          value={systemPrompt}
          placeholder="You are a helpful assistant."
          onChange={(e) => setSystemPrompt(e.target.value)}
        />
      </label>
      <button
        type="button"
        className="disclosure"
        aria-expanded={paramsOpen}
        onClick={() => setParamsOpen((o) => !o)}
      >
        Shared parameters
      </button>
      {paramsOpen && (
        <ParamsPanel
          value={shared}
          onChange={setShared}
          task="chat"
          contextWindow={null}
          capabilities={capabilities}
        />
      )}
    </div>
  );
}

/** Add pane, Sweep, Blind mode and New comparison. */
export function CompareToolbar() {
  const { endpoints } = useChatEndpoints();
  const count = useCompareStore((s) => s.panes.length);
  const streaming = useCompareStore((s) => anyStreaming(s.panes));
  const blind = useCompareStore((s) => s.blind);
  const setBlind = useCompareStore((s) => s.setBlind);
  const addPane = useCompareStore((s) => s.addPane);
  const newComparison = useCompareStore((s) => s.newComparison);
  const [sweepOpen, setSweepOpen] = useState(false);
  const next = endpoints[count % Math.max(1, endpoints.length)]?.name ?? null;
  return (
    <div className="cmp-toolbar row">
      <button
        type="button"
        className="button"
        disabled={streaming || count >= MAX_PANES}
        title={count >= MAX_PANES ? `At most ${MAX_PANES} panes` : undefined}
        onClick={() => addPane(next)}
      >
        Add pane
      </button>
      <button
        type="button"
        className="button"
        disabled={streaming || endpoints.length === 0}
        onClick={() => setSweepOpen(true)}
      >
        Sweep
      </button>
      <label className="cmp-toggle">
        <input
          type="checkbox"
          checked={blind}
          disabled={streaming}
          onChange={(e) => setBlind(e.target.checked)}
        />
        Blind mode
      </label>
      <button type="button" className="button button--ghost" disabled={streaming} onClick={newComparison}>
        New comparison
      </button>
      {sweepOpen && <SweepDialog onClose={() => setSweepOpen(false)} />}
    </div>
  );
}
