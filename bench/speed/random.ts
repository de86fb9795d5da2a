/**
 * Deterministic randomness for the speed bench: a seeded PRNG (mulberry32) and the samplers the
 * corpus and query generators need. Never Math.random, so a seed always gives the same corpus.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
  };
}

/** Samples indexes 0..n-1 with probability proportional to weights, by binary search on the CDF. */
export class WeightedSampler {
  private readonly cdf: Float64Array;

  constructor(weights: ArrayLike<number>) {
    this.cdf = new Float64Array(weights.length);
    let sum = 0;
    for (let i = 0; i < weights.length; i++) {
      sum += weights[i]!;
      this.cdf[i] = sum;
    }
    if (!(sum > 0)) throw new Error('WeightedSampler needs a positive total weight');
  }

  get size(): number {
    return this.cdf.length;
  }

  /** An index for a uniform draw u in [0, 1). */
  at(u: number): number {
    const target = u * this.cdf[this.cdf.length - 1]!;
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cdf[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  sample(rng: Rng): number {
    return this.at(rng.next());
  }
}

/** Zipf–Mandelbrot weights 1 / (rank + q)^s for ranks 1..n. */
export function zipfWeights(n: number, s: number, q: number): Float64Array {
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) weights[i] = 1 / Math.pow(i + 1 + q, s);
  return weights;
}
