import type { ReactNode } from 'react';
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
}) {
  const { id, label, value, onChange, placeholder, secret } = props;
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
      />
    </>
  );
}

/** The submit row with "Checking…" and the backend's error as an alert. */
export function SubmitRow({ label, extra }: { label: string; extra?: ReactNode }) {
  const checking = useWorkspaceStore((s) => s.checking);
  const connectError = useWorkspaceStore((s) => s.connectError);
  return (
    <>
      <div className="row">
        <button type="submit" className="button button--primary" disabled={checking} aria-busy={checking}>
          {label}
        </button>
        {extra}
        {checking && (
          <span role="status" className="muted">
            Checking…
          </span>
        )}
      </div>
      {connectError && !checking && (
        <p role="alert" className="alert" data-testid="connect-error">
          {formatError(connectError)}
        </p>
      )}
    </>
  );
}
