import { type FormEvent, useId, useState } from 'react';
import { Field, NEEDS_KEYCHAIN, SubmitRow, useKeychainMissing } from '../../components/FormBits';
import { useWorkspaceStore } from '../../core/stores/workspace-store';

/**
 * OAuth sign-in, as the Databricks CLI does it: the privileged side opens the system browser
 * and waits on a loopback port for the redirect. The authorization URL is shown as a link in
 * case no browser opened; it carries no secret (PKCE keeps the verifier on the privileged side).
 */
export function OAuthForm({ onConnected }: { onConnected?: () => void }) {
  const id = useId();
  const signIn = useWorkspaceStore((s) => s.signInWithOAuth);
  const cancel = useWorkspaceStore((s) => s.cancelOAuth);
  const pending = useWorkspaceStore((s) => s.oauth);
  const [name, setName] = useState('');
  const [host, setHost] = useState('');
  const keychainMissing = useKeychainMissing();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await signIn({ name, host })) {
      setName('');
      setHost('');
      onConnected?.();
    }
  };

  return (
    <form
      className="form"
      onSubmit={submit}
      noValidate
      aria-label="Sign in with OAuth"
      data-testid="oauth-form"
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
      <p className="hint">
        Your browser opens the workspace's sign-in page; the refresh token is kept in your OS keychain.
      </p>
      {pending && (
        <div className="oauth-waiting" role="status" data-testid="oauth-waiting">
          <p>Waiting for your browser…</p>
          <p className="muted">
            No browser window?{' '}
            <a
              href={pending.authorizationUrl}
              target="_blank"
              rel="noreferrer noopener"
              data-testid="oauth-url"
            >
              Open the sign-in page
            </a>
          </p>
          <button type="button" className="button button--small" onClick={() => void cancel()}>
            Cancel
          </button>
        </div>
      )}
      {!pending && (
        <SubmitRow label="Sign in with browser" blockedBy={keychainMissing ? NEEDS_KEYCHAIN : undefined} />
      )}
    </form>
  );
}
