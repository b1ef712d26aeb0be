import type { ImportableProfile } from '../../../shared/domain';
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

function Results() {
  const results = useImportStore((s) => s.results);
  if (!results) return null;
  return (
    <div role="status" data-testid="import-results">
      {results.imported.map((w) => (
        <p key={w.id} className="import-result import-result--ok">
          Imported {w.name}
          {w.secretSource ? ` — ${secretSourceLabel(w)}` : ''}
        </p>
      ))}
      {results.failed.map((f) => (
        <p key={f.id} className="import-result import-result--failed">
          Could not import {f.id}: {f.message}
        </p>
      ))}
    </div>
  );
}

/**
 * The import checklist: profiles from ~/.databrickscfg and DATABRICKS_* variables. Only
 * whether a secret is present is shown; its value stays on the privileged side.
 */
export function ImportDialog() {
  const { open, loading, importing, configPath, profiles, selected, error } = useImportStore();
  const importSelected = useImportStore((s) => s.importSelected);
  const close = useImportStore((s) => s.close);
  const keychainAvailable = useWorkspaceStore((s) => s.keychainAvailable);
  if (!open) return null;
  return (
    <div className="import-dialog" role="dialog" aria-label="Import profiles" data-testid="import-dialog">
      {configPath && <p className="muted">From {configPath} and the environment.</p>}
      {!keychainAvailable && (
        // The no-keychain route: a reference to the secret, never a plaintext copy of it.
        <p className="alert" data-testid="import-no-keychain">
          No OS keychain is available, so tokens and client secrets are not copied: each imported profile
          keeps reading its secret from {configPath ?? '~/.databrickscfg'} or the environment at each request,
          as the Databricks CLI does.
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
          onClick={() => void importSelected()}
        >
          Import selected
        </button>
        <button type="button" className="button button--ghost" onClick={close}>
          Close
        </button>
      </div>
    </div>
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
