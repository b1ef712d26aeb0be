import { useEffect } from 'react';
import { PANE_LABELS, type Pane, useNavStore } from '../core/nav-store';
import { useWorkspaceStore } from '../core/stores/workspace-store';
import { ChatPane } from '../features/chat/ChatPane';
import { ComparePane } from '../features/compare/ComparePane';
import { CompletionPane } from '../features/completion/CompletionPane';
import { EmbeddingsPane } from '../features/embeddings/EmbeddingsPane';
import { EndpointsPane } from '../features/endpoints/EndpointsPane';
import { EvaluatePane } from '../features/evaluate/EvaluatePane';
import { EditWorkspaceDialog } from '../features/workspaces/EditWorkspaceDialog';
import { FirstRun } from '../features/workspaces/FirstRun';
import { ImportDialog } from '../features/workspaces/ImportDialog';
import { ComingSoon } from './ComingSoon';
import { ErrorBoundary } from './ErrorBoundary';
import { Header } from './Header';
import { Navigation } from './Navigation';
import { SettingsPane } from './SettingsPane';
import { ShortcutLayer } from './ShortcutLayer';

function PaneView({ pane }: { pane: Pane }) {
  switch (pane) {
    case 'chat':
      return <ChatPane />;
    case 'completion':
      return <CompletionPane />;
    case 'embeddings':
      return <EmbeddingsPane />;
    case 'compare':
      return <ComparePane />;
    case 'evaluate':
      return <EvaluatePane />;
    case 'endpoints':
      return <EndpointsPane />;
    case 'settings':
      return <SettingsPane />;
    default:
      return <ComingSoon name={PANE_LABELS[pane]} />;
  }
}

/** The shell once a workspace is current: navigation and the selected pane. */
function Workbench() {
  const pane = useNavStore((s) => s.pane);
  return (
    <div className="workbench">
      <Navigation />
      <main className="main">
        {/* Keyed by pane: an error in one pane is cleared by moving to another. */}
        <ErrorBoundary key={pane} area={PANE_LABELS[pane]}>
          <PaneView pane={pane} />
        </ErrorBoundary>
      </main>
    </div>
  );
}

/**
 * The app: asks the bridge for the workspaces, then shows first run (no current workspace)
 * or the workbench. The root gets `data-testid="app-ready"` once the bridge has answered.
 */
export function App() {
  const loaded = useWorkspaceStore((s) => s.loaded);
  const hasWorkspace = useWorkspaceStore((s) => s.currentId !== null);
  const load = useWorkspaceStore((s) => s.load);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="app" data-testid={loaded ? 'app-ready' : 'app-loading'}>
      <Header />
      <ShortcutLayer />
      {!loaded ? (
        <p className="app__loading" role="status">
          Connecting…
        </p>
      ) : hasWorkspace ? (
        <Workbench />
      ) : (
        <FirstRun />
      )}
      {/* Mounted once, above both: an import's results (and an edit) stay open when the
          first workspace becomes current and first run gives way to the workbench. */}
      <ImportDialog />
      <EditWorkspaceDialog />
    </div>
  );
}
