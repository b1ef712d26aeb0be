import { formatError } from '../core/format';
import { useEndpointsStore } from '../core/stores/endpoints-store';
import { selectCurrentWorkspace, useWorkspaceStore } from '../core/stores/workspace-store';
import { problemSentence, workspaceProblemOf } from '../core/workspace-problem';

/** The current workspace's problem, when its endpoint list failed because of the workspace itself. */
export function useWorkspaceProblem() {
  const workspace = useWorkspaceStore(selectCurrentWorkspace);
  const error = useEndpointsStore((s) =>
    s.status === 'error' && s.workspaceId === workspace?.id ? s.error : null,
  );
  const problem = workspaceProblemOf(error);
  return workspace && error && problem ? { workspace, error, problem } : null;
}

/**
 * "This workspace can't be reached" (or refused its credentials), where the endpoints would
 * be, with the three ways out: check again, edit it, or use the demo.
 */
export function WorkspaceProblem() {
  const found = useWorkspaceProblem();
  const checkHealth = useWorkspaceStore((s) => s.checkHealth);
  const checking = useWorkspaceStore((s) => (found ? s.healthChecking[found.workspace.id] === true : false));
  const openEditor = useWorkspaceStore((s) => s.openEditor);
  const chooseDemo = useWorkspaceStore((s) => s.chooseDemo);
  if (!found) return null;
  const { workspace, error, problem } = found;
  // A newer check than the list's error says more (DNS, TLS, refused…) and what to try.
  const health = workspace.health && !workspace.health.ok ? workspace.health : null;
  return (
    <div
      role="alert"
      className="alert workspace-problem"
      data-testid="workspace-problem"
      data-problem={problem}
    >
      <p>{problemSentence(problem, workspace)}</p>
      <p className="muted">
        {health ? `${health.message ?? ''}${health.fix ? ` Try: ${health.fix}` : ''}` : formatError(error)}
      </p>
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
        <button
          type="button"
          className="button button--small"
          onClick={() => openEditor(workspace.id, problem === 'credentials' ? 'credential' : 'all')}
        >
          Edit
        </button>
        {!workspace.isDemo && (
          <button
            type="button"
            className="button button--small button--primary"
            onClick={() => void chooseDemo()}
          >
            Use the demo
          </button>
        )}
      </div>
    </div>
  );
}

/** A pane's empty state: `fallback`, unless the workspace itself is the problem (then that, in words). */
export function EndpointsEmptyHint({ fallback }: { fallback: string }) {
  const found = useWorkspaceProblem();
  if (!found) return <>{fallback}</>;
  return (
    <span data-testid="empty-workspace-problem">
      No endpoints to use: {problemSentence(found.problem, found.workspace)} Check its connection, edit it or
      use the demo (next to the endpoint picker).
    </span>
  );
}
