/** One `npm audit --json` answer, summed up: counts per severity, or why there is none. */
export type AuditSummary =
  | { kind: 'ok'; highOrCritical: number; line: string }
  | { kind: 'unavailable'; reason: string };

const SEVERITIES = ['critical', 'high', 'moderate', 'low', 'info'] as const;

export function summariseAudit(answer: unknown): AuditSummary {
  const record = (answer ?? {}) as {
    error?: { summary?: string; code?: string };
    message?: string;
    metadata?: { vulnerabilities?: Partial<Record<(typeof SEVERITIES)[number], number>> };
  };
  const counts = record.metadata?.vulnerabilities;
  if (!counts) {
    const reason = record.error?.summary || record.message || 'no vulnerability counts in the answer';
    return { kind: 'unavailable', reason: reason.split('\n')[0] ?? reason };
  }
  const parts = SEVERITIES.filter((s) => (counts[s] ?? 0) > 0).map((s) => `${counts[s]} ${s}`);
  return {
    kind: 'ok',
    highOrCritical: (counts.critical ?? 0) + (counts.high ?? 0),
    line: parts.length > 0 ? parts.join(', ') : 'no known vulnerabilities',
  };
}
