/**
 * Builds indexes for the running bot in a worker thread (index-build-worker.ts), so the main
 * thread only loads what was built, in bounded steps, and serves meanwhile:
 *
 * - new segments (core/search/segments.ts): at 100,000 papers, building a batch of 110 papers
 *   was ~40 ms of the ~50 ms a batch cost the main thread;
 * - the whole index when there is no usable snapshot: built in slices on the main thread, its
 *   GC pauses alone held the event loop 100-600 ms at times; here the main thread sends the
 *   papers in chunks, reports the worker's progress, and loads the result in steps.
 *
 * One worker, started on first use. A worker that fails or exits rejects what it was building
 * and is started afresh on the next build; the callers build on the main thread instead.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Paper } from '../core/paper.js';
import { joinIndexJsonSteps, loadParsedIndexSteps, type SearchIndex } from '../core/search/search-index.js';
import type { BuildOptions } from '../core/search/build-index.js';
import type { SearchSettings } from '../core/search/search-settings.js';
import type { Foreground } from './foreground.js';
import type { BuildReply, BuildRequest, BuildWorkerData } from './index-build-worker.js';
import { runInSlices, SERVING_SLICE_MS } from './run-in-slices.js';
import type { CorpusFacts } from './snapshot.js';

export interface WholeIndexOptions {
  /** Told how far the build is (0..1). */
  readonly onProgress?: (progress: number) => void;
  /** Where the worker saves the index's snapshot, and of what corpus; none: not saved. */
  readonly snapshot?: { readonly path: string; readonly corpus: CorpusFacts };
}

export interface IndexBuilder {
  /** The index of `papers` (in their order), built with `settings` (and `options`: segmentBuildOptions); its papers stay bytes until read. */
  segment(papers: readonly Paper[], settings: SearchSettings, options?: BuildOptions): Promise<SearchIndex>;
  /**
   * The whole index of `papers`, built in the worker, the snapshot saved there when asked (a
   * failure to save comes back as `snapshotError`, the index all the same), loaded here in slices.
   */
  index(papers: readonly Paper[], settings: SearchSettings, options?: WholeIndexOptions): Promise<{ index: SearchIndex; snapshotError: string | null; transferredBytes: number }>;
  /** Ends the worker; builds under way are rejected. */
  close(): Promise<void>;
}

/** Papers per message sent for a whole-index build: each is copied in one go (~2 ms). */
const PAPERS_PER_MESSAGE = 1000;

/** Papers per message sent for a segment, while the bot serves: copied in one go (~0.5 ms at 200). */
const PAPERS_PER_SEGMENT_MESSAGE = 200;

