/**
 * The running bot's index, taking in what an ingest stores without a restart or a rebuild: the
 * papers written to the store past a high-water mark (Store.ingestedPapersSince) are added as a
 * segment (core/search/segments.ts) beside the frozen index, and once the added papers pass
 * `mergeAt` the segments are merged into a new frozen index and the snapshot saved from it, so
 * the next start loads it. Every replica polls the mark (PAPERBOY_CORPUS_POLL_SECONDS); the one
 * that ran the ingest polls at once when it is done.
 *
 * All work runs one job at a time (a poll's add, a merge, its snapshot) and in slices with the
 * event loop given back between them (runInSlices), so requests are served throughout; a poll
 * that comes during a merge waits for it.
 */
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { Paper } from '../core/paper.js';
import type { SearchIndex } from '../core/search/search-index.js';
import { addPapersSteps, addSegmentSteps, freshPapersSteps, mergeAllSteps, segmentBuildOptions, segmentedIndex, segmentPapersSteps, type SegmentedIndex, type Work } from '../core/search/segments.js';
import { warmUpSteps } from '../core/search/warm-up.js';
import type { Store } from '../store/store.js';
import { runInSlices, SERVING_SLICE_MS } from './run-in-slices.js';
import type { IndexBuilder } from './index-builder.js';

/** Papers read from the store per query while polling. */
const POLL_PAGE = 1000;

/** Added papers that start a merge into the frozen index. */
export const DEFAULT_MERGE_AT = 2000;

export interface LiveCorpusOptions {
  /** The index the bot started with. */
  readonly index: SearchIndex;
  readonly store: Pick<Store, 'ingestedPapersSince'>;
  /** The mark read before the index's ingested papers were: papers written after it are picked up. */
  readonly mark: number;
  /** The store's ingested papers the index holds (what its snapshot's fingerprint covers). */
  readonly ingested: readonly Paper[];
  readonly logger: Logger;
  /** Added papers that start a merge (default DEFAULT_MERGE_AT). */
  readonly mergeAt?: number;
  /**
   * Builds new segments off the main thread (index-builder.ts); without one, or when it fails
   * (logged), a segment is built here in slices.
   */
  readonly indexBuilder?: IndexBuilder;
  /** Saves the merged index as the snapshot of the seed pages plus these ingested papers; a failure is logged. */
  readonly saveSnapshot?: (index: SearchIndex, ingested: readonly Paper[]) => Promise<void>;
}

export interface LiveCorpus {
  /** The index to search now (segments and all). */
  index(): SearchIndex;
  /** Papers added to the index since start (the ones merged since included). */
  readonly added: () => number;
  /** Reads the store past the mark and adds what it finds; resolves once those papers are searchable (with how many). */
  poll(): Promise<number>;
  /** Starts no more work and resolves once the work under way is done. */
  stop(): Promise<void>;
}

/** `work`, ended early with null once `stopped()` says so (checked between steps). */
function* untilStopped<T>(work: Work<T>, stopped: () => boolean): Work<T | null> {
  for (;;) {
    if (stopped()) return null;
    const r = work.next();
    if (r.done) return r.value;
    yield r.value;
  }
}

