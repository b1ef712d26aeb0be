import { useMemo } from 'react';
import { answerFor, anyStreaming, blindLabel, displayOrder } from './compare-model';
import { lastTurnVoted } from './compare-persist';
import { useCompareStore } from './compare-store';
import { leaderboard } from './leaderboard';

/** Blind mode, after every pane has answered: vote for the best answer or a tie. */
export function VoteBar() {
  const s = useCompareStore();
  const turn = s.turns.length - 1;
  if (!s.blind || turn < 0 || anyStreaming(s.panes)) return null;
  const voted = lastTurnVoted(s);
  const shown = displayOrder(s.panes, s.blind, s.order);
  if (voted) {
    const v = s.votes.find((x) => x.comparisonId === s.comparisonId && x.turn === turn);
    return (
      <p className="cmp-vote notice" role="status" data-testid="vote-result">
        {v?.winner ? `You picked ${v.winner}.` : 'You called it a tie.'} Names revealed.
      </p>
    );
  }
  return (
    <fieldset className="cmp-vote row">
      <legend className="visually-hidden">Vote for the best answer</legend>
      <span>Which answer is best?</span>
      {shown.map((p, i) =>
        answerFor(p, turn) ? (
          <button key={p.id} type="button" className="button" onClick={() => void s.vote(p.id)}>
            {blindLabel(i)} is best
          </button>
        ) : null,
      )}
      <button type="button" className="button" onClick={() => void s.vote(null)}>
        Tie
      </button>
    </fieldset>
  );
}

/** Wins, losses, ties and win rate per endpoint over every stored blind vote. */
export function Leaderboard() {
  const votes = useCompareStore((s) => s.votes);
  const rows = useMemo(() => leaderboard(votes), [votes]);
  if (rows.length === 0) return null;
  return (
    <section className="cmp-leaderboard" aria-label="Leaderboard" data-testid="leaderboard">
      <h3>
        Leaderboard ({votes.length} blind {votes.length === 1 ? 'vote' : 'votes'})
      </h3>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Endpoint</th>
              <th scope="col">Wins</th>
              <th scope="col">Losses</th>
              <th scope="col">Ties</th>
              <th scope="col">Win rate</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.endpoint} data-endpoint={r.endpoint}>
                <th scope="row">{r.endpoint}</th>
                <td data-testid="wins">{r.wins}</td>
                <td data-testid="losses">{r.losses}</td>
                <td data-testid="ties">{r.ties}</td>
                <td>{Math.round(r.winRate * 100)}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
