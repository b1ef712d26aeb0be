import type { AuthKind, WorkspaceProfile } from '../../../shared/domain';
import { DATABRICKS_CLI_CLIENT_ID } from './discovery';

/*
 * When two workspaces are "the same": the same kind of credential for the same identity on
 * the same host. Connecting or importing something that is already here then updates it
 * instead of adding a twin that nobody can tell apart (and one of which stays "Failing").
 *  - service principal: host + client id (the principal itself);
 *  - OAuth: host + public client (databricks-cli unless the profile says otherwise);
 *  - personal access token: host (a token can't say whose it is without another call);
 *  - OpenAI-compatible: the base URL.
 */

/** What identifies a workspace's credential. */
export interface Identity {
  authKind: Exclude<AuthKind, 'demo'>;
  /** Normalised, as saved. */
  host: string;
  clientId?: string | null;
}

const clientOf = (authKind: AuthKind, clientId: string | null | undefined): string | null =>
  authKind === 'oauth' ? (clientId ?? DATABRICKS_CLI_CLIENT_ID) : (clientId ?? null);

/** Whether `profile` is the workspace `identity` describes. */
export function sameIdentity(profile: WorkspaceProfile, identity: Identity): boolean {
  if (profile.authKind !== identity.authKind || profile.host !== identity.host) return false;
  if (identity.authKind === 'pat' || identity.authKind === 'openai') return true;
  return clientOf(profile.authKind, profile.clientId) === clientOf(identity.authKind, identity.clientId);
}

/** The first saved profile with that identity (other than `exceptId`), or null. */
export function findSameIdentity(
  profiles: readonly WorkspaceProfile[],
  identity: Identity,
  exceptId?: string,
): WorkspaceProfile | null {
  return profiles.find((p) => p.id !== exceptId && sameIdentity(p, identity)) ?? null;
}
