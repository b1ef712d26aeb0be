import os from 'node:os';
import type { SecretSource } from '../../../shared/domain';
import { type Env, profileFromEnv, readProfileSecret } from './databrickscfg';

/*
 * Profiles imported while no keychain was available keep a reference to where their secret
 * lives (a ~/.databrickscfg section or the DATABRICKS_* environment) instead of a copy. The
 * secret is read from there at each request, in this process only, as the Databricks CLI does:
 * it never enters workspaces.json, the keychain, logs or the renderer.
 */

/** Where a reference points, in words: `~/.databrickscfg [DEFAULT]` or the variable names. */
export function describeSource(source: SecretSource): string {
  if (source.kind === 'env') return 'the DATABRICKS_TOKEN / DATABRICKS_CLIENT_SECRET environment variables';
  const home = os.homedir();
  const file = source.path.startsWith(`${home}/`) ? `~${source.path.slice(home.length)}` : source.path;
  return `${file} [${source.profile}]`;
}

/** The referenced secret, read now; null when the file section or the variable no longer has it. */
export async function readReference(source: SecretSource, env: Env = process.env): Promise<string | null> {
  if (source.kind === 'env') return profileFromEnv(env)?.secret ?? null;
  return readProfileSecret(source.path, source.profile);
}

/** The NOT_CONFIGURED message when a reference no longer resolves: says where to put it back. */
export function referenceMissing(name: string, source: SecretSource): string {
  return `"${name}" reads its secret from ${describeSource(source)}, which no longer has one. Add it back there, or remove and re-add the workspace.`;
}
