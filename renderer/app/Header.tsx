import { runCommand } from '../core/commands';
import { selectCurrentWorkspace, useWorkspaceStore } from '../core/stores/workspace-store';
import { WorkspaceSwitcher } from '../features/workspaces/WorkspaceList';
import { detectMac, formatCombo } from './shortcuts';

/** The app bar: name, the workspace switcher with a DEMO badge for the demo one, and the shortcuts button. */
export function Header() {
  const workspace = useWorkspaceStore(selectCurrentWorkspace);
  return (
    <header className="header">
      <span className="header__logo" aria-hidden="true" />
      <h1 className="header__title">Serving Studio</h1>
      {workspace && (
        <div className="header__workspace" data-testid="current-workspace">
          <WorkspaceSwitcher />
          {workspace.isDemo && (
            <span className="badge badge--demo" data-testid="demo-badge">
              DEMO
            </span>
          )}
        </div>
      )}
      <button
        type="button"
        className="button button--small button--ghost header__shortcuts"
        title={`Keyboard shortcuts (${formatCombo('Mod+/', detectMac())})`}
        onClick={() => runCommand('app.shortcuts')}
      >
        <span aria-hidden="true">⌨</span>
        <span className="visually-hidden">Keyboard shortcuts</span>
      </button>
    </header>
  );
}