/** The ES module of tsx's API (its package's own export map: require.resolve would give the CommonJS one). */
function tsxEsmApi(from: string): string {
  const packageJson = createRequire(from).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(packageJson, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return join(dirname(packageJson), exports['./esm/api']!.import.default);
}

/**
 * The worker's module beside this one: the bundle's own file (bin/build.js writes it beside
 * dist/main.mjs), or the TypeScript source under tsx (development and tests).
 */
function startWorker(data: BuildWorkerData): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./index-build-worker.mjs', here), { workerData: data });
  // A worker's entry is loaded before any --import hook applies to it: register tsx, then import.
  const tsx = pathToFileURL(tsxEsmApi(here)).href;
  const entry = new URL('./index-build-worker.ts', here).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`, { eval: true, workerData: data });
}

/** What a build under way is rejected with when the builder is closed: the caller should not build again. */
export class BuilderClosedError extends Error {
  constructor() {
    super('the index builder was closed');
    this.name = 'BuilderClosedError';
  }
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface IndexBuilderOptions {
  /** The main thread's foreground flag: the worker's builds wait between steps while it is up (foreground.ts). */
  readonly foreground?: Foreground;
}

export function createIndexBuilder(options: IndexBuilderOptions = {}): IndexBuilder {
  let worker: Worker | null = null;
  let nextId = 1;
  /** Per request under way: what to do with each of its replies, and how to fail it. */
  const pending = new Map<number, { reply: (reply: BuildReply) => void; reject: (error: Error) => void }>();

  const failAll = (error: Error): void => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  const start = (): Worker => {
    if (worker) return worker;
    const started = startWorker({ foreground: options.foreground?.buffer ?? null });
    // The bot's exit never waits for an idle worker.
    started.unref();
    started.on('message', (reply: BuildReply) => pending.get(reply.id)?.reply(reply));
    started.on('error', (error) => {
      if (worker === started) worker = null;
      failAll(new Error(`the index build worker failed: ${error.message}`));
    });
    started.on('exit', (code) => {
      if (worker !== started) return failAll(new BuilderClosedError());
      worker = null;
      failAll(new Error(`the index build worker exited (code ${code})`));
    });
    worker = started;
    return started;
  };

  /** Ends the worker between builds (nothing pending): the next build starts a new one. */
  const retire = (): void => {
    if (pending.size > 0) return;
    const running = worker;
    worker = null;
    running?.terminate().catch(() => undefined);
  };

  /** Runs one request: `onReply` sees each reply until it returns a value, which resolves the request. */
  const request = <T>(send: (worker: Worker, id: number) => Promise<void> | void, onReply: (reply: BuildReply, worker: Worker) => T | undefined): Promise<T> => {
    const id = nextId++;
    const running = start();
    return new Promise<T>((resolve, reject) => {
      const done = (error: Error | null, value?: T): void => {
        pending.delete(id);
        if (error) reject(error);
        else resolve(value as T);
      };
      pending.set(id, {
        reply: (reply) => {
          if (reply.kind === 'failed') return done(new Error(`the index build worker could not build the index: ${reply.message}`));
          try {
            const value = onReply(reply, running);
            if (value !== undefined) done(null, value);
          } catch (error) {
            done(error as Error);
          }
        },
        reject: (error) => done(error),
      });
      Promise.resolve()
        .then(() => send(running, id))
        .catch((error: unknown) => done(error as Error));
    });
  };

  /** Sends `papers` in messages of `perMessage`, a turn of the event loop apart, then `last`. */
  const sendPapers = async (w: Worker, id: number, papers: readonly Paper[], perMessage: number, last: BuildRequest): Promise<void> => {
    for (let i = 0; i < papers.length; i += perMessage) {
      w.postMessage({ kind: 'papers', id, papers: papers.slice(i, i + perMessage) } satisfies BuildRequest);
      await nextTurn();
    }
    w.postMessage(last);
  };

  /**
   * One build: its papers sent, progress reported, the string lists taken in a chunk a turn, and
   * the index loaded in slices (with the settings object itself, not the worker's copy: rankers
   * are kept per settings object).
   */
  const build = async (send: (w: Worker, id: number) => Promise<void>, settings: SearchSettings, options: { onProgress?: ((progress: number) => void) | undefined; retireAfter?: boolean } = {}): Promise<{ index: SearchIndex; snapshotError: string | null; transferredBytes: number }> => {
    const { onProgress } = options;
    const chunks: { list: 'ids' | 'words' | 'phraseTokens' | 'terms'; items: readonly string[] }[] = [];
    const reply = await request(send, (r, w) => {
      if (r.kind === 'progress') onProgress?.(r.progress);
      else if (r.kind === 'chunk') {
        chunks.push({ list: r.list as (typeof chunks)[number]['list'], items: r.items });
        // The next piece in a later turn of the event loop, so requests get in between.
        setImmediate(() => w.postMessage({ kind: 'more', id: r.id } satisfies BuildRequest));
      } else if (r.kind === 'index') return r;
      return undefined;
    });
    // A whole build leaves the worker holding a heap of ~1 GB at 100,000 papers until its next
    // GC, and the process's memory with it: it is ended, and the next build starts a new one.
    if (options.retireAfter) retire();
    const json = await runInSlices(joinIndexJsonSteps({ head: reply.head, chunks }), { sliceMs: SERVING_SLICE_MS });
    const index = await runInSlices(loadParsedIndexSteps({ json, arrays: reply.arrays, papers: reply.papers }, settings), { sliceMs: SERVING_SLICE_MS });
    // Transferred buffers are counted in no isolate's process.memoryUsage().arrayBuffers.
    return { index, snapshotError: reply.snapshotError, transferredBytes: reply.arrays.byteLength + reply.papers.byteLength };
  };

  return {
    async segment(papers, settings, options = {}) {
      const { index } = await build((w, id) => sendPapers(w, id, papers, PAPERS_PER_SEGMENT_MESSAGE, { kind: 'segment', id, settings, options }), settings);
      return index;
    },
    async index(papers, settings, options = {}) {
      return build((w, id) => sendPapers(w, id, papers, PAPERS_PER_MESSAGE, { kind: 'index', id, settings, snapshot: options.snapshot ?? null }), settings, { onProgress: options.onProgress, retireAfter: true });
    },
    async close() {
      const running = worker;
      worker = null;
      if (running) await running.terminate();
      failAll(new BuilderClosedError());
    },
  };
}
