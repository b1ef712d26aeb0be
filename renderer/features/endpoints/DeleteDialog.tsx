import { useId, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { formatError } from '../../core/format';
import { useLifecycleStore } from './lifecycle-store';

/** Deletes an endpoint once the user has typed its name (deleting is not undoable). */
export function DeleteDialog({
  workspaceId,
  name,
  onClose,
}: {
  workspaceId: string;
  name: string;
  onClose(): void;
}) {
  const inputId = useId();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const remove = useLifecycleStore((s) => s.remove);

  const submit = async () => {
    setBusy(true);
    setServerError(null);
    const result = await remove(workspaceId, name);
    setBusy(false);
    if (result.ok) onClose();
    else setServerError(formatError(result.error));
  };

  return (
    <Dialog title={`Delete ${name}`} testId="delete-endpoint-dialog" onClose={onClose}>
      <form
        className="endpoint-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (typed === name) void submit();
        }}
      >
        <p>
          The endpoint stops serving and its configuration is removed. This cannot be undone. Type{' '}
          <code>{name}</code> to confirm.
        </p>
        <label htmlFor={inputId}>Endpoint name to delete</label>
        <input id={inputId} value={typed} autoComplete="off" onChange={(e) => setTyped(e.target.value)} />
        {serverError && (
          <p className="alert" role="alert">
            {serverError}
          </p>
        )}
        <div className="row endpoint-form__actions">
          <button type="submit" className="button button--danger" disabled={busy || typed !== name}>
            {busy ? 'Deleting…' : 'Delete endpoint'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
