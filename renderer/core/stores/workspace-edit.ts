import type { StudioApi } from '../../../shared/contract';
import { useEndpointsStore } from './endpoints-store';
import { upsert } from './workspace-connect';
import type { EditorFocus, SetWorkspaceState, UpdateInput, WorkspaceState } from './workspace-types';

/*
 * Editing a workspace in place: name, URL and credential, from Settings or straight from an
 * error that says the token was refused ("Update token"). One editor for the whole app, so
 * any pane can open it without importing the workspaces feature. A new token passes through
 * `update` to the bridge and is never kept here; the privileged side checks it with a real
 * call and replaces the keychain entry.
 */

/** The current workspace's endpoints were listed with the old URL or credential: list them again. */
function refreshEndpointsIfCurrent(get: () => WorkspaceState, id: string): void {
  if (get().currentId === id) void useEndpointsStore.getState().load(id, true);
}

/** The editor's actions. */
export function editActions(api: () => StudioApi, set: SetWorkspaceState, get: () => WorkspaceState) {
  return {
    openEditor(id: string, focus: EditorFocus = 'all') {
      set({ editor: { id, focus }, editError: null, connectError: null });
    },

    closeEditor() {
      // Closing also gives up on a sign-in waiting for the browser.
      if (get().oauth) void get().cancelOAuth();
      set({ editor: null, editError: null });
    },

    async update(input: UpdateInput): Promise<boolean> {
      if (get().saving) return false;
      set({ saving: true, editError: null });
      const result = await api().updateWorkspace(input);
      set({ saving: false });
      if (!result.ok) {
        set({ editError: result.error });
        return false;
      }
      set((s) => ({ workspaces: upsert(s.workspaces, result.value), editor: null }));
      refreshEndpointsIfCurrent(get, result.value.id);
      return true;
    },

    async signInAgain(id: string, host?: string): Promise<boolean> {
      const workspace = get().workspaces.find((w) => w.id === id);
      if (!workspace) return false;
      const signedIn = await get().signInWithOAuth({
        name: workspace.name,
        host: host?.trim() || workspace.host,
        profileId: id,
      });
      if (!signedIn) return false;
      set({ editor: null });
      refreshEndpointsIfCurrent(get, id);
      return true;
    },
  };
}
