import type { ModelAgreement } from './analysis';
import { describeCorrelation, truncate } from './format-embeddings';

const pct = (p: number) => `${Math.round(p * 100)}%`;

function PairTable({ agreement, texts }: { agreement: ModelAgreement; texts: string[] }) {
  if (agreement.disagreements.length === 0) return null;
  return (
    <div className="table-wrap">
      <table className="table emb-disagree">
        <caption className="visually-hidden">
          Pairs of texts {agreement.a} and {agreement.b} disagree on most
        </caption>
        <thead>
          <tr>
            <th scope="col">Texts</th>
            <th scope="col">{agreement.a}</th>
            <th scope="col">{agreement.b}</th>
          </tr>
        </thead>
        <tbody>
          {agreement.disagreements.map((d) => (
            <tr key={`${d.i}-${d.j}`} data-testid="disagreement" data-i={d.i} data-j={d.j}>
              <th scope="row">
                <div title={texts[d.i]}>
                  {d.i + 1}. {truncate(texts[d.i] ?? '', 70)}
                </div>
                <div title={texts[d.j]}>
                  {d.j + 1}. {truncate(texts[d.j] ?? '', 70)}
                </div>
              </th>
              <td>
                {d.valueA.toFixed(3)} <span className="muted">({pct(d.percentileA)})</span>
              </td>
              <td>
                {d.valueB.toFixed(3)} <span className="muted">({pct(d.percentileB)})</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * How far the models agree: Spearman's rank correlation between their similarity matrices
 * (upper triangles), and the pairs of texts they disagree on most.
 */
export function Agreement({ agreement, texts }: { agreement: ModelAgreement[]; texts: string[] }) {
  if (agreement.length === 0) return null;
  const pairs = (texts.length * (texts.length - 1)) / 2;
  return (
    <section className="emb-section" data-testid="agreement" aria-labelledby="emb-agreement-title">
      <h3 id="emb-agreement-title">Model agreement</h3>
      <p className="hint">
        Spearman's ρ compares how each model orders all {pairs.toLocaleString('en-US')} pairs of texts by
        similarity (1 = same order). The pairs below are those whose <em>rank</em> among all pairs differs
        most between the two models (percentile in brackets: 100% = that model's most similar pair). Ranks
        rather than raw values, because each model has its own baseline: one model's 0.3 can be another's 0.6.
      </p>
      {agreement.map((a) => (
        <div key={`${a.a}|${a.b}`} className="emb-agreement" data-a={a.a} data-b={a.b}>
          <p>
            <b>{a.a}</b> vs <b>{a.b}</b>: ρ ={' '}
            <span data-testid="spearman">{a.spearman === null ? '—' : a.spearman.toFixed(3)}</span>,{' '}
            {describeCorrelation(a.spearman)}
          </p>
          <PairTable agreement={a} texts={texts} />
        </div>
      ))}
    </section>
  );
}
