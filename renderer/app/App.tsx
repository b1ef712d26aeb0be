import { lazy, Suspense, useEffect } from 'react';
import { startWorkspaceLoad } from '../core/boot';
import { PANE_LABELS, type Pane, useNavStore } from '../core/nav-store';
import { registerEndpointOpenerLoader } from '../core/open-endpoint';
import { useWorkspaceStore } from '../core/stores/workspace-store';
import { ChatPane } from '../features/chat/ChatPane';
import { EditWorkspaceDialog } from '../features/workspaces/EditWorkspaceDialog';
import { FirstRun } from '../features/workspaces/FirstRun';
import { ImportDialog } from '../features/workspaces/ImportDialog';
import { ComingSoon } from './ComingSoon';
import { ErrorBoundary } from './ErrorBoundary';
import { Header } from './Header';
import { Navigation } from './Navigation';
import { ShortcutLayer } from './ShortcutLayer';

/*
 * Chat is the pane the app opens on, so it is in the start-up bundle; every other pane is its
 * own chunk, fetched the first time it is opened (a few ms from the local host), so the page
 * parses and runs less code before the first message can be typed.
 */
const CompletionPane = lazy(() =>
  import('../features/completion/CompletionPane').then((m) => ({ default: m.CompletionPane })),
);
const EmbeddingsPane = lazy(() =>
  import('../features/embeddings/EmbeddingsPane').then((m) => ({ default: m.EmbeddingsPane })),
);
const ComparePane = lazy(() =>
  import('../features/compare/ComparePane').then((m) => ({ default: m.ComparePane })),
);
const EvaluatePane = lazy(() =>
  import('../features/evaluate/EvaluatePane').then((m) => ({ default: m.EvaluatePane })),
);
const EndpointsPane = lazy(() =>
  import('../features/endpoints/EndpointsPane').then((m) => ({ default: m.EndpointsPane })),
);
// Compare registers its "open an endpoint here" when its store loads: before the pane was
// ever opened, "Open in compare" loads it first.
registerEndpointOpenerLoader('compare', () => import('../features/compare/compare-store'));
const SettingsPane = lazy(() => import('./SettingsPane').then((m) => ({ default: m.SettingsPane })));

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
          <Suspense
            fallback={
              <p className="app__loading" role="status">
                Loading…
              </p>
            }
          >
            <PaneView pane={pane} />
          </Suspense>
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

  useEffect(() => {
    void startWorkspaceLoad();
  }, []);

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
