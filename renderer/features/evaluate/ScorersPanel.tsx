import { useState } from 'react';
import type { ScorerConfig } from '../../core/db/eval-records';
import { useChatEndpoints } from '../../core/stores/use-usable-endpoints';
import { SCORER_LABELS, type ScorerKind, scorerProblem } from './eval-scorers';
import { useEvaluateStore } from './evaluate-store';

/** A new scorer of `kind` with its defaults. */
function newScorer(kind: ScorerKind, id: string): ScorerConfig {
  switch (kind) {
    case 'exact':
    case 'contains':
      return { id, kind, caseSensitive: false };
    case 'regex':
      return { id, kind, pattern: '', flags: 'i' };
    case 'json':
      return { id, kind, schema: '' };
    case 'numeric':
      return { id, kind, tolerance: 0 };
    case 'judge':
      return { id, kind, endpoint: '', rubric: '' };
  }
}

/** The settings of one scorer. */
function ScorerSettings({ scorer }: { scorer: ScorerConfig }) {
  const update = useEvaluateStore((s) => s.updateScorer);
  const runJudge = useEvaluateStore((s) => s.runJudge);
  const judging = useEvaluateStore((s) => s.judging);
  const hasRun = useEvaluateStore((s) => s.run !== null && s.phase !== 'running' && s.phase !== 'pausing');
  const { endpoints } = useChatEndpoints();
  const label = SCORER_LABELS[scorer.kind];
  switch (scorer.kind) {
    case 'exact':
    case 'contains':
      return (
        <label className="ev-inline">
          <input
            type="checkbox"
            checked={scorer.caseSensitive}
            onChange={(e) => update(scorer.id, { caseSensitive: e.target.checked })}
          />
          Case-sensitive
        </label>
      );
    case 'regex':
      return (
        <>
          <input
            className="ev-input ev-input--mono"
            aria-label="Regular expression"
            placeholder="^(yes|no)$"
            value={scorer.pattern}
            onChange={(e) => update(scorer.id, { pattern: e.target.value })}
          />
          <input
            className="ev-input ev-input--flags"
            aria-label="Regex flags"
            value={scorer.flags}
            onChange={(e) => update(scorer.id, { flags: e.target.value })}
          />
        </>
      );
    case 'json':
      return (
        <textarea
          className="ev-input ev-input--mono"
          aria-label="JSON schema (optional)"
          placeholder='Optional JSON schema, e.g. {"type": "object", "required": ["answer"]}'
          rows={1}
          value={scorer.schema}
          onChange={(e) => update(scorer.id, { schema: e.target.value })}
        />
      );
    case 'numeric':
      return (
        <label className="ev-inline">
          Tolerance ±
          <input
            type="number"
            className="ev-input ev-input--num"
            aria-label="Numeric tolerance"
            min={0}
            step="any"
            value={Number.isFinite(scorer.tolerance) ? scorer.tolerance : ''}
            onChange={(e) =>
              update(scorer.id, { tolerance: e.target.value === '' ? 0 : Number(e.target.value) })
            }
          />
        </label>
      );
    case 'judge':
      return (
        <div className="ev-judge">
          <select
            aria-label="Judge endpoint"
            value={scorer.endpoint}
            onChange={(e) => update(scorer.id, { endpoint: e.target.value })}
          >
            <option value="">Judge endpoint…</option>
            {endpoints.map((e) => (
              <option key={e.name} value={e.name}>
                {e.name}
              </option>
            ))}
          </select>
          <textarea
            className="ev-input"
            aria-label="Judge rubric"
            rows={2}
            placeholder="PASS when the answer is correct and one sentence long."
            value={scorer.rubric}
            onChange={(e) => update(scorer.id, { rubric: e.target.value })}
          />
          <button
            type="button"
            className="button button--small"
            disabled={!hasRun || judging !== null || scorerProblem(scorer) !== null}
            title={`${label}: asks the judge about every answer without a verdict (this machine only)`}
            onClick={() => void runJudge(scorer.id)}
          >
            {judging?.scorerId === scorer.id ? `Judging ${judging.done}/${judging.total}…` : 'Run judge'}
          </button>
        </div>
      );
  }
}

/** The run's scorers: add, set up, remove. Changing them rescores at once (nothing is re-run). */
export function ScorersPanel() {
  const scorers = useEvaluateStore((s) => s.scorers);
  const add = useEvaluateStore((s) => s.addScorer);
  const remove = useEvaluateStore((s) => s.removeScorer);
  const [kind, setKind] = useState<ScorerKind>('exact');
  return (
    <section className="ev-card" aria-labelledby="ev-scorers-title">
      <div className="ev-card__head">
        <h3 id="ev-scorers-title">Scorers</h3>
        <div className="row">
          <select
            aria-label="Scorer kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as ScorerKind)}
          >
            {(Object.keys(SCORER_LABELS) as ScorerKind[]).map((k) => (
              <option key={k} value={k}>
                {SCORER_LABELS[k]}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button--small"
            onClick={() => add(newScorer(kind, crypto.randomUUID()))}
          >
            Add scorer
          </button>
        </div>
      </div>
      {scorers.length === 0 ? (
        <p className="hint">Exact match, contains, numeric: against the dataset's expected column.</p>
      ) : (
        <ul className="ev-scorers">
          {scorers.map((s) => {
            const problem = scorerProblem(s);
            return (
              <li key={s.id} className="ev-scorer" data-testid={`ev-scorer-${s.kind}`}>
                <strong>{SCORER_LABELS[s.kind]}</strong>
                <ScorerSettings scorer={s} />
                <button
                  type="button"
                  className="button button--ghost button--small"
                  aria-label={`Remove scorer ${SCORER_LABELS[s.kind]}`}
                  onClick={() => remove(s.id)}
                >
                  ✕
                </button>
                {problem && s.kind !== 'judge' && <span className="ev-scorer__problem">{problem}</span>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
