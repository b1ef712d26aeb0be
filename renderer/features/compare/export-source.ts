import type { Exportable } from './compare-export';
import type { CompareState } from './compare-types';

/** The comparison on screen in the shape the exports take. */
export function comparisonRecordOf(s: CompareState): Exportable {
  return {
    title: s.title || 'Comparison',
    systemPrompt: s.systemPrompt,
    sharedParams: s.sharedParams,
    panes: s.panes.map((p) => ({ ...p, answers: p.answers })),
    turns: s.turns,
    synthetic: s.synthetic,
  };
}
