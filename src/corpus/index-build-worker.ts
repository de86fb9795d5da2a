/**
 * The worker thread that builds indexes for the running bot (index-builder.ts), so neither the
 * CPU of a build nor the garbage of MiniSearch's (a ~1 GB heap at 100,000 papers, whose GC pauses
 * held the event loop 100-600 ms when a build ran in slices on the main thread) lands on it:
 *
 * - a segment: papers in, the index built over them and serialized out;
 * - the whole index, when there is no usable snapshot: papers sent in chunks, the build's
 *   progress reported, the snapshot file written here, and the index handed back as its
 *   serialized parts, the long string lists in chunks and the bytes transferred, not copied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Paper } from '../core/paper.js';
import { buildSearchIndexSteps, indexJsonPieces, serializeIndex } from '../core/search/search-index.js';
import type { SearchSettings } from '../core/search/search-settings.js';
import type { BuildOptions } from '../core/search/build-index.js';
import { writeSnapshotFile, type CorpusFacts } from './snapshot.js';
import { waitForBackground } from './foreground.js';
import { lowerThisThread } from './thread-priority.js';

export type BuildRequest =
  /** A segment of the papers sent in the 'papers' messages of the same id before it. */
  | { readonly kind: 'segment'; readonly id: number; readonly settings: SearchSettings; readonly options: BuildOptions }
  | { readonly kind: 'papers'; readonly id: number; readonly papers: readonly Paper[] }
  | { readonly kind: 'index'; readonly id: number; readonly settings: SearchSettings; readonly snapshot: { readonly path: string; readonly corpus: CorpusFacts } | null }
  /** The main thread took the last piece of a whole index and wants the next. */
  | { readonly kind: 'more'; readonly id: number };

export type BuildReply =
  | { readonly kind: 'progress'; readonly id: number; readonly progress: number }
  | { readonly kind: 'chunk'; readonly id: number; readonly list: string; readonly items: readonly string[] }
  | { readonly kind: 'index'; readonly id: number; readonly head: unknown; readonly arrays: Uint8Array; readonly papers: Uint8Array; readonly snapshotError: string | null }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string };

/** Strings per chunk of a list handed back: ~2 ms to copy in on the main thread. */
const CHUNK = 20_000;

/** Strings per chunk of a segment's lists, handed back while the bot serves (~0.3 ms to copy in). */
const SEGMENT_CHUNK = 3_000;

/** What the builder gives a worker when it starts it. */
export interface BuildWorkerData {
  /** The main thread's foreground flag (foreground.ts): builds wait between steps while it is up. */
  readonly foreground: SharedArrayBuffer | null;
}

/**
 * The longest a build waits at a time for the main thread's search to end: well above a search
 * (1-20 ms), so a build never runs beside one; bounded, so a main thread that is never idle
 * slows builds down without stopping them.
 */
const MAX_WAIT_MS = 100;

const port = parentPort;
if (port) {
  const foreground = (workerData as BuildWorkerData | null)?.foreground ?? null;
  /** Runs a build's steps, each after any search of the main thread under way is done. */
  const runBuild = <T>(steps: Generator<number, T, void>, onProgress: (progress: number) => void = () => undefined): T => {
    for (;;) {
      if (foreground) waitForBackground(foreground, MAX_WAIT_MS);
      const r = steps.next();
      if (r.done) return r.value;
      onProgress(r.value);
    }
  };
  // Builds use the CPU the bot's main thread leaves (thread-priority.ts).
  lowerThisThread();
  /** Papers sent for a build (a segment or the whole index), by request id. */
  const collected = new Map<number, Paper[]>();
  /**
   * The pieces of a built index not sent yet, by request id: one at a time, the next when the
   * main thread asks for it, because a port delivers what has queued up in one go, and ~45
   * chunks of strings copied in at once would hold the main thread ~100 ms.
   */
  const outbox = new Map<number, { reply: BuildReply; transfer: ArrayBuffer[] }[]>();
  const sendNext = (id: number): void => {
    const queue = outbox.get(id);
    const next = queue?.shift();
    if (!next) return;
    if (queue!.length === 0) outbox.delete(id);
    send(next.reply, next.transfer);
  };
  const send = (reply: BuildReply, transfer: ArrayBuffer[] = []): void => port.postMessage(reply, transfer);

  const buildIndex = async (request: Extract<BuildRequest, { kind: 'index' }>): Promise<void> => {
    const papers = collected.get(request.id) ?? [];
    collected.delete(request.id);
    let reported = -1;
    const index = runBuild(buildSearchIndexSteps(papers, request.settings), (progress) => {
      if (progress - reported < 0.01) return;
      reported = progress;
      send({ kind: 'progress', id: request.id, progress });
    });
    const serialized = serializeIndex(index);
    let snapshotError: string | null = null;
    if (request.snapshot) {
      try {
        await writeSnapshotFile(request.snapshot.path, request.snapshot.corpus, index.fingerprint, serialized);
      } catch (error) {
        snapshotError = (error as Error).message;
      }
    }
    handOver(request.id, serialized, CHUNK, snapshotError);
  };

  /**
   * A built index handed back: the long string lists in chunks of `chunk`, one at a time as the
   * main thread asks, then the rest with the bytes transferred. Never the JSON as one string:
   * parsing it in one go held the main thread 20-50 ms for a segment of 1,000 papers.
   */
  const handOver = (id: number, serialized: ReturnType<typeof serializeIndex>, chunk: number, snapshotError: string | null): void => {
    const { head, chunks } = indexJsonPieces(serialized.json, chunk);
    const paperBytes = new TextEncoder().encode(serialized.papers);
    const queue: { reply: BuildReply; transfer: ArrayBuffer[] }[] = chunks.map(({ list, items }) => ({ reply: { kind: 'chunk', id, list, items }, transfer: [] }));
    queue.push({ reply: { kind: 'index', id, head, arrays: serialized.arrays, papers: paperBytes, snapshotError }, transfer: [serialized.arrays.buffer as ArrayBuffer, paperBytes.buffer as ArrayBuffer] });
    outbox.set(id, queue);
    sendNext(id);
  };

  port.on('message', (request: BuildRequest) => {
    const failed = (error: unknown): void => send({ kind: 'failed', id: request.id, message: (error as Error).message });
    try {
      if (request.kind === 'more') sendNext(request.id);
      else if (request.kind === 'papers') {
        const into = collected.get(request.id) ?? [];
        for (const paper of request.papers) into.push(paper);
        collected.set(request.id, into);
      } else if (request.kind === 'segment') {
        const papers = collected.get(request.id) ?? [];
        collected.delete(request.id);
        handOver(request.id, serializeIndex(runBuild(buildSearchIndexSteps(papers, request.settings, request.options))), SEGMENT_CHUNK, null);
      } else {
        buildIndex(request).catch(failed);
      }
    } catch (error) {
      failed(error);
    }
  });
}
