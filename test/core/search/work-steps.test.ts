import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSteps, sortSteps } from '../../../src/core/search/work-steps.js';

describe('sortSteps', () => {
  it('sorts as a stable Array.prototype.sort does, across run and merge boundaries', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.nat()), { maxLength: 9_000 }), (items) => {
        const compare = (a: [number, number], b: [number, number]): number => a[0] - b[0];
        expect(runSteps(sortSteps(items, compare))).toEqual([...items].sort(compare));
      }),
      { numRuns: 40 },
    );
  });

  it('yields every few thousand items, so no step holds the event loop long', () => {
    const items = Array.from({ length: 50_000 }, (_, i) => (i * 7919) % 50_000);
    const steps = sortSteps(items, (a, b) => a - b);
    let yields = 0;
    let r = steps.next();
    while (!r.done) {
      yields++;
      r = steps.next();
    }
    expect(r.value).toEqual([...items].sort((a, b) => a - b));
    // 25 runs of 2,000 sorted, then 5 merge passes of 50,000 items, one yield per 2,000.
    expect(yields).toBeGreaterThanOrEqual(25 + 5 * 25 - 5);
  });
});
