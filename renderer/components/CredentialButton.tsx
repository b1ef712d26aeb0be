import { useNavStore } from '../core/nav-store';
import { selectCurrentWorkspace, useWorkspaceStore } from '../core/stores/workspace-store';
import { credentialActionLabel } from '../core/workspace-problem';

/**
 * The fix for a 401/403: "Update token" (or client secret, API key, sign in again) opens the
 * current workspace's editor on its credential, in place; the new one is checked with a real
 * call and replaces the keychain entry. Without a workspace that can take one, Settings.
 */
export function CredentialButton() {
  const workspace = useWorkspaceStore(selectCurrentWorkspace);
  const openEditor = useWorkspaceStore((s) => s.openEditor);
  const show = useNavStore((s) => s.show);
  const editable = workspace !== undefined && !workspace.isDemo;
  return (
    <button
      type="button"
      className="button button--small button--primary"
      onClick={() => (editable ? openEditor(workspace.id, 'credential') : show('settings'))}
    >
      {editable ? credentialActionLabel(workspace.authKind) : 'Open Settings'}
    </button>
  );
}
