import { type ReactNode, useEffect, useId } from 'react';
import { formatError } from '../core/format';
import { useWorkspaceStore } from '../core/stores/workspace-store';

/** A labelled input; `secret` makes it a password field that browsers don't remember. */
export function Field(props: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  placeholder?: string;
  type?: 'text' | 'url';
  secret?: boolean;
  disabled?: boolean;
}) {
  const { id, label, value, onChange, placeholder, secret, disabled } = props;
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={secret ? 'password' : (props.type ?? 'text')}
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
        disabled={disabled}
        inputMode={props.type === 'url' ? 'url' : undefined}
      />
    </>
  );
}

/**
 * True once the workspace list has loaded and said the OS keychain is missing: a form whose
 * secret would go there can't work, so it says why before anyone types a token.
 */
export const useKeychainMissing = (): boolean => useWorkspaceStore((s) => s.loaded && !s.keychainAvailable);

/** Why a form that keeps a secret is off without a keychain (the panel above says what to do instead). */
export const NEEDS_KEYCHAIN = 'Needs the OS keychain, which is not available here (see above).';

/** What "already connected" calls each kind's credential. */
const CREDENTIAL_WORDS = {
  pat: 'a personal access token',
  oauth: 'an OAuth sign-in',
  'service-principal': 'this service principal',
  openai: 'an API key',
  demo: 'nothing',
} as const;

/**
 * "This workspace is already connected": update it (the usual case: a rotated token), add
 * another one next to it (a second identity on one host), or cancel. The typed secret waits
 * in the connect action, not here; the workspace is named by name and URL, so it is clear which.
 */
export function DuplicatePrompt() {
  const pending = useWorkspaceStore((s) => s.duplicate);
  const resolve = useWorkspaceStore((s) => s.resolveDuplicate);
  // A form closed while asking gives up (the typed secret is dropped with the question).
  useEffect(() => () => resolve('cancel'), [resolve]);
  if (!pending) return null;
  const { existing, canAdd } = pending;
  return (
    <div
      className="alert duplicate-prompt"
      role="alertdialog"
      aria-label="Already connected"
      data-testid="duplicate-prompt"
    >
      <p>
        <strong>{existing.name}</strong> ({existing.host}) is already connected with{' '}
        {CREDENTIAL_WORDS[existing.authKind]}. Update it with what you entered
        {canAdd ? ', or add another workspace next to it' : ''}?
      </p>
      <div className="row">
        <button
          type="button"
          className="button button--small button--primary"
          onClick={() => resolve('update')}
        >
          Update {existing.name}
        </button>
        {canAdd && (
          <button type="button" className="button button--small" onClick={() => resolve('add')}>
            Add another workspace
          </button>
        )}
        <button
          type="button"
          className="button button--small button--ghost"
          onClick={() => resolve('cancel')}
        >
          Cancel
        </button>
      </div>
    </div>
  );
}

/** The submit row with "Checking…", the "already connected" question, and the backend's error as an alert. */
export function SubmitRow({
  label,
  extra,
  blockedBy,
}: {
  label: string;
  extra?: ReactNode;
  /** Why the form can't be sent at all (shown beside the disabled button). */
  blockedBy?: string;
}) {
  const checking = useWorkspaceStore((s) => s.checking);
  const connectError = useWorkspaceStore((s) => s.connectError);
  const asking = useWorkspaceStore((s) => s.duplicate !== null);
  const reasonId = useId();
  return (
    <>
      <div className="row">
        <button
          type="submit"
          className="button button--primary"
          disabled={checking || asking || blockedBy !== undefined}
          aria-busy={checking}
          aria-describedby={blockedBy ? reasonId : undefined}
        >
          {label}
        </button>
        {blockedBy && (
          <span id={reasonId} className="muted" data-testid="form-blocked">
            {blockedBy}
          </span>
        )}
        {extra}
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
    </>
  );
}
