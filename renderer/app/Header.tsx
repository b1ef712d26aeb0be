import { selectCurrentWorkspace, useWorkspaceStore } from '../features/workspaces/workspace-store';

/** The app bar: name, and the current workspace with a DEMO badge for the demo one. */
export function Header() {
  const workspace = useWorkspaceStore(selectCurrentWorkspace);
  return (
    <header className="header">
      <span className="header__logo" aria-hidden="true" />
      <h1 className="header__title">Serving Studio</h1>
      {workspace && (
        <div className="header__workspace" data-testid="current-workspace">
          <span className="muted">Workspace</span>
          <strong>{workspace.name}</strong>
          {workspace.isDemo && (
            <span className="badge badge--demo" data-testid="demo-badge">
              DEMO
            </span>
          )}
        </div>
      )}
    </header>
  );
}
