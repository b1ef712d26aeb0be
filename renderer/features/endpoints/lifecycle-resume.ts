import { useWorkspaceStore } from '../../core/stores/workspace-store';
import { useLifecycleStore } from './lifecycle-store';

let installed = false;

/**
 * Resumes watching the stored running operations of whichever workspace is current, now and
 * whenever it changes: an app restarted mid-creation picks up where it was, even before the
 * Endpoints pane is opened. Idempotent.
 */
export function resumeOperationsOnWorkspaceChange(): void {
  if (installed) return;
  installed = true;
  const resume = (workspaceId: string | null) => {
    if (workspaceId) useLifecycleStore.getState().resume(workspaceId);
  };
  resume(useWorkspaceStore.getState().currentId);
  useWorkspaceStore.subscribe((s, prev) => {
    if (s.currentId !== prev.currentId) resume(s.currentId);
  });
}
