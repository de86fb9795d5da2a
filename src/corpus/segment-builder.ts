/**
 * Builds the running bot's new segments (core/search/segments.ts) in a worker thread
 * (segment-build-worker.ts), so adding papers costs the main thread only loading the built
 * segment and putting it beside the others: measured at 100,000 papers, building a batch of 110
 * papers took ~40 ms of the ~50 ms a batch cost on the main thread.
 *
 * One worker, started on first use, one build at a time (the live corpus asks for one at a
 * time). A worker that fails or exits rejects what it was building and is started afresh on the
 * next build; the caller can build on the main thread instead.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Paper } from '../core/paper.js';
import { loadSearchIndex, type SearchIndex } from '../core/search/search-index.js';
import type { SearchSettings } from '../core/search/search-settings.js';
import type { BuildReply, BuildRequest } from './segment-build-worker.js';

export interface SegmentBuilder {
  /** The index of `papers` (in their order), built with `settings`; its papers stay bytes until read. */
  build(papers: readonly Paper[], settings: SearchSettings): Promise<SearchIndex>;
  /** Ends the worker; builds under way are rejected. */
  close(): Promise<void>;
}

/**
 * The worker's module beside this one: the TypeScript source under tsx (development and tests,
 * which load it through tsx's loader), or the bundle's own file (bin/build.js builds both).
 */
/** The ES module of tsx's API (its package's own export map: require.resolve would give the CommonJS one). */
function tsxEsmApi(from: string): string {
  const packageJson = createRequire(from).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(packageJson, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return join(dirname(packageJson), exports['./esm/api']!.import.default);
}

function startWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./segment-build-worker.mjs', here));
  // A worker's entry is loaded before any --import hook applies to it: register tsx, then import.
  const tsx = pathToFileURL(tsxEsmApi(here)).href;
  const entry = new URL('./segment-build-worker.ts', here).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
}

export function createSegmentBuilder(): SegmentBuilder {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (reply: BuildReply) => void; reject: (error: Error) => void }>();

  const failAll = (error: Error): void => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  const start = (): Worker => {
    if (worker) return worker;
    const started = startWorker();
    // The bot's exit never waits for an idle worker.
    started.unref();
    started.on('message', (reply: BuildReply) => {
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      waiting?.resolve(reply);
    });
    started.on('error', (error) => {
      if (worker === started) worker = null;
      failAll(new Error(`the segment build worker failed: ${error.message}`));
    });
    started.on('exit', (code) => {
      if (worker === started) worker = null;
      failAll(new Error(`the segment build worker exited (code ${code})`));
    });
    worker = started;
    return started;
  };

  return {
    async build(papers, settings) {
      const id = nextId++;
      const running = start();
      const reply = await new Promise<BuildReply>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        const request: BuildRequest = { id, papers, settings };
        try {
          running.postMessage(request);
        } catch (error) {
          pending.delete(id);
          reject(error as Error);
        }
      });
      if (!reply.ok) throw new Error(`the segment build worker could not build the segment: ${reply.message}`);
      // The settings object itself, not the worker's copy: rankers are kept per settings object.
      return loadSearchIndex({ json: reply.json, arrays: reply.arrays, papers: reply.papers }, settings);
    },
    async close() {
      const running = worker;
      worker = null;
      if (running) await running.terminate();
      failAll(new Error('the segment builder was closed'));
    },
  };
}
