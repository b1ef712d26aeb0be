import type { WorkspaceSummary } from '../../../shared/domain';
import type { UpdateInput } from '../../core/stores/workspace-store';

/*
 * The edit form's fields → the update request: only what changed is sent, so a rename never
 * re-checks the credential, and an unchanged URL is not "changed" by a trailing space.
 */

/** What the edit form holds. `secret` is the new token, client secret or API key ('' = keep). */
export interface EditFields {
  name: string;
  host: string;
  clientId: string;
  secret: string;
}

/** The request for these fields; `null` when nothing changed; `problem` when it can't be sent. */
export type EditPlan = { input: UpdateInput | null } | { problem: string };

/** Builds the update request for `w` from the form's fields. */
export function buildUpdate(w: WorkspaceSummary, fields: EditFields): EditPlan {
  const input: UpdateInput = { id: w.id };
  const name = fields.name.trim();
  const host = fields.host.trim().replace(/\/+$/, '');
  const secret = fields.secret.trim();
  const clientId = fields.clientId.trim();
  if (name && name !== w.name) input.name = name;
  if (host && host !== w.host) input.host = host;
  if (w.authKind === 'service-principal') {
    const newClient = clientId !== '' && clientId !== (w.clientId ?? '');
    if (newClient && !secret) return { problem: 'A new client ID needs its client secret too.' };
    if (secret)
      input.credential = {
        kind: 'service-principal',
        clientSecret: secret,
        ...(newClient ? { clientId } : {}),
      };
  } else if (w.authKind === 'pat' && secret) input.credential = { kind: 'pat', token: secret };
  else if (w.authKind === 'openai' && secret) input.credential = { kind: 'openai', apiKey: secret };
  return { input: Object.keys(input).length > 1 ? input : null };
}
