import { useState } from 'react';
import { CapabilityBadges } from '../../components/CapabilityBadges';
import { useEndpointsStore } from '../../core/stores/endpoints-store';
import type { PaneState } from './compare-model';
import { useCompareStore } from './compare-store';
import { PaneParamsDialog } from './PaneParamsDialog';
import { useChatEndpoints } from './use-chat-endpoints';

/** Props of a pane's header. */
export interface PaneHeaderProps {
  pane: PaneState;
  position: number;
  count: number;
  hidden: boolean;
  name: string;
}

/**
 * The endpoint picker (or the blind label) with the endpoint's capability badges,
 * parameters, move, remove and stop for one pane.
 */
export function PaneHeader({ pane, position, count, hidden, name }: PaneHeaderProps) {
  const n = position + 1;
  const { endpoints, status } = useChatEndpoints();
  const gone = useEndpointsStore((s) => s.gone);
  const streaming = pane.answers.some((a) => a.status === 'streaming');
  const anyStreaming = useCompareStore((s) =>
    s.panes.some((p) => p.answers.some((a) => a.status === 'streaming')),
  );
  const setEndpoint = useCompareStore((s) => s.setPaneEndpoint);
  const move = useCompareStore((s) => s.movePane);
  const remove = useCompareStore((s) => s.removePane);
  const stop = useCompareStore((s) => s.stopPane);
  const [paramsOpen, setParamsOpen] = useState(false);
  const info = endpoints.find((e) => e.name === pane.endpoint);
  const known = info !== undefined;
  // A gone endpoint stays the pane's (its answer shows the server's words), labelled missing.
  const missing = (name: string) => (status === 'ready' && !known) || gone[name] !== undefined;
  const label = (name: string) => (name === pane.endpoint && missing(name) ? `${name} (missing)` : name);

  return (
    <header className="cmp-pane__header">
      {hidden ? (
        <h3 className="cmp-pane__name">{name}</h3>
      ) : (
        <select
          aria-label={`Endpoint for pane ${n}`}
          value={pane.endpoint ?? ''}
          disabled={anyStreaming}
          onChange={(e) => setEndpoint(pane.id, e.target.value)}
        >
          {(!pane.endpoint || !known) && (
            <option value={pane.endpoint ?? ''}>
              {pane.endpoint ? label(pane.endpoint) : 'Pick an endpoint'}
            </option>
          )}
          {endpoints.map((e) => (
            <option key={e.name} value={e.name}>
              {label(e.name)}
            </option>
          ))}
        </select>
      )}
      {/* Blind mode hides them too: "Reasoning, 200k" would name the model. */}
      {!hidden && pane.endpoint && <CapabilityBadges endpoint={info ?? { name: pane.endpoint }} />}
      <div className="cmp-pane__actions">
        {!hidden && (
          <>
            <button
              type="button"
              className="button button--ghost button--small"
              aria-label={`Parameters for pane ${n}`}
              title={pane.inheritParams ? 'Shared parameters' : 'Own parameters'}
              onClick={() => setParamsOpen(true)}
            >
              Parameters
            </button>
            <span className="muted pane-header__params-kind" data-testid="pane-params-kind">
              {pane.inheritParams ? 'shared' : 'own'}
            </span>
            <button
              type="button"
              className="button button--ghost button--small"
              aria-label={`Move pane ${n} left`}
              disabled={anyStreaming || position === 0}
              onClick={() => move(pane.id, -1)}
            >
              ←
            </button>
            <button
              type="button"
              className="button button--ghost button--small"
              aria-label={`Move pane ${n} right`}
              disabled={anyStreaming || position === count - 1}
              onClick={() => move(pane.id, 1)}
            >
              →
            </button>
          </>
        )}
        {streaming ? (
          <button
            type="button"
            className="button button--danger button--small"
            onClick={() => void stop(pane.id)}
          >
            Stop pane {n}
          </button>
        ) : (
          <button
            type="button"
            className="button button--ghost button--small"
            aria-label={`Remove pane ${n}`}
            disabled={anyStreaming || count <= 2}
            onClick={() => remove(pane.id)}
          >
            ✕
          </button>
        )}
      </div>
      {paramsOpen && <PaneParamsDialog pane={pane} n={n} onClose={() => setParamsOpen(false)} />}
    </header>
  );
}
