import { type FormEvent, useEffect, useId, useState } from 'react';
import { DuplicatePrompt } from '../../components/FormBits';
import { formatError } from '../../core/format';
import { useWorkspaceStore } from '../../core/stores/workspace-store';

/**
 * Connects a workspace with a personal access token. The token lives only in this form's
 * local state while typed and is cleared the moment the form is submitted; it goes straight
 * to the bridge (which checks it with a real call and stores it in the OS keychain).
 * Name and URL are kept when the check fails so the user only fixes what was wrong.
 */
export function ConnectForm({ onConnected }: { onConnected?: () => void }) {
  const id = useId();
  const checking = useWorkspaceStore((s) => s.checking);
  const connectError = useWorkspaceStore((s) => s.connectError);
  const connect = useWorkspaceStore((s) => s.connect);
  const asking = useWorkspaceStore((s) => s.duplicate !== null);
  const [name, setName] = useState('');
  const [host, setHost] = useState('');
  const [token, setToken] = useState('');
  const clearConnectError = useWorkspaceStore((s) => s.clearConnectError);

  // An error from a form shown elsewhere earlier (first run, settings) is not this form's.
  useEffect(() => clearConnectError, [clearConnectError]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const secret = token;
    setToken('');
    const connected = await connect({ name, host, token: secret });
    if (connected) {
      setName('');
      setHost('');
      onConnected?.();
    }
  };

  return (
    <form className="form" onSubmit={submit} aria-label="Connect a workspace" data-testid="connect-form">
      <label htmlFor={`${id}-name`}>Name</label>
      <input
        id={`${id}-name`}
        value={name}
        onChange={(e) => setName(e.target.value)}
        placeholder="Production"
      />
      <label htmlFor={`${id}-host`}>Workspace URL</label>
      <input
        id={`${id}-host`}
        type="url"
        inputMode="url"
        value={host}
        onChange={(e) => setHost(e.target.value)}
        placeholder="https://<workspace>.cloud.databricks.com"
        spellCheck={false}
      />
      <label htmlFor={`${id}-token`}>Personal access token</label>
      <input
        id={`${id}-token`}
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={token}
        onChange={(e) => setToken(e.target.value)}
        placeholder="dapi…"
      />
      <p className="hint">
        The token is checked with a real call, then kept in your OS keychain — never on disk.
      </p>
      <div className="row">
        <button
          type="submit"
          className="button button--primary"
          disabled={checking || asking}
          aria-busy={checking}
        >
          Connect
        </button>
        {checking && (
          <span role="status" className="muted">
            Checking…
          </span>
        )}
      </div>
      <DuplicatePrompt />
      {connectError && !checking && (
        <p role="alert" className="alert" data-testid="connect-error">
          {formatError(connectError)}
        </p>
      )}
    </form>
  );
}
