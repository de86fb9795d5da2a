/**
 * Runs step-wise work (work-steps.ts) in slices of about `sliceMs`, giving the event loop back
 * between slices (setImmediate: pending I/O and timers run first), so a long build never holds
 * a request up for more than a slice and a step.
 */
import { performance } from 'node:perf_hooks';

/**
 * The slice for work done while the bot serves (papers added, a merge, an index taken in from
 * the worker thread): a request arriving meanwhile waits this long at most, and a step. Short,
 * because a query due while papers are added waits behind a slice: at 100,000 papers with 8 ms
 * slices, searches while adding took p99 29.5 ms from when they were due (bench:ingest); the work
 * itself costs the same, in more turns of the event loop.
 */
export const SERVING_SLICE_MS = 3;

export interface SliceOptions {
  /** Time to work before giving the event loop back (default 15 ms). */
  readonly sliceMs?: number;
  /** Called after each slice with the last progress the work yielded (0..1), if it yields numbers. */
  readonly onProgress?: (progress: number) => void;
}

export async function runInSlices<T>(steps: Generator<number | void, T, void>, options: SliceOptions = {}): Promise<T> {
  const sliceMs = options.sliceMs ?? 15;
  for (;;) {
    const until = performance.now() + sliceMs;
    let progress: number | void = undefined;
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
      progress = r.value;
      if (performance.now() >= until) break;
    }
    if (typeof progress === 'number') options.onProgress?.(progress);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
