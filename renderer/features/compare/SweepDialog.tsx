import { useId, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { useCompareStore } from './compare-store';
import { DEFAULT_SWEEP_VALUES, parseSweepValues, SWEEP_PARAMS, type SweepParam } from './sweep';
import { useChatEndpoints, useContextWindow } from './use-chat-endpoints';

/** "Sweep": K panes of one endpoint differing in one parameter, replacing the panes. */
export function SweepDialog({ onClose }: { onClose(): void }) {
  const id = useId();
  const { endpoints } = useChatEndpoints();
  const first = useCompareStore((s) => s.panes.find((p) => p.endpoint)?.endpoint ?? null);
  const applySweep = useCompareStore((s) => s.applySweep);
  const [endpoint, setEndpoint] = useState(first ?? endpoints[0]?.name ?? '');
  const [param, setParam] = useState<SweepParam>('temperature');
  const [text, setText] = useState(DEFAULT_SWEEP_VALUES.temperature);
  const window = useContextWindow(endpoint);
  const parsed = parseSweepValues(text, param, window);

  const create = () => {
    if (!parsed.ok || !endpoint) return;
    applySweep(endpoint, param, parsed.values);
    onClose();
  };

  return (
    <Dialog open title="Sweep a parameter" onClose={onClose}>
      <div className="form cmp-sweep">
        <label htmlFor={`${id}-endpoint`}>Endpoint</label>
        <select id={`${id}-endpoint`} value={endpoint} onChange={(e) => setEndpoint(e.target.value)}>
          {endpoints.map((e) => (
            <option key={e.name} value={e.name}>
              {e.name}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-param`}>Parameter</label>
        <select
          id={`${id}-param`}
          value={param}
          onChange={(e) => {
            const next = e.target.value as SweepParam;
            setParam(next);
            setText(DEFAULT_SWEEP_VALUES[next]);
          }}
        >
          {SWEEP_PARAMS.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-values`}>Values</label>
        <input
          id={`${id}-values`}
          value={text}
          aria-describedby={`${id}-hint`}
          onChange={(e) => setText(e.target.value)}
        />
        <p id={`${id}-hint`} className={parsed.ok ? 'hint' : 'alert alert--inline'}>
          {parsed.ok
            ? `${parsed.values.length} panes on ${endpoint || '…'}; the other parameters are the shared ones. Replaces the current panes.`
            : parsed.reason}
        </p>
        <div className="row">
          <button
            type="button"
            className="button button--primary"
            disabled={!parsed.ok || !endpoint}
            onClick={create}
          >
            Create panes
          </button>
        </div>
      </div>
    </Dialog>
  );
}
