import { useEffect, useRef } from 'react';
import type { ImportableProfile } from '../../../shared/domain';
import type { ImportResult } from '../../../shared/workspace-schemas';
import { Dialog } from '../../components/Dialog';
import { formatError } from '../../core/format';
import { isImportable } from '../../core/stores/import-store';
import { useImportStore, useWorkspaceStore } from '../../core/stores/workspace-store';
import { KIND_LABELS, secretSourceLabel } from './workspace-labels';

function ProfileRow({ profile, checked }: { profile: ImportableProfile; checked: boolean }) {
  const toggle = useImportStore((s) => s.toggle);
  const usable = isImportable(profile);
  const inputId = `import-${profile.id}`;
  return (
    <li
      className={`import-row${usable ? '' : ' import-row--blocked'}`}
      data-testid="importable-profile"
      data-profile-id={profile.id}
    >
      <input
        id={inputId}
        type="checkbox"
        checked={checked}
        disabled={!usable}
        onChange={() => toggle(profile.id)}
      />
      <label htmlFor={inputId} className="import-row__name">
        <strong>{profile.profileName}</strong>
        {profile.isDefault && <span className="badge">Default</span>}
        {profile.authKind && <span className="badge">{KIND_LABELS[profile.authKind]}</span>}
      </label>
      <span className="muted import-row__host">{profile.host ?? 'no host'}</span>
      <span className="muted import-row__secret">{profile.hasSecret ? 'Secret present' : 'No secret'}</span>
      {profile.problems.length > 0 && (
        <ul className="import-row__problems">
          {profile.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

const STATUS_WORDS: Record<ImportResult['status'], string> = {
  imported: 'Imported',
  failed: 'Not imported',
  'needs-sign-in': 'Needs sign-in',
};

/** The browser sign-in of an imported OAuth profile, with the link in case no browser opened. */
function SignIn({ result }: { result: ImportResult }) {
  const signIn = useImportStore((s) => s.signIn);
  const signingIn = useImportStore((s) => s.signingIn);
  const pending = useWorkspaceStore((s) => s.oauth);
  const error = useWorkspaceStore((s) => s.connectError);
  const mine = signingIn === result.id;
  return (
    <>
      <button
        type="button"
        className="button button--small button--primary"
        disabled={signingIn !== null}
        aria-busy={mine}
        onClick={() => void signIn(result.id)}
      >
        Sign in
      </button>
      {mine && pending && (
        <span className="muted" role="status">
          Waiting for your browser…{' '}
          <a
            href={pending.authorizationUrl}
            target="_blank"
            rel="noreferrer noopener"
            data-testid="oauth-url"
          >
            Open the sign-in page
          </a>
        </span>
      )}
      {!signingIn && error && (
        <p role="alert" className="alert alert--inline">
          {formatError(error)}
        </p>
      )}
    </>
  );
}

/** One line per ticked profile: imported and checked, failed and why, or needs a sign-in. */
function Results() {
  const results = useImportStore((s) => s.results);
  const list = useRef<HTMLUListElement>(null);
  // The results come in below the profile list: bring them into view, or they go unseen.
  useEffect(() => {
    if (results) list.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [results]);
  if (!results) return null;
  return (
    <ul ref={list} className="import-results" aria-label="Import results" data-testid="import-results">
      {results.map((r) => (
        <li
          key={r.id}
          className={`import-result import-result--${r.status}`}
          data-testid="import-result"
          data-status={r.status}
        >
          <strong>{r.profileName}</strong> — {STATUS_WORDS[r.status]}: {r.message}
          {r.workspace?.secretSource ? ` ${secretSourceLabel(r.workspace)}` : ''}
          {r.status === 'needs-sign-in' && r.workspace && <SignIn result={r} />}
        </li>
      ))}
    </ul>
  );
}

/**
 * The import checklist: profiles from ~/.databrickscfg and DATABRICKS_* variables, then one
 * result per ticked profile. A modal mounted once by the app shell, so its results stay in
 * view when the first import makes the first-run screen give way to the workbench. Only
 * whether a secret is present is shown; its value stays on the privileged side.
 */
export function ImportDialog() {
  const { open, loading, importing, configPath, profiles, selected, error } = useImportStore();
  const importSelected = useImportStore((s) => s.importSelected);
  const close = useImportStore((s) => s.close);
  const keychainAvailable = useWorkspaceStore((s) => s.keychainAvailable);
  return (
    <Dialog open={open} title="Import profiles" onClose={close} size="wide" testId="import-dialog">
      <div className="import-dialog">
        {configPath && <p className="muted">From {configPath} and the environment.</p>}
        {!keychainAvailable && (
          // The no-keychain route: a reference to the secret, never a plaintext copy of it.
          <p className="alert" data-testid="import-no-keychain">
            No OS keychain is available, so tokens and client secrets are not copied: each imported profile
            keeps reading its secret from {configPath ?? '~/.databrickscfg'} or the environment at each
            request, as the Databricks CLI does.
          </p>
        )}
        {loading && <p role="status">Reading profiles…</p>}
        {!loading && profiles.length === 0 && !error && <p>No profiles found.</p>}
        <ul className="import-list">
          {profiles.map((p) => (
            <ProfileRow key={p.id} profile={p} checked={selected.includes(p.id)} />
          ))}
        </ul>
        {error && (
          <p role="alert" className="alert" data-testid="import-error">
            {formatError(error)}
          </p>
        )}
        <Results />
        <div className="row">
          <button
            type="button"
            className="button button--primary"
            disabled={importing || selected.length === 0}
            aria-busy={importing}
            onClick={() => void importSelected()}
          >
            Import selected
          </button>
          {importing && (
            <span role="status" className="muted">
              Checking each profile with a real call…
            </span>
          )}
        </div>
      </div>
    </Dialog>
  );
}

/** The button that opens the import checklist. */
export function ImportButton() {
  const start = useImportStore((s) => s.start);
  return (
    <button type="button" className="button" onClick={() => void start()}>
      Import from ~/.databrickscfg and environment
    </button>
  );
}
