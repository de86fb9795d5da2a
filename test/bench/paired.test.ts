/**
 * The bench's paired statistics against hand-computed figures.
 */
import { describe, expect, it } from 'vitest';
import { formatPaired, pairedDifference } from '../../bench/quality/paired.js';

describe('pairedDifference', () => {
  it('counts wins, losses and ties and gives the mean difference with its standard error', () => {
    // Differences 0.5, -0.25, 0, 0.25: mean 0.125; sample variance (0.140625 + 0.140625 + 0.015625 + 0.015625) / 3 = 0.104167;
    // SE sqrt(0.104167 / 4) = 0.161374; t = 0.774597.
    const a = new Map([['q1', 1], ['q2', 0.25], ['q3', 0.5], ['q4', 0.75]]);
    const b = new Map([['q1', 0.5], ['q2', 0.5], ['q3', 0.5], ['q4', 0.5]]);
    const p = pairedDifference(a, b);
    expect([p.queries, p.wins, p.losses, p.ties]).toEqual([4, 2, 1, 1]);
    expect(p.mean).toBeCloseTo(0.125, 12);
    expect(p.se).toBeCloseTo(0.1613743, 6);
    expect(p.t).toBeCloseTo(0.7745967, 6);
    expect(p.bestGains).toEqual([{ qid: 'q1', diff: 0.5 }, { qid: 'q4', diff: 0.25 }]);
    expect(p.worstLosses).toEqual([{ qid: 'q2', diff: -0.25 }]);
    expect(formatPaired(p)).toBe('+0.1250 ± 0.1614 (t 0.77); 2 wins, 1 losses, 1 ties of 4');
  });

  it('a query missing from the other system counts 0 there; one query has no standard error', () => {
    const p = pairedDifference(new Map([['q', 0.6]]), new Map());
    expect([p.mean, p.se, p.t, p.wins]).toEqual([0.6, 0, 0, 1]);
  });
});
