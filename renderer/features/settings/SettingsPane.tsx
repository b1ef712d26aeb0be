import type { WorkspaceSummary } from '../../../shared/domain';
import { ThemeSetting } from '../../app/ThemeSetting';
import { formatError } from '../chat/format';
import { DataSettings } from '../conversations/DataSettings';
import { ConnectForm } from '../workspaces/ConnectForm';
import { useWorkspaceStore } from '../workspaces/workspace-store';
import { PriceTableEditor } from './PriceTableEditor';

function WorkspaceRow({ workspace, current }: { workspace: WorkspaceSummary; current: boolean }) {
  const select = useWorkspaceStore((s) => s.select);
  const remove = useWorkspaceStore((s) => s.remove);
  return (
    <li className="workspace-row" data-testid="workspace-row" data-workspace-id={workspace.id}>
      <div className="workspace-row__info">
        <strong>{workspace.name}</strong>
        {workspace.isDemo && <span className="badge badge--demo">DEMO</span>}
        {current && <span className="badge badge--ok">Current</span>}
        {!workspace.isDemo && !workspace.hasSecret && <span className="badge badge--warn">No token</span>}
        <span className="muted workspace-row__host">
          {workspace.isDemo ? 'Built-in, local' : workspace.host}
        </span>
      </div>
      <div className="row">
        {!current && (
          <button type="button" className="button button--small" onClick={() => void select(workspace.id)}>
            Switch to {workspace.name}
          </button>
        )}
        {!workspace.isDemo && (
          <button
            type="button"
            className="button button--small button--danger"
            onClick={() => void remove(workspace.id)}
          >
            Remove {workspace.name}
          </button>
        )}
      </div>
    </li>
  );
}

/** Settings: workspaces (switch, remove, demo, connect), the keychain's availability, appearance. */
export function SettingsPane() {
  const workspaces = useWorkspaceStore((s) => s.workspaces);
  const currentId = useWorkspaceStore((s) => s.currentId);
  const keychainAvailable = useWorkspaceStore((s) => s.keychainAvailable);
  const loadError = useWorkspaceStore((s) => s.loadError);
  const chooseDemo = useWorkspaceStore((s) => s.chooseDemo);
  const demoIsCurrent = workspaces.some((w) => w.isDemo && w.id === currentId);

  return (
    <section className="pane" aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      {loadError && (
        <p role="alert" className="alert">
          {formatError(loadError)}
        </p>
      )}
      <div className="card">
        <h3>Workspaces</h3>
        <ul className="workspace-list">
          {workspaces.map((w) => (
            <WorkspaceRow key={w.id} workspace={w} current={w.id === currentId} />
          ))}
        </ul>
        {!demoIsCurrent && (
          <button type="button" className="button" onClick={() => void chooseDemo()}>
            Use demo workspace
          </button>
        )}
      </div>
      <div className="card">
        <h3>Connect a workspace</h3>
        <p className="muted" data-testid="keychain-status">
          {keychainAvailable
            ? 'OS keychain: available. Tokens are stored there, never in a file.'
            : 'OS keychain: not available. Tokens cannot be stored securely on this machine, and Serving Studio never falls back to a plain-text file.'}
        </p>
        <ConnectForm />
      </div>
      <div className="card">
        <PriceTableEditor />
      </div>
      <div className="card">
        <DataSettings />
      </div>
      <div className="card">
        <h3>Appearance</h3>
        <ThemeSetting />
      </div>
    </section>
  );
}
