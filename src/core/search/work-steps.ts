/**
 * Long work as a generator that yields between bounded steps, so the shell can run it in slices
 * with requests served in between (the core has no clock and no event loop of its own): the
 * index build without a snapshot is ~1 min at 100,000 papers, and no request may wait 50 ms.
 * Run synchronously, it is one call to runSteps.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step at once and returns the result. */
export function runSteps<T>(steps: Generator<unknown, T, void>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Yields every `every` calls of the returned function, to put in a loop: `if (tick()) yield;`. */
export function ticker(every: number): () => boolean {
  let n = 0;
  return () => {
    if (++n < every) return false;
    n = 0;
    return true;
  };
}
