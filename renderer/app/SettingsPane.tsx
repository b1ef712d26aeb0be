import { formatError } from '../core/format';
import { useWorkspaceStore } from '../core/stores/workspace-store';
import { DataSettings } from '../features/chat/conversations/DataSettings';
import { PriceTableEditor } from '../features/settings/PriceTableEditor';
import { ConnectPanel } from '../features/workspaces/ConnectPanel';
import { ImportButton } from '../features/workspaces/ImportDialog';
import { WorkspaceList } from '../features/workspaces/WorkspaceList';
import { ThemeSetting } from './ThemeSetting';

/** Settings: workspaces (kind, health, switch, sign out, remove, demo, connect, import), the keychain's availability, appearance. */
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
        <WorkspaceList />
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
            ? 'OS keychain: available. Tokens, client secrets and API keys are stored there, never in a file.'
            : 'OS keychain: not available. Tokens cannot be stored securely on this machine, and Serving Studio never falls back to a plain-text file.'}
        </p>
        <ConnectPanel />
      </div>
      <div className="card">
        <h3>Import profiles</h3>
        <p className="muted">
          Profiles from ~/.databrickscfg (or DATABRICKS_CONFIG_FILE) and DATABRICKS_* variables. The file is
          never modified; secrets go to the OS keychain.
        </p>
        <ImportButton />
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
