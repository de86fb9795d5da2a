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

/** Items sorted or merged between two yields of sortSteps (well under 1 ms of work). */
const SORT_ITEMS_PER_STEP = 2_000;

/**
 * `items` sorted by `compare` (stable), yielding between bounded steps: a bottom-up merge sort
 * over runs the engine sorts itself. One Array.prototype.sort of ~240,000 terms holds the event
 * loop for ~150 ms; this never does more than a few thousand comparisons between yields.
 */
export function* sortSteps<T>(items: readonly T[], compare: (a: T, b: T) => number): Steps<T[]> {
  const n = items.length;
  let from: T[] = [];
  for (let start = 0; start < n; start += SORT_ITEMS_PER_STEP) {
    from.push(...items.slice(start, start + SORT_ITEMS_PER_STEP).sort(compare));
    yield;
  }
  let to: T[] = new Array<T>(n);
  for (let width = SORT_ITEMS_PER_STEP; width < n; width *= 2) {
    let done = 0;
    for (let left = 0; left < n; left += 2 * width) {
      const mid = Math.min(left + width, n);
      const end = Math.min(left + 2 * width, n);
      let i = left;
      let j = mid;
      for (let k = left; k < end; k++) {
        to[k] = i < mid && (j >= end || compare(from[i]!, from[j]!) <= 0) ? from[i++]! : from[j++]!;
        if (++done % SORT_ITEMS_PER_STEP === 0) yield;
      }
    }
    [from, to] = [to, from];
  }
  return from;
}

/**
 * `text` as a string of its own. A word cut out of a paper's text by a regular expression (or a
 * stem cut from the word) is, in V8, a slice that keeps the whole text it came from alive; a
 * radix tree's key is a concatenation of its edges. Kept for the index's life, such strings held
 * every paper's folded text of a 100k-paper build (~80 MB). Shorter strings than 13 code units are
 * always copied by V8, so only longer ones are rebuilt.
 */
export function ownString(text: string): string {
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}
