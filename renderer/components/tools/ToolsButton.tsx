import { lazy, Suspense, useId, useState } from 'react';
import type { GenerationParams } from '../../../shared/domain';
import { featureRefusal, type ModelCapabilities } from '../../../shared/model-capabilities';
import '../../styles/tools.css';

/*
 * The editor is a chunk of its own, fetched on the first click: it is not start-up code (it
 * checks imported tool sets with the shared zod schemas, which nothing at start needs).
 */
const ToolsEditor = lazy(() => import('./ToolsEditor').then((m) => ({ default: m.ToolsEditor })));

/**
 * Why none of these endpoints can take tools, or null when one can (or may): shown next to
 * the button, not only as a tooltip.
 */
export function toolsRefusal(capabilities: readonly ModelCapabilities[]): string | null {
  if (capabilities.length === 0) return null;
  const refusals = capabilities.map((caps) => featureRefusal(caps, 'tools'));
  return refusals.every((r) => r !== null) ? (refusals[0] as string) : null;
}

/**
 * The parameter panel's entry to the tools: "Tools (2)", opening the editor. On an endpoint
 * that takes no tools it is disabled with the reason written beside it; tools already set
 * stay in the settings (they are not sent there) and come back with an endpoint that takes them.
 */
export function ToolsButton({
  value,
  onChange,
  capabilities,
}: {
  value: GenerationParams;
  onChange(next: GenerationParams): void;
  capabilities: readonly ModelCapabilities[];
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const refusal = toolsRefusal(capabilities);
  const count = value.tools?.length ?? 0;
  const mock = value.tool_mock && count > 0;
  return (
    <div className="param param--tools" data-param="tools" data-set={count > 0}>
      <div className="param__head">
        <button
          type="button"
          className="button button--small"
          disabled={refusal !== null}
          aria-describedby={refusal ? `${id}-refusal` : undefined}
          onClick={() => setOpen(true)}
        >
          Tools ({count})
        </button>
        {!refusal && mock && <span className="badge">mock mode</span>}
      </div>
      {refusal && (
        <p id={`${id}-refusal`} className="param__hint param__refusal muted" data-testid="tools-refusal">
          {refusal}
          {count > 0 ? ' The tools set here are not sent.' : ''}
        </p>
      )}
      {open && (
        <Suspense fallback={null}>
          <ToolsEditor params={value} onChange={onChange} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </div>
  );
}
