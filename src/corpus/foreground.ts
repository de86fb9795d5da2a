/**
 * A flag the main thread raises while it answers a search, shared with the index build worker
 * (index-build-worker.ts), which waits between two steps of a build while it is up: the build
 * then never runs beside a search on a small machine's other core. Its lower priority
 * (thread-priority.ts) keeps it off the main thread's core, not off the memory and caches the
 * two cores share.
 *
 * A count, not a bit, so that work run inside other work keeps the flag up until the outer one
 * is done. The worker waits at most `maxWaitMs` at a time, so a main thread that is never idle
 * slows a build down without stopping it.
 */

/** Runs a search's synchronous work: with the foreground flag up, or as it is (`inline`). */
export type RunSearch = <T>(work: () => T) => T;

/** No flag: tests, the CLI, a bot without a build worker. */
export const inline: RunSearch = (work) => work();

/** Shared state: one Int32 (how many runs are under way). */
export interface Foreground {
  /** Handed to the worker (workerData), which waits on it (waitForBackground). */
  readonly buffer: SharedArrayBuffer;
  /** Runs `work` with the flag up (synchronous work only: an await inside would keep it up meanwhile). */
  readonly run: RunSearch;
}

export function createForeground(): Foreground {
  const buffer = new SharedArrayBuffer(4);
  const count = new Int32Array(buffer);
  return {
    buffer,
    run: (work) => {
      Atomics.add(count, 0, 1);
      try {
        return work();
      } finally {
        if (Atomics.sub(count, 0, 1) === 1) Atomics.notify(count, 0);
      }
    },
  };
}

/**
 * In the worker: returns once no foreground run is under way, or after `maxWaitMs`; how long it
 * waited, in ms.
 */
export function waitForBackground(buffer: SharedArrayBuffer, maxWaitMs: number): number {
  const count = new Int32Array(buffer);
  const started = performance.now();
  for (;;) {
    const current = Atomics.load(count, 0);
    const waited = performance.now() - started;
    if (current === 0 || waited >= maxWaitMs) return waited;
    Atomics.wait(count, 0, current, maxWaitMs - waited);
  }
}
