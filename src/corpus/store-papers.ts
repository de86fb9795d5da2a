/**
 * Copies the served corpus into the store, after the bot is listening. In slices, each on its
 * own turn of the event loop: at 100,000 papers, parsing every paper from the snapshot and
 * writing them all (better-sqlite3 is synchronous) takes seconds, and a Slack request arriving
 * meanwhile must wait for one slice at most, not for all of them.
 */
import type { SearchIndex } from '../core/search/search-index.js';
import type { Paper } from '../core/paper.js';
import type { Store } from '../store/store.js';

// ~25-50 ms a slice at 100,000 papers on a busy 2-core machine (parse, stringify, insert): what a
// request arriving meanwhile may wait. 1,000 made it wait ~0.1 s.
const SLICE = 250;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Resolves with how many papers were stored; stops early (returning fewer) once `stopped()` says so. */
export async function storePapers(index: SearchIndex, store: Pick<Store, 'upsertPapers'>, stopped: () => boolean = () => false): Promise<number> {
  const { papers } = index;
  let stored = 0;
  for (let i = 0; i < papers.length && !stopped(); i += SLICE) {
    await nextTurn();
    const slice: Paper[] = [];
    for (let at = i; at < Math.min(i + SLICE, papers.length); at++) slice.push(papers.at(at));
    await store.upsertPapers(slice);
    stored += slice.length;
  }
  return stored;
}
