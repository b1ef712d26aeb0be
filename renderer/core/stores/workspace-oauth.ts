import type { StudioApi } from '../../../shared/contract';
import type { WorkspaceSummary } from '../../../shared/domain';
import type { OAuthInput, SetWorkspaceState, WorkspaceState } from './workspace-types';

/*
 * The browser sign-in (OAuth U2M, like the Databricks CLI): start, wait for the redirect,
 * cancel. Signing a saved workspace in again (`profileId`: expired, signed out, imported)
 * updates it in place; the privileged side then decides whether it becomes current.
 */

/** The OAuth actions; `makeCurrent` is the connect actions' one. */
export function oauthActions(
  api: () => StudioApi,
  set: SetWorkspaceState,
  get: () => WorkspaceState,
  makeCurrent: (summary: WorkspaceSummary) => void,
) {
  return {
    async signInWithOAuth(input: OAuthInput): Promise<boolean> {
      if (get().checking) return false;
      set({ checking: true, connectError: null });
      const started = await api().startOAuthSignIn(input);
      if (!started.ok) {
        set({ checking: false, connectError: started.error });
        return false;
      }
      const { flowId } = started.value;
      set({ oauth: started.value });
      const finished = await api().finishOAuthSignIn({ flowId });
      // Cancelled by the user meanwhile: their choice, not an error to show.
      const cancelled = get().oauth?.flowId !== flowId;
      set({ checking: false, ...(cancelled ? {} : { oauth: null }) });
      if (!finished.ok) {
        if (!cancelled) set({ connectError: finished.error });
        return false;
      }
      if (input.profileId) {
        // Signed in again in place: it became current only if nothing was; ask rather than guess.
        set((s) => ({
          workspaces: s.workspaces.map((w) => (w.id === finished.value.id ? finished.value : w)),
        }));
        await get().load();
      } else makeCurrent(finished.value);
      return true;
    },

    async cancelOAuth(): Promise<void> {
      const pending = get().oauth;
      if (!pending) return;
      set({ oauth: null });
      await api().cancelOAuthSignIn({ flowId: pending.flowId });
    },
  };
}
