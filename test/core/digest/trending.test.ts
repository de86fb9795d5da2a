import { describe, expect, it } from 'vitest';
import { daysSinceListed, DEFAULT_TRENDING_WEIGHTS, trendingScore } from '../../../src/core/digest/trending.js';

const NOW = new Date('2026-11-23T09:00:00Z');
const daysAgo = (days: number): Date => new Date(NOW.getTime() - days * 86_400_000);
const plain = { listedOn: null, sourceUpvotes: null };

describe('daysSinceListed (listing dates carry no year)', () => {
  it('reads a month/day as the most recent such date not after now', () => {
    expect(daysSinceListed({ month: 11, day: 23 }, NOW)).toBe(0);
    expect(daysSinceListed({ month: 11, day: 20 }, NOW)).toBe(3);
    // Mar 14 seen in November: this year's.
    expect(daysSinceListed({ month: 3, day: 14 }, NOW)).toBe(254);
    // Nov 24 is tomorrow, so it must be last year's.
    expect(daysSinceListed({ month: 11, day: 24 }, NOW)).toBe(364);
  });
  it('finds the last real Feb 29 and gives up on impossible dates', () => {
    expect(daysSinceListed({ month: 2, day: 29 }, NOW)).toBe(Math.round((Date.UTC(2026, 10, 23) - Date.UTC(2024, 1, 29)) / 86_400_000));
    expect(daysSinceListed({ month: 4, day: 31 }, NOW)).toBeNull();
  });
});

describe('trendingScore', () => {
  it('counts a fresh vote as 1 and halves it every half-life', () => {
    expect(trendingScore(plain, [NOW], NOW).votes).toBeCloseTo(1);
    expect(trendingScore(plain, [daysAgo(DEFAULT_TRENDING_WEIGHTS.voteHalfLifeDays)], NOW).votes).toBeCloseTo(0.5);
    expect(trendingScore(plain, [daysAgo(3), daysAgo(6)], NOW).votes).toBeCloseTo(0.75);
    expect(trendingScore(plain, [daysAgo(60)], NOW).votes).toBeLessThan(0.0001);
  });
  it('never lets a vote from the future count more than a fresh one', () => {
    expect(trendingScore(plain, [new Date(NOW.getTime() + 86_400_000)], NOW).votes).toBeCloseTo(1);
  });
  it('log-scales source upvotes, and ignores unknown ones', () => {
    const few = trendingScore({ ...plain, sourceUpvotes: 10 }, [], NOW).sourceUpvotes;
    const many = trendingScore({ ...plain, sourceUpvotes: 1000 }, [], NOW).sourceUpvotes;
    expect(few).toBeGreaterThan(0);
    expect(many).toBeGreaterThan(few);
    expect(many / few).toBeLessThan(3.5); // 100x the upvotes is not 100x the score
    expect(trendingScore(plain, [], NOW).sourceUpvotes).toBe(0);
  });
  it('prefers recently listed papers, and gives none to papers without a date', () => {
    const today = trendingScore({ ...plain, listedOn: { month: 11, day: 23 } }, [], NOW);
    const lastWeek = trendingScore({ ...plain, listedOn: { month: 11, day: 16 } }, [], NOW);
    expect(today.recency).toBeCloseTo(1);
    expect(lastWeek.recency).toBeCloseTo(0.5);
    expect(lastWeek.listedDaysAgo).toBe(7);
    expect(trendingScore(plain, [], NOW)).toMatchObject({ recency: 0, listedDaysAgo: null, total: 0 });
  });
  it('adds the parts', () => {
    const score = trendingScore({ listedOn: { month: 11, day: 23 }, sourceUpvotes: 20 }, [NOW, daysAgo(3)], NOW);
    expect(score.total).toBeCloseTo(score.votes + score.sourceUpvotes + score.recency);
    expect(score.voteCount).toBe(2);
  });
});