export function createLiveCorpus(options: LiveCorpusOptions): LiveCorpus {
  const logger = options.logger.child({ component: 'live-corpus' });
  const mergeAt = options.mergeAt ?? DEFAULT_MERGE_AT;
  let current: SegmentedIndex = segmentedIndex(options.index);
  let mark = options.mark;
  const ingested = new Map(options.ingested.map((paper) => [paper.id, paper]));
  let added = 0;
  let stopped = false;
  // One job at a time, in the order asked.
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job);
    queue = run.catch(() => undefined);
    return run;
  };

  // First of all, before any poll adds a segment: the searches that warm up the paths a search
  // over segments takes (warm-up.ts), in slices like the rest.
  void enqueue(async () => {
    const started = performance.now();
    try {
      const searches = await runInSlices(untilStopped(warmUpSteps(current.index), () => stopped), { sliceMs: SERVING_SLICE_MS });
      logger.debug({ searches, ms: Math.round(performance.now() - started) }, 'search paths warmed up');
    } catch (error) {
      logger.warn({ err: error }, 'could not warm the search paths up; searches are unaffected');
    }
  });

  const merge = async (): Promise<void> => {
    if (stopped || current.addedPapers < mergeAt) return;
    const started = performance.now();
    const before = current;
    const merged = await runInSlices(untilStopped(mergeAllSteps(before), () => stopped), { sliceMs: SERVING_SLICE_MS });
    // Stopping gives a merge up (the next start loads or builds the index as it finds it).
    if (merged === null) return;
    current = merged;
    logger.info({ papers: current.index.papers.length, merged: before.addedPapers, segments: before.segments.length, ms: Math.round(performance.now() - started) }, 'index segments merged');
    if (!options.saveSnapshot || stopped) return;
    try {
      await options.saveSnapshot(current.index, [...ingested.values()]);
      logger.info({ papers: current.index.papers.length }, 'index snapshot saved after the merge');
    } catch (error) {
      logger.warn({ err: error }, 'could not save the index snapshot after the merge; the next start rebuilds the index');
    }
  };

  /** `papers` added to `before`: built by the segment builder when there is one, then put in place in slices. */
  const addPage = async (before: SegmentedIndex, papers: readonly Paper[]): Promise<{ index: SegmentedIndex; builtIn: 'worker' | 'main thread' }> => {
    const builder = options.indexBuilder;
    if (builder) {
      const fresh = await runInSlices(freshPapersSteps(before, papers), { sliceMs: SERVING_SLICE_MS });
      if (fresh.length === 0) return { index: before, builtIn: 'worker' };
      try {
        const papersToBuild = await runInSlices(segmentPapersSteps(before, fresh), { sliceMs: SERVING_SLICE_MS });
        const built = await builder.segment(papersToBuild, before.segments[0]!.index.settings, segmentBuildOptions(before));
        return { index: await runInSlices(addSegmentSteps(before, fresh, built), { sliceMs: SERVING_SLICE_MS }), builtIn: 'worker' };
      } catch (error) {
        logger.warn({ err: error, papers: fresh.length }, 'could not build the new segment in the worker thread; building it on the main thread');
      }
    }
    return { index: await runInSlices(addPapersSteps(before, papers), { sliceMs: SERVING_SLICE_MS }), builtIn: 'main thread' };
  };

  const pollOnce = async (): Promise<number> => {
    let total = 0;
    while (!stopped) {
      const page = await options.store.ingestedPapersSince(mark, POLL_PAGE);
      if (page.papers.length === 0) {
        // Only seed listings past the mark (the store copy's writes): passed, never read again.
        mark = page.mark;
        if (!page.more) break;
        // A SQLite read resolves at once: without this the pages would run as one long task.
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      const before = current;
      const { index: next, builtIn } = await addPage(before, page.papers);
      current = next;
      const taken = current === before ? 0 : current.index.papers.length - before.index.papers.length;
      for (const paper of page.papers) ingested.set(paper.id, paper);
      mark = page.mark;
      total += page.papers.length;
      added += page.papers.length;
      logger.info({ read: page.papers.length, newPapers: taken, mark, segments: current.segments.length, builtIn }, 'ingested papers added to the index');
      if (!page.more) break;
    }
    return total;
  };

  // A poll asked for while one waits its turn is that one: a long merge does not pile polls up.
  let waiting: Promise<number> | null = null;
  return {
    index: () => current.index,
    added: () => added,
    poll: () =>
      (waiting ??= enqueue(async () => {
        waiting = null;
        if (stopped) return 0;
        const taken = await pollOnce();
        await merge();
        return taken;
      })),
    async stop() {
      stopped = true;
      await queue;
    },
  };
}
