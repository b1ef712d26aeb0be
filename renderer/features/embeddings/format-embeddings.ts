/*
 * Pure formatters for the embeddings pane, kept apart from the components so they can be
 * unit-tested without a DOM.
 */

/** A label-sized version of `text`: at most `max` characters, ending in "…" when cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}

/** Milliseconds for display: whole ms from 10 up, one decimal below. */
export function formatMs(ms: number): string {
  return ms >= 10 ? `${Math.round(ms).toLocaleString('en-US')} ms` : `${ms.toFixed(1)} ms`;
}

/** US dollars with enough digits to show a fraction of a cent; "—" when unknown. */
export function formatUsd(usd: number | null): string {
  if (usd === null) return '—';
  if (usd === 0) return '$0';
  return usd < 0.01 ? `$${usd.toPrecision(2)}` : `$${usd.toFixed(2)}`;
}

/**
 * How a text moved in one model's ranking compared with the reference model's: positive is
 * up (ranked better here). Badge text like "↑3" or "↓2"; null when unchanged.
 */
export function rankChange(
  referenceRank: number,
  rank: number,
): { text: string; label: string; up: boolean } | null {
  const delta = referenceRank - rank;
  if (delta === 0) return null;
  const places = Math.abs(delta);
  const up = delta > 0;
  return {
    text: `${up ? '↑' : '↓'}${places}`,
    label: `${up ? 'up' : 'down'} ${places} place${places === 1 ? '' : 's'}`,
    up,
  };
}

/** Words for a rank correlation, so a number like 0.62 means something at a glance. */
export function describeCorrelation(rho: number | null): string {
  if (rho === null) return 'undefined (too few pairs, or all similarities equal)';
  const a = Math.abs(rho);
  const strength = a >= 0.8 ? 'strong' : a >= 0.5 ? 'moderate' : a >= 0.2 ? 'weak' : 'no real';
  return `${strength} agreement`;
}
