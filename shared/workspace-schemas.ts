import { z } from 'zod';
import { workspaceSummarySchema } from './domain';

/*
 * Schemas of the workspace-editing and import entries of the contract (shared/contract.ts):
 * replacing a workspace's credential in place, finding a workspace that is already connected,
 * and one result per imported profile. Kept here so the contract table stays a table.
 */

const secretField = (missing: string) => z.string().trim().min(1, missing).max(4096);

/**
 * A new credential for a workspace, of the workspace's own kind. Secrets only ever travel
 * this way (renderer → privileged side), checked there with a real call, then written over
 * the keychain entry. OAuth has none: it signs in again (`startOAuthSignIn` with `profileId`).
 */
export const credentialUpdateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pat'), token: secretField('Enter the new personal access token.') }),
  z.object({
    kind: z.literal('service-principal'),
    /** Absent: the workspace's current client id. */
    clientId: z.string().trim().min(1, 'Enter the client id.').max(256).optional(),
    clientSecret: secretField('Enter the new client secret.'),
  }),
  /** An empty key means "no key" (open local servers). */
  z.object({ kind: z.literal('openai'), apiKey: z.string().trim().max(4096) }),
]);
export type CredentialUpdate = z.infer<typeof credentialUpdateSchema>;

/**
 * Edits a workspace in place: its id (and so its conversations, health and place in the
 * switcher) stays. A new URL or credential is checked with a real call before anything is saved.
 */
export const updateWorkspaceRequestSchema = z
  .object({
    id: z.string().min(1).max(100),
    name: z.string().trim().min(1, 'Give the workspace a name.').max(100).optional(),
    host: z.string().trim().min(1, 'Enter the workspace URL.').max(2048).optional(),
    credential: credentialUpdateSchema.optional(),
  })
  .refine((r) => r.name !== undefined || r.host !== undefined || r.credential !== undefined, {
    message: 'Nothing to change.',
  });
export type UpdateWorkspaceRequest = z.input<typeof updateWorkspaceRequestSchema>;

/** "Is this host and identity connected already?", asked before connecting (to offer an update). */
export const findExistingRequestSchema = z.object({
  authKind: z.enum(['pat', 'oauth', 'service-principal', 'openai']),
  host: z.string().trim().min(1, 'Enter the workspace URL.').max(2048),
  /** Service principal: its client id (the identity); OAuth: the public client (databricks-cli by default). */
  clientId: z.string().trim().min(1).max(256).optional(),
});

export const findExistingResponseSchema = z.object({
  /** The host as it would be saved (normalised). */
  host: z.string(),
  /** The workspace with the same host and identity, if one is connected. */
  existing: workspaceSummarySchema.nullable(),
});

/**
 * What happened to one selected profile: `imported` (saved after a real call succeeded),
 * `failed` (nothing saved; `message` says why), or `needs-sign-in` (an OAuth / databricks-cli
 * profile saved without credentials: `workspace` signs in with the U2M flow to finish).
 */
export const importResultSchema = z.object({
  /** The importable profile's id (`cfg:NAME` or `env`). */
  id: z.string(),
  profileName: z.string(),
  status: z.enum(['imported', 'failed', 'needs-sign-in']),
  message: z.string(),
  workspace: workspaceSummarySchema.nullable(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

/** One result per selected profile, in the order they were asked for. */
export const importResultsSchema = z.object({ results: z.array(importResultSchema) });
