import type { AuthKind, WorkspaceSummary } from '../../../shared/domain';

/** The badge text for each way a workspace is connected. */
export const KIND_LABELS: Record<AuthKind, string> = {
  demo: 'Demo',
  pat: 'PAT',
  oauth: 'OAuth',
  'service-principal': 'Service principal',
  openai: 'OpenAI-compatible',
};

/** The kind badge for a workspace (the demo one is always "Demo"). */
export const kindLabel = (w: Pick<WorkspaceSummary, 'authKind' | 'isDemo'>): string =>
  w.isDemo ? KIND_LABELS.demo : KIND_LABELS[w.authKind];

/** What the "no secret" badge says for each kind (OAuth: signed out). */
export function missingSecretLabel(kind: AuthKind): string {
  if (kind === 'oauth') return 'Signed out';
  if (kind === 'service-principal') return 'No client secret';
  if (kind === 'openai') return 'No API key';
  return 'No token';
}

/**
 * For a workspace imported without a keychain: where its secret is read at each request
 * (a ~/.databrickscfg section or the environment); null for every other workspace.
 */
export function secretSourceLabel(w: Pick<WorkspaceSummary, 'authKind' | 'secretSource'>): string | null {
  const source = w.secretSource;
  if (!source) return null;
  const what = w.authKind === 'service-principal' ? 'client secret' : 'token';
  const where =
    source.kind === 'env'
      ? `the environment (${w.authKind === 'service-principal' ? 'DATABRICKS_CLIENT_SECRET' : 'DATABRICKS_TOKEN'})`
      : `${source.path} [${source.profile}]`;
  return `Reads its ${what} from ${where} at each request: no keychain available.`;
}
