import type { VoteRecord } from '../../core/db/records';

/*
 * The blind-mode leaderboard. Per endpoint: a win when it won a vote, a loss for every
 * other endpoint in that vote, and a tie for every endpoint of a tied vote. An endpoint
 * that appeared in two panes of one vote (a sweep) counts once for that vote.
 */

/** One endpoint's record. */
export interface LeaderboardRow {
  endpoint: string;
  wins: number;
  losses: number;
  ties: number;
  /** Wins over all votes it took part in (ties count as games not won); 0 with no votes. */
  winRate: number;
}

/** The leaderboard from `votes`, best win rate first (then most wins, then name). */
export function leaderboard(votes: readonly VoteRecord[]): LeaderboardRow[] {
  const rows = new Map<string, LeaderboardRow>();
  const row = (endpoint: string) => {
    let r = rows.get(endpoint);
    if (!r) {
      r = { endpoint, wins: 0, losses: 0, ties: 0, winRate: 0 };
      rows.set(endpoint, r);
    }
    return r;
  };
  for (const vote of votes) {
    for (const endpoint of new Set(vote.endpoints)) {
      const r = row(endpoint);
      if (vote.winner === null) r.ties++;
      else if (endpoint === vote.winner) r.wins++;
      else r.losses++;
    }
  }
  for (const r of rows.values()) {
    const games = r.wins + r.losses + r.ties;
    r.winRate = games === 0 ? 0 : r.wins / games;
  }
  return [...rows.values()].sort(
    (a, b) => b.winRate - a.winRate || b.wins - a.wins || a.endpoint.localeCompare(b.endpoint),
  );
}
