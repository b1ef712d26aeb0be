import type { AuthKind, WorkspaceSummary } from '../../shared/domain';
import type { StudioError } from '../../shared/errors';

/*
 * Words for "the current workspace can't be used": when its endpoint list fails because the
 * workspace is unreachable or refuses its credentials, the panes say so where the endpoints
 * would be (not "no chat endpoint", which reads as "this workspace has none"), and lead to
 * the fix. Pure, so the wording is tested without a DOM.
 */

/** Why a workspace can't be used, or null when the error is about something else. */
export type WorkspaceProblem = 'unreachable' | 'credentials';

/** Which problem an endpoint-list error means. */
export function workspaceProblemOf(error: StudioError | null): WorkspaceProblem | null {
  switch (error?.code) {
    case 'NETWORK':
    case 'TIMEOUT':
    case 'UNAVAILABLE':
    case 'SERVER':
    case 'BAD_RESPONSE':
      return 'unreachable';
    case 'AUTH':
    case 'PERMISSION':
    case 'NOT_CONFIGURED':
    case 'KEYCHAIN_UNAVAILABLE':
      return 'credentials';
    default:
      return null;
  }
}

/** What the endpoint picker's empty option says instead of "No chat endpoint". */
export function problemOptionLabel(problem: WorkspaceProblem): string {
  return problem === 'unreachable' ? 'Workspace unreachable' : 'Credentials refused';
}

/** One sentence naming the workspace (by name and URL) and what is wrong with it. */
export function problemSentence(
  problem: WorkspaceProblem,
  w: Pick<WorkspaceSummary, 'name' | 'host'>,
): string {
  const which = w.host ? `${w.name} (${w.host})` : w.name;
  return problem === 'unreachable'
    ? `${which} can't be reached, so its endpoints can't be listed.`
    : `${which} refused its credentials, so its endpoints can't be listed.`;
}

/** The button that fixes refused credentials, by kind: a new token, a new secret, or a new sign-in. */
export function credentialActionLabel(kind: AuthKind): string {
  switch (kind) {
    case 'pat':
      return 'Update token';
    case 'service-principal':
      return 'Update client secret';
    case 'openai':
      return 'Update API key';
    case 'oauth':
      return 'Sign in again';
    default:
      return 'Open Settings';
  }
}

/** The label of the field that takes the new secret. */
export function newSecretLabel(kind: AuthKind): string {
  if (kind === 'service-principal') return 'New client secret';
  if (kind === 'openai') return 'New API key';
  return 'New personal access token';
}
