import type { RequestOf, StudioApi } from '../../../shared/contract';
import type { ConnectionHealth, WorkspaceSummary } from '../../../shared/domain';
import type { StudioError } from '../../../shared/errors';
import type { ImportResult } from '../../../shared/workspace-schemas';

/*
 * The workspace store's types, apart from the store and its action modules so that they can
 * all use them without importing one another in a circle.
 */

/** What the personal-access-token form submits (the contract's request, never redefined). */
export type ConnectInput = RequestOf<'connectWorkspace'>;
/** What the service-principal form submits. */
export type ServicePrincipalInput = RequestOf<'connectServicePrincipal'>;
/** What the OpenAI-compatible form submits (the API key is optional). */
export type OpenAiInput = RequestOf<'connectOpenAiProvider'>;
/** What the OAuth form submits (`profileId`: sign that workspace in again, in place). */
export type OAuthInput = RequestOf<'startOAuthSignIn'>;
/** What the edit form submits. */
export type UpdateInput = RequestOf<'updateWorkspace'>;

/** The user's answer to "this workspace is already here". */
export type DuplicateChoice = 'update' | 'add' | 'cancel';

/** A connect that found its host and identity already here, waiting for the user's choice. */
export interface PendingDuplicate {
  existing: WorkspaceSummary;
  /** False when adding would only update the same identity anyway (a service principal). */
  canAdd: boolean;
}

/** What the editor leads with: everything, or just the credential (from a 401/403). */
export type EditorFocus = 'all' | 'credential';

/** The workspace being edited. */
export interface WorkspaceEditor {
  id: string;
  focus: EditorFocus;
}

/** An OAuth sign-in waiting for the browser's redirect. */
export interface PendingOAuth {
  flowId: string;
  /** Shown as a link in case no browser opened. */
  authorizationUrl: string;
}

/** Workspace state and actions. */
export interface WorkspaceState {
  /** True once listWorkspaces has answered (ok or not): the app is ready. */
  loaded: boolean;
  workspaces: WorkspaceSummary[];
  currentId: string | null;
  keychainAvailable: boolean;
  /** Why the list (or a switch/remove/sign-out) failed, for a banner. */
  loadError: StudioError | null;
  /** True while the demo workspace is being started. */
  startingDemo: boolean;
  /** True while a connect's real check (or an OAuth sign-in) runs. */
  checking: boolean;
  connectError: StudioError | null;
  /** The OAuth sign-in in progress, if any. */
  oauth: PendingOAuth | null;
  /** A connect whose host and identity are already here, waiting for `resolveDuplicate`. */
  duplicate: PendingDuplicate | null;
  /** The workspace being edited (one editor for the whole app). */
  editor: WorkspaceEditor | null;
  /** True while an edit's real check runs. */
  saving: boolean;
  editError: StudioError | null;
  /** Ids whose health check is running. */
  healthChecking: Record<string, boolean>;
  load(
    /** An answer to listWorkspaces already asked for (the page asks as it starts); else asked now. */
    pending?: ReturnType<StudioApi['listWorkspaces']>,
  ): Promise<void>;
  chooseDemo(): Promise<void>;
  /** Resolves true when connected; the caller must already have cleared its token field. */
  connect(input: ConnectInput): Promise<boolean>;
  /** Resolves true when connected; the caller must already have cleared its secret field. */
  connectServicePrincipal(input: ServicePrincipalInput): Promise<boolean>;
  /** Resolves true when connected; the caller must already have cleared its key field. */
  connectOpenAi(input: OpenAiInput): Promise<boolean>;
  /** Answers "already connected": update that workspace, add another, or give up. */
  resolveDuplicate(choice: DuplicateChoice): void;
  /** Starts the browser sign-in and waits for it; resolves true when connected. */
  signInWithOAuth(input: OAuthInput): Promise<boolean>;
  /** Gives up on the pending sign-in (the loopback listener is closed). */
  cancelOAuth(): Promise<void>;
  /** Opens the editor on a workspace (`credential`: straight to a new token / sign in again). */
  openEditor(id: string, focus?: EditorFocus): void;
  closeEditor(): void;
  /** Saves an edit after the privileged side's real check; the caller clears its secret fields first. */
  update(input: UpdateInput): Promise<boolean>;
  /** Signs an OAuth workspace in again, in place (optionally at a new URL). */
  signInAgain(id: string, host?: string): Promise<boolean>;
  /** Forgets the workspace's tokens but keeps it. */
  signOut(id: string): Promise<void>;
  /** Makes a cheap real call and records the answer on the workspace. */
  checkHealth(id: string): Promise<ConnectionHealth | null>;
  /** Forgets the last connect error (a form that opens starts clean). */
  clearConnectError(): void;
  select(id: string): Promise<void>;
  /** Removes a workspace; the privileged side picks the next current one (never none). */
  remove(id: string): Promise<void>;
  /** Adds (or replaces) imported workspaces; the first checked one becomes current when none is. */
  addImported(results: ImportResult[]): Promise<void>;
}

/** The store's `set`. */
export type SetWorkspaceState = (
  partial: Partial<WorkspaceState> | ((s: WorkspaceState) => Partial<WorkspaceState>),
) => void;
