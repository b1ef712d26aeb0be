import { Dialog } from '../../components/Dialog';
import { ParamsPanel } from '../../components/params/ParamsPanel';
import type { PaneState } from './compare-model';
import { useCompareStore } from './compare-store';
import { useCapabilities, useContextWindow } from './use-chat-endpoints';

/** A pane's own parameters, or "inherit the shared ones", in a dialog. */
export function PaneParamsDialog({ pane, n, onClose }: { pane: PaneState; n: number; onClose(): void }) {
  const setInherit = useCompareStore((s) => s.setPaneInherit);
  const setParams = useCompareStore((s) => s.setPaneParams);
  const shared = useCompareStore((s) => s.sharedParams);
  const window = useContextWindow(pane.endpoint);
  const capabilities = useCapabilities([pane.endpoint]);
  return (
    <Dialog open title={`Parameters for pane ${n}`} onClose={onClose}>
      <label className="cmp-inherit">
        <input
          type="checkbox"
          checked={pane.inheritParams}
          onChange={(e) => setInherit(pane.id, e.target.checked)}
        />
        Inherit shared parameters
      </label>
      {pane.inheritParams ? (
        <p className="muted">
          This pane sends the shared parameters
          {Object.keys(shared).length === 0
            ? ' (none set: server defaults).'
            : `: ${JSON.stringify(shared)}.`}
        </p>
      ) : (
        <ParamsPanel
          value={pane.params}
          onChange={(next) => setParams(pane.id, next)}
          task="chat"
          contextWindow={window}
          capabilities={capabilities}
        />
      )}
    </Dialog>
  );
}
