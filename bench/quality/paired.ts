/**
 * Paired comparison of two systems over the same queries, as IR papers report it: per-query
 * wins, losses and ties, and the mean per-query difference with its standard error (sample
 * standard deviation of the differences over sqrt(n)) and the paired t statistic (mean / SE).
 * Pure functions; the bench prints them.
 */

export interface Paired {
  readonly queries: number;
  readonly wins: number;
  readonly losses: number;
  readonly ties: number;
  /** Mean of a - b over the queries. */
  readonly mean: number;
  /** Standard error of that mean; 0 with fewer than two queries. */
  readonly se: number;
  /** mean / se (paired t); 0 when se is 0. */
  readonly t: number;
  /** The queries with the largest differences, a - b, largest gain first and largest loss first. */
  readonly bestGains: readonly { readonly qid: string; readonly diff: number }[];
  readonly worstLosses: readonly { readonly qid: string; readonly diff: number }[];
}

/** Differences smaller than this are ties (run files carry 6 decimals). */
const TIE = 1e-9;

/** a against b on every query of `a` (a query missing from `b` scores 0 there). */
export function pairedDifference(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>, show = 5): Paired {
  const diffs = [...a].map(([qid, value]) => ({ qid, diff: value - (b.get(qid) ?? 0) }));
  const n = diffs.length;
  const mean = n ? diffs.reduce((sum, d) => sum + d.diff, 0) / n : 0;
  const variance = n > 1 ? diffs.reduce((sum, d) => sum + (d.diff - mean) ** 2, 0) / (n - 1) : 0;
  const se = n > 1 ? Math.sqrt(variance / n) : 0;
  const wins = diffs.filter((d) => d.diff > TIE).length;
  const losses = diffs.filter((d) => d.diff < -TIE).length;
  const byDiff = [...diffs].sort((x, y) => y.diff - x.diff || (x.qid < y.qid ? -1 : 1));
  return {
    queries: n,
    wins,
    losses,
    ties: n - wins - losses,
    mean,
    se,
    t: se > 0 ? mean / se : 0,
    bestGains: byDiff.filter((d) => d.diff > TIE).slice(0, show),
    worstLosses: byDiff.filter((d) => d.diff < -TIE).reverse().slice(0, show),
  };
}

/** One line: "+0.0437 ± 0.0101 (t 4.33); 120 wins, 60 losses, 120 ties of 300". */
export function formatPaired(p: Paired): string {
  const sign = p.mean >= 0 ? '+' : '';
  return `${sign}${p.mean.toFixed(4)} ± ${p.se.toFixed(4)} (t ${p.t.toFixed(2)}); ${p.wins} wins, ${p.losses} losses, ${p.ties} ties of ${p.queries}`;
}
