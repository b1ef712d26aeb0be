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
