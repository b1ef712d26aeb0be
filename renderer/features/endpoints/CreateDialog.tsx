import { useId, useMemo, useState } from 'react';
import type { CreatePtRequest } from '../../../shared/domain';
import { Dialog } from '../../components/Dialog';
import { formatUsd } from '../../core/cost-math';
import { formatError } from '../../core/format';
import { useLifecycleStore } from './lifecycle-store';
import {
  FOUNDATION_MODELS,
  monthlyProvisionedCost,
  nameProblem,
  type SizeOption,
  sizeChoices,
} from './pt-sizing';
import { SizePicker } from './SizePicker';
import { useSizeLookup } from './use-size-lookup';

type Source = 'foundation' | 'unity-catalog';

interface Draft {
  source: Source;
  entityName: string;
  entityVersion: string;
  name: string;
  scaleToZero: boolean;
  sizeIndex: number;
}

const INITIAL: Draft = {
  source: 'foundation',
  entityName: FOUNDATION_MODELS[0] ?? '',
  entityVersion: '1',
  name: '',
  scaleToZero: false,
  sizeIndex: 0,
};

/** The request a draft becomes once its size is known. */
function toRequest(d: Draft, size: SizeOption): CreatePtRequest {
  return {
    name: d.name.trim(),
    entityName: d.entityName.trim(),
    entityVersion: d.entityVersion.trim(),
    ...size.config,
    scaleToZero: d.scaleToZero,
  };
}

function ModelFields({ draft, onChange }: { draft: Draft; onChange(patch: Partial<Draft>): void }) {
  const modelId = useId();
  const versionId = useId();
  const listId = useId();
  return (
    <>
      <fieldset className="endpoint-form__sources">
        <legend>Model</legend>
        <label>
          <input
            type="radio"
            checked={draft.source === 'foundation'}
            onChange={() =>
              onChange({ source: 'foundation', entityName: FOUNDATION_MODELS[0] ?? '', entityVersion: '1' })
            }
          />{' '}
          Foundation model (system.ai)
        </label>
        <label>
          <input
            type="radio"
            checked={draft.source === 'unity-catalog'}
            onChange={() => onChange({ source: 'unity-catalog', entityName: '', entityVersion: '' })}
          />{' '}
          Unity Catalog model (fine-tuned)
        </label>
      </fieldset>
      <label htmlFor={modelId}>
        {draft.source === 'foundation' ? 'Foundation model' : 'Unity Catalog model name'}
      </label>
      <input
        id={modelId}
        list={draft.source === 'foundation' ? listId : undefined}
        value={draft.entityName}
        placeholder={draft.source === 'foundation' ? 'system.ai.…' : 'catalog.schema.model'}
        onChange={(e) => onChange({ entityName: e.target.value, sizeIndex: 0 })}
      />
      <datalist id={listId}>
        {FOUNDATION_MODELS.map((m) => (
          <option key={m} value={m} />
        ))}
      </datalist>
      <label htmlFor={versionId}>Model version</label>
      <input
        id={versionId}
        value={draft.entityVersion}
        onChange={(e) => onChange({ entityVersion: e.target.value, sizeIndex: 0 })}
      />
    </>
  );
}

/** "Create provisioned endpoint": model, size, name, scale-to-zero, then a cost confirmation. */
export function CreateDialog({
  workspaceId,
  existing,
  onClose,
}: {
  workspaceId: string;
  existing: readonly string[];
  onClose(): void;
}) {
  const nameId = useId();
  const [draft, setDraft] = useState<Draft>(INITIAL);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const create = useLifecycleStore((s) => s.create);
  const rate = useLifecycleStore((s) => s.unitHourUsd);
  const lookup = useSizeLookup(draft.entityName, draft.entityVersion);
  const choices = useMemo(
    () => (lookup.status === 'ready' ? sizeChoices(lookup.info, draft.scaleToZero) : null),
    [lookup, draft.scaleToZero],
  );
  const size = choices?.options[draft.sizeIndex];
  const problem = nameProblem(draft.name.trim());
  const taken = existing.includes(draft.name.trim());
  const change = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setConfirming(false);
    setServerError(null);
  };

  const submit = async () => {
    if (!size) return;
    setBusy(true);
    setServerError(null);
    const result = await create(
      workspaceId,
      toRequest(draft, size),
      `${size.label} of ${draft.entityName.trim()}`,
    );
    setBusy(false);
    if (result.ok) onClose();
    else setServerError(formatError(result.error));
  };

  return (
    <Dialog title="Create provisioned endpoint" testId="create-pt-dialog" onClose={onClose}>
      <form
        className="endpoint-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (confirming) void submit();
          else if (!problem && size) setConfirming(true);
        }}
      >
        <ModelFields draft={draft} onChange={change} />
        <SizePicker
          lookup={lookup}
          choices={choices}
          index={draft.sizeIndex}
          onIndex={(i) => change({ sizeIndex: i })}
        />
        <label>
          <input
            type="checkbox"
            checked={draft.scaleToZero}
            onChange={(e) => change({ scaleToZero: e.target.checked })}
          />{' '}
          Scale to zero when idle (cheaper, but the first request after idling waits for a cold start)
        </label>
        <label htmlFor={nameId}>Endpoint name</label>
        <input
          id={nameId}
          value={draft.name}
          aria-invalid={problem !== null}
          aria-describedby={`${nameId}-hint`}
          placeholder="my-llama-pt"
          onChange={(e) => change({ name: e.target.value })}
        />
        <p
          id={`${nameId}-hint`}
          className={problem && draft.name ? 'field-error' : 'hint'}
          data-testid="pt-name-hint"
        >
          {draft.name && problem
            ? problem
            : taken
              ? 'An endpoint with this name is already listed: the workspace will refuse it.'
              : 'Letters, digits, "-" and "_"; up to 63 characters.'}
        </p>
        {confirming && size && (
          <div className="notice" data-testid="pt-confirm">
            Create <strong>{draft.name.trim()}</strong> serving {draft.entityName.trim()} v
            {draft.entityVersion.trim()} with {size.label}
            {draft.scaleToZero ? ', scaling to zero when idle' : ''}? Estimated cost{' '}
            <strong>{formatUsd(monthlyProvisionedCost(size.units, rate))} per month</strong> if it runs all
            month.
          </div>
        )}
        {serverError && (
          <p className="alert" role="alert" data-testid="pt-create-error">
            {serverError}
          </p>
        )}
        <div className="row endpoint-form__actions">
          {confirming && (
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Back
            </button>
          )}
          <button
            type="submit"
            className="button button--primary"
            disabled={busy || problem !== null || !size}
          >
            {confirming ? (busy ? 'Creating…' : 'Create endpoint') : 'Review cost'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
