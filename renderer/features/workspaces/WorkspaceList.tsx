import { useId, useState } from 'react';
import type { WorkspaceSummary } from '../../../shared/domain';
import { Dialog } from '../../components/Dialog';
import { useWorkspaceStore } from '../../core/stores/workspace-store';
import { kindLabel, missingSecretLabel, secretSourceLabel } from './workspace-labels';

/** The last call's outcome: ok, or failing with what went wrong and the fix to try. */
function Health({ workspace }: { workspace: WorkspaceSummary }) {
  const health = workspace.health;
  if (!health) return null;
  return (
    <p
      className={`workspace-health workspace-health--${health.ok ? 'ok' : 'failing'}`}
      data-testid="workspace-health"
      data-ok={String(health.ok)}
    >
      {health.ok ? (
        'Connection ok'
      ) : (
        <>
          <strong>Failing:</strong> {health.message ?? 'the last call failed.'}
          {health.fix && <span className="workspace-health__fix"> Try: {health.fix}</span>}
        </>
      )}
    </p>
  );
}

/**
 * "Remove which one?": the workspace by name AND URL (two can share a name), what goes with it,
 * and what happens to the current choice. Nothing is removed until this is confirmed.
 */
function RemoveDialog({
  workspace,
  current,
  onClose,
}: {
  workspace: WorkspaceSummary;
  current: boolean;
  onClose(): void;
}) {
  const remove = useWorkspaceStore((s) => s.remove);
  const confirm = async () => {
    onClose();
    await remove(workspace.id);
  };
  return (
    <Dialog title="Remove a workspace" onClose={onClose} testId="remove-workspace">
      <p>
        Remove <strong>{workspace.name}</strong> ({workspace.host})?
      </p>
      <p className="muted">
        Its saved credentials are deleted from the OS keychain.
        {current ? ' It is the current workspace: another one (or the demo) takes its place.' : ''}
      </p>
      <div className="row">
        <button type="button" className="button button--danger" onClick={() => void confirm()}>
          Remove {workspace.name}
        </button>
        <button type="button" className="button button--ghost" onClick={onClose}>
          Keep it
        </button>
      </div>
    </Dialog>
  );
}

function RowActions({ workspace, current }: { workspace: WorkspaceSummary; current: boolean }) {
  const select = useWorkspaceStore((s) => s.select);
  const signOut = useWorkspaceStore((s) => s.signOut);
  const openEditor = useWorkspaceStore((s) => s.openEditor);
  const checkHealth = useWorkspaceStore((s) => s.checkHealth);
  const checking = useWorkspaceStore((s) => s.healthChecking[workspace.id] === true);
  const [removing, setRemoving] = useState(false);
  return (
    <div className="row">
      <button
        type="button"
        className="button button--small"
        disabled={checking}
        aria-busy={checking}
        onClick={() => void checkHealth(workspace.id)}
      >
        Check connection
      </button>
      {!current && (
        <button type="button" className="button button--small" onClick={() => void select(workspace.id)}>
          Switch to {workspace.name}
        </button>
      )}
      {!workspace.isDemo && (
        <button type="button" className="button button--small" onClick={() => openEditor(workspace.id)}>
          Edit {workspace.name}
        </button>
      )}
      {workspace.authKind === 'oauth' && workspace.hasSecret && (
        <button type="button" className="button button--small" onClick={() => void signOut(workspace.id)}>
          Sign out
        </button>
      )}
      {!workspace.isDemo && (
        <button
          type="button"
          className="button button--small button--danger"
          onClick={() => setRemoving(true)}
        >
          Remove {workspace.name}
        </button>
      )}
      {removing && (
        <RemoveDialog workspace={workspace} current={current} onClose={() => setRemoving(false)} />
      )}
    </div>
  );
}

function WorkspaceRow({ workspace, current }: { workspace: WorkspaceSummary; current: boolean }) {
  const needsSecret = !workspace.isDemo && !workspace.hasSecret && workspace.authKind !== 'openai';
  return (
    <li
      className="workspace-row"
      data-testid="workspace-row"
      data-workspace-id={workspace.id}
      data-kind={workspace.authKind}
      data-has-secret={String(workspace.hasSecret)}
    >
      <div className="workspace-row__info">
        <strong>{workspace.name}</strong>
        <span
          className={`badge badge--kind${workspace.isDemo ? ' badge--demo' : ''}`}
          data-testid="workspace-kind"
        >
          {kindLabel(workspace)}
        </span>
        {current && <span className="badge badge--ok">Current</span>}
        {needsSecret && <span className="badge badge--warn">{missingSecretLabel(workspace.authKind)}</span>}
        <span className="muted workspace-row__host">
          {workspace.isDemo ? 'Built-in, local' : workspace.host}
        </span>
        {workspace.secretSource && (
          <span className="muted" data-testid="workspace-secret-source">
            {secretSourceLabel(workspace)}
          </span>
        )}
      </div>
      <Health workspace={workspace} />
      <RowActions workspace={workspace} current={current} />
    </li>
  );
}

/** Settings' list of workspaces: kind, health, check, switch, edit, sign out, remove. */
export function WorkspaceList() {
  const workspaces = useWorkspaceStore((s) => s.workspaces);
  const currentId = useWorkspaceStore((s) => s.currentId);
  return (
    <ul className="workspace-list">
      {workspaces.map((w) => (
        <WorkspaceRow key={w.id} workspace={w} current={w.id === currentId} />
      ))}
    </ul>
  );
}

/** The header's switcher: every workspace with its kind; the choice is remembered by the privileged side. */
export function WorkspaceSwitcher() {
  const id = useId();
  const workspaces = useWorkspaceStore((s) => s.workspaces);
  const currentId = useWorkspaceStore((s) => s.currentId);
  const select = useWorkspaceStore((s) => s.select);
  // A separate <label> (not wrapping): a wrapped select's value would join its accessible name.
  return (
    <span className="workspace-switcher">
      <label htmlFor={id} className="muted">
        Workspace
      </label>
      <select
        id={id}
        value={currentId ?? ''}
        onChange={(e) => void select(e.target.value)}
        data-testid="workspace-switcher"
      >
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name} ({kindLabel(w)})
          </option>
        ))}
      </select>
    </span>
  );
}
