import { useState } from 'react';
import { formatError } from '../../core/format';
import { useWorkspaceStore } from '../../core/stores/workspace-store';
import { ConnectPanel } from './ConnectPanel';
import { ImportButton } from './ImportDialog';

/** First run (no current workspace): try the demo workspace, or connect a real one. */
export function FirstRun() {
  const chooseDemo = useWorkspaceStore((s) => s.chooseDemo);
  const startingDemo = useWorkspaceStore((s) => s.startingDemo);
  const loadError = useWorkspaceStore((s) => s.loadError);
  const cancelOAuth = useWorkspaceStore((s) => s.cancelOAuth);
  const [connecting, setConnecting] = useState(false);

  return (
    <main className="first-run">
      <section className="card first-run__card" data-testid="first-run" aria-labelledby="first-run-title">
        <h2 id="first-run-title">Welcome to Serving Studio</h2>
        <p>
          Chat with and measure Databricks Model Serving endpoints. Start with the built-in demo workspace —
          its models are small synthetic generators running on this machine — or connect your own workspace.
        </p>
        {loadError && (
          <p role="alert" className="alert">
            {formatError(loadError)}
          </p>
        )}
        <div className="row">
          <button
            type="button"
            className="button button--primary"
            onClick={() => void chooseDemo()}
            disabled={startingDemo}
            // The safe default: one keypress gets a working app.
            // biome-ignore lint/a11y/noAutofocus: the first-run card is the whole screen; its default action gets focus
            autoFocus
          >
            Use demo workspace
          </button>
          {/* Hidden once open, so "Connect" names exactly one button: the form's submit. */}
          {!connecting && (
            <button type="button" className="button" onClick={() => setConnecting(true)}>
              Connect a workspace
            </button>
          )}
          <ImportButton />
          {startingDemo && (
            <span role="status" className="muted">
              Starting the demo workspace…
            </span>
          )}
        </div>
        {connecting && (
          <>
            <ConnectPanel />
            <button
              type="button"
              className="button button--ghost first-run__back"
              onClick={() => {
                // Closing the panel also gives up on a sign-in waiting for the browser.
                void cancelOAuth();
                setConnecting(false);
              }}
            >
              Cancel
            </button>
          </>
        )}
      </section>
    </main>
  );
}
