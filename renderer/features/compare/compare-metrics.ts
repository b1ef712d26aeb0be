import type { CompareAnswer } from '../../core/db/records';

/*
 * Which answers of a turn earn a badge: the fastest first token, the highest throughput and
 * the cheapest answer. Only finished answers compete, and only once at least two have
 * finished with a value to compare (one answer is not "the fastest" of anything).
 */

/** Badges per pane id. */
export interface Badges {
  fastest: Set<string>;
  throughput: Set<string>;
  cheapest: Set<string>;
}

type Candidate = { paneId: string; answer: CompareAnswer };

/** Pane ids whose `value` is the best (ties all win); empty with fewer than two values. */
function best(
  candidates: readonly Candidate[],
  value: (a: CompareAnswer) => number | null,
  lower: boolean,
): Set<string> {
  const scored = candidates.flatMap((c) => {
    const v = value(c.answer);
    return v === null || !Number.isFinite(v) ? [] : [{ paneId: c.paneId, v }];
  });
  if (scored.length < 2) return new Set();
  const target = lower ? Math.min(...scored.map((s) => s.v)) : Math.max(...scored.map((s) => s.v));
  return new Set(scored.filter((s) => s.v === target).map((s) => s.paneId));
}

/** The badges of one turn, from each pane's answer to it (panes without one are skipped). */
export function turnBadges(
  answers: readonly { paneId: string; answer: CompareAnswer | undefined }[],
): Badges {
  const done = answers.flatMap((a) =>
    a.answer?.status === 'done' ? [{ paneId: a.paneId, answer: a.answer }] : [],
  );
  if (done.length < 2) return { fastest: new Set(), throughput: new Set(), cheapest: new Set() };
  return {
    fastest: best(done, (a) => a.metrics?.ttftMs ?? null, true),
    throughput: best(done, (a) => a.metrics?.tokensPerSec ?? null, false),
    cheapest: best(done, (a) => a.costUsd, true),
  };
}
