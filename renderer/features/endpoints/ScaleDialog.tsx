import { useId, useMemo, useState } from 'react';
import type { Endpoint } from '../../../shared/domain';
import { Dialog } from '../../components/Dialog';
import { formatUsd } from '../../core/cost-math';
import { formatError } from '../../core/format';
import { formatSize } from './endpoint-format';
import { useLifecycleStore } from './lifecycle-store';
import { monthlyProvisionedCost, sizeChoices } from './pt-sizing';
import { SizePicker } from './SizePicker';
import { useSizeLookup } from './use-size-lookup';

/** Changes a provisioned endpoint's model units or throughput band; the update is then watched. */
export function ScaleDialog({
  workspaceId,
  endpoint,
  onClose,
}: {
  workspaceId: string;
  endpoint: Endpoint;
  onClose(): void;
}) {
  const modelId = useId();
  const versionId = useId();
  // The served entity is normally known; a server that did not say lets the user type it.
  const [entityName, setEntityName] = useState(endpoint.entityName ?? '');
  const [entityVersion, setEntityVersion] = useState(endpoint.entityVersion ?? '');
  const [scaleToZero, setScaleToZero] = useState(endpoint.scaleToZero ?? false);
  const [index, setIndex] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const update = useLifecycleStore((s) => s.update);
  const rate = useLifecycleStore((s) => s.unitHourUsd);
  const lookup = useSizeLookup(entityName, entityVersion);
  const choices = useMemo(
    () => (lookup.status === 'ready' ? sizeChoices(lookup.info, scaleToZero) : null),
    [lookup, scaleToZero],
  );
  // Start on the next size up: scaling to the same size is rarely what was meant.
  const currentIndex = choices?.options.findIndex((o) => o.units === endpoint.provisionedUnits) ?? -1;
  const picked = index ?? Math.min(currentIndex + 1, (choices?.options.length ?? 1) - 1);
  const size = choices?.options[picked];

  const submit = async () => {
    if (!size) return;
    setBusy(true);
    setServerError(null);
    const result = await update(
      workspaceId,
      {
        name: endpoint.name,
        entityName: entityName.trim(),
        entityVersion: entityVersion.trim(),
        ...size.config,
        scaleToZero,
      },
      `scale to ${size.label}`,
    );
    setBusy(false);
    if (result.ok) onClose();
    else setServerError(formatError(result.error));
  };

  return (
    <Dialog title={`Scale ${endpoint.name}`} testId="scale-pt-dialog" onClose={onClose}>
      <form
        className="endpoint-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p>
          Now: <strong>{formatSize(endpoint)}</strong>
          {endpoint.provisionedUnits != null && (
            <span className="muted">
              {' '}
              · {formatUsd(monthlyProvisionedCost(endpoint.provisionedUnits, rate))} / month
            </span>
          )}
        </p>
        {!endpoint.entityName && (
          <>
            <label htmlFor={modelId}>Served model</label>
            <input id={modelId} value={entityName} onChange={(e) => setEntityName(e.target.value)} />
            <label htmlFor={versionId}>Model version</label>
            <input id={versionId} value={entityVersion} onChange={(e) => setEntityVersion(e.target.value)} />
          </>
        )}
        <SizePicker lookup={lookup} choices={choices} index={picked} onIndex={setIndex} />
        <label>
          <input type="checkbox" checked={scaleToZero} onChange={(e) => setScaleToZero(e.target.checked)} />{' '}
          Scale to zero when idle
        </label>
        {serverError && (
          <p className="alert" role="alert" data-testid="pt-update-error">
            {serverError}
          </p>
        )}
        <div className="row endpoint-form__actions">
          <button type="submit" className="button button--primary" disabled={busy || !size}>
            {busy ? 'Updating…' : 'Update size'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
