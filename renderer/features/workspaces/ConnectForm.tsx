import { type FormEvent, useEffect, useId, useState } from 'react';
import { Field, NEEDS_KEYCHAIN, SubmitRow, useKeychainMissing } from '../../components/FormBits';
import { useWorkspaceStore } from '../../core/stores/workspace-store';

/**
 * Connects a workspace with a personal access token, which goes straight to the bridge (it is
 * checked with a real call and stored in the OS keychain). On success the form empties; when
 * the check fails everything typed stays — the token too — so the user fixes only what was
 * wrong. The app's own checks replace the browser's, so the message on screen is always the
 * latest attempt's. Without a keychain the form says so before anything is typed.
 */
export function ConnectForm({ onConnected }: { onConnected?: () => void }) {
  const id = useId();
  const connect = useWorkspaceStore((s) => s.connect);
  const clearConnectError = useWorkspaceStore((s) => s.clearConnectError);
  const keychainMissing = useKeychainMissing();
  const [name, setName] = useState('');
  const [host, setHost] = useState('');
  const [token, setToken] = useState('');

  // An error from a form shown elsewhere earlier (first run, settings) is not this form's.
  useEffect(() => clearConnectError, [clearConnectError]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await connect({ name, host, token })) {
      setName('');
      setHost('');
      setToken('');
      onConnected?.();
    }
  };

  return (
    <form
      className="form"
      onSubmit={submit}
      noValidate
      aria-label="Connect a workspace"
      data-testid="connect-form"
    >
      <Field id={`${id}-name`} label="Name" value={name} onChange={setName} placeholder="Production" />
      <Field
        id={`${id}-host`}
        label="Workspace URL"
        type="url"
        value={host}
        onChange={setHost}
        placeholder="https://<workspace>.cloud.databricks.com"
      />
      <Field
        id={`${id}-token`}
        label="Personal access token"
        secret
        value={token}
        onChange={setToken}
        placeholder="dapi…"
        disabled={keychainMissing}
      />
      <p className="hint">
        The token is checked with a real call, then kept in your OS keychain — never on disk.
      </p>
      <SubmitRow label="Connect" blockedBy={keychainMissing ? NEEDS_KEYCHAIN : undefined} />
    </form>
  );
}
