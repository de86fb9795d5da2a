/**
 * One engine, measured in its own process (spawned by bench/speed/run.ts with --expose-gc):
 *   node --expose-gc --import tsx bench/speed/worker.ts --engine NAME --papers FILE --queries FILE --out FILE [--rounds N] [--bot-snapshot FILE --bot-pages DIR]
 *
 * Heap figures are process.memoryUsage() heapUsed + arrayBuffers (typed arrays live outside the
 * V8 heap) after two global.gc() calls, minus the same
 * reading taken after imports and before the corpus is read. "corpus" is the parsed Paper[]
 * alone; "after build" is corpus + index (the papers stay referenced, as the bot keeps them);
 * "index" is the difference.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Paper } from '../../src/core/paper.js';
import type { SerializedBytes } from '../../src/core/search/search-index.js';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createEngine, type EngineName, type QueryAnswer } from './engines.js';
import { QUERY_KINDS, type BenchQueries, type QueryKind } from './queries.js';
import { summarize, type LatencySummary } from './stats.js';

/** Latency of one query set: the first pass over queries never seen before (cold), then the repeats (warm). */
export interface SetResult {
  readonly cold: LatencySummary;
  readonly warm: LatencySummary;
  readonly meanShown: number;
  readonly meanTotal: number | null;
  readonly noResults: number;
  /** Top-10 paper ids per query (an untimed pass), for the overlap between engines. */
  readonly top10: readonly (readonly string[])[];
}

export interface SoakResult {
  readonly queries: number;
  readonly wallMs: number;
  /** heapUsed + arrayBuffers after every paper was parsed and the soak ran, after two gc(). */
  readonly heapAfterSoakMB: number;
  readonly rssAfterSoakMB: number;
  readonly query: LatencySummary;
  /**
   * process.cpuUsage() per query (user + system of the whole process, so GC threads count too):
   * on a shared machine a query's wall time includes time the process was not running at all.
   */
  readonly queryCpu: LatencySummary;
  /** perf_hooks monitorEventLoopDelay over the soak (each query in its own macrotask). */
  readonly eventLoopDelay: LoopDelay;
  readonly partialAnswers: number;
}

export interface WorkerResult {
  readonly engine: EngineName;
  readonly description: string;
  readonly papers: number;
  readonly buildMs: number;
  /** Max event-loop delay while the index was built (paperboy builds in slices). */
  readonly buildEventLoopDelayMaxMs: number;
  readonly heap: { readonly baselineMB: number; readonly corpusMB: number; readonly afterBuildMB: number; readonly indexMB: number; readonly builtAloneMB: number; readonly rssAfterBuildMB: number };
  readonly snapshot: { readonly bytes: number; readonly exportMs: number; readonly loadMs: number } | { readonly unavailable: string };
  readonly sets: Partial<Record<QueryKind, SetResult>>;
  readonly warmupMs: number;
  readonly soak: SoakResult | null;
}

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run the worker with node --expose-gc');

function heapMB(): number {
  gc!();
  gc!();
  // Typed arrays keep their bytes outside the V8 heap: count them, or an index made of typed
  // arrays would look smaller than it is.
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 1048576;
}

function time<T>(fn: () => T): [T, number] {
  const start = process.hrtime.bigint();
  const value = fn();
  return [value, Number(process.hrtime.bigint() - start) / 1e6];
}

function runSet(queries: readonly string[], ask: (q: string, limit?: number) => QueryAnswer, rounds: number): SetResult {
  const cold: number[] = [];
  const warm: number[] = [];
  let shown = 0;
  let total = 0;
  let totalKnown = true;
  let noResults = 0;
  for (let round = 0; round <= rounds; round++) {
    for (const query of queries) {
      const start = process.hrtime.bigint();
      const answer = ask(query);
      (round === 0 ? cold : warm).push(Number(process.hrtime.bigint() - start) / 1e6);
      if (round === 0) {
        shown += answer.shown;
        if (answer.shown === 0) noResults++;
        if (answer.total === null) totalKnown = false;
        else total += answer.total;
      }
    }
  }
  const top10 = queries.map((q) => ask(q, 10).ids);
  return { cold: summarize(cold), warm: summarize(warm), meanShown: shown / queries.length, meanTotal: totalKnown ? total / queries.length : null, noResults, top10 };
}

/**
 * In its own function so the file text (two-byte if a single character is outside Latin-1, so
 * twice the file size) is unreachable once this returns: read in main(), the interpreter kept it
 * alive and the corpus figure wrongly included it.
 */
function loadPapers(path: string): Paper[] {
  return JSON.parse(readFileSync(path, 'utf8')) as Paper[];
}

/**
 * Saves the built index as the bot's snapshot of the seed pages in `pagesDir` (through
 * src/corpus/snapshot.ts), so the start-up measurement need not build it a second time.
 */
async function writeBotSnapshot(path: string, pagesDir: string, serialized: SerializedBytes): Promise<void> {
  const { seedCorpusSource } = await import('../../src/corpus/load-seeds.js');
  const { writeSnapshotFile } = await import('../../src/corpus/snapshot.js');
  const { settingsFingerprint, DEFAULT_SEARCH_SETTINGS } = await import('../../src/core/search/search-settings.js');
  const { corpus, pages } = (await seedCorpusSource(pagesDir)).load();
  await writeSnapshotFile(path, { fingerprint: pages.fingerprint, entryCount: corpus.entryCount, problems: corpus.problems }, settingsFingerprint(DEFAULT_SEARCH_SETTINGS), serialized);
}

interface LoopDelay {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** The event-loop delay (ms, perf_hooks monitorEventLoopDelay at 1 ms resolution) while `work` runs. */
async function withLoopMonitor<T>(work: () => T | Promise<T>): Promise<[T, LoopDelay]> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const value = await work();
  h.disable();
  return [value, { p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6, max: h.max / 1e6 }];
}

async function main(): Promise<void> {
  const name = flag('engine') as EngineName;
  const papersPath = flag('papers')!;
  const queriesPath = flag('queries')!;
  const out = flag('out')!;
  const rounds = Number(flag('rounds') ?? 3);
  const engine = createEngine(name);
  const queries = JSON.parse(readFileSync(queriesPath, 'utf8')) as BenchQueries;

  const baseline = heapMB();
  let papers: Paper[] | null = loadPapers(papersPath);
  const paperCount = papers.length;
  const corpus = heapMB() - baseline;

  const started = process.hrtime.bigint();
  const [, buildLoop] = await withLoopMonitor(() => engine.build(papers!));
  const buildMs = Number(process.hrtime.bigint() - started) / 1e6;
  const afterBuild = heapMB() + (engine.uncountedBytes?.() ?? 0) / 1048576 - baseline;
  const rss = process.memoryUsage().rss / 1048576;
  // The bench's own copy of the corpus is not the bot's: an engine that keeps the papers holds
  // them itself. Held here through the soak, it added ~270 MB to the soak's heap figure.
  papers = null;
  // What the built index holds on its own, as the bot holds it after a cold build (its parsed
  // corpus dropped): paperboy's index built in the worker keeps the papers as bytes, a second copy
  // of the text beside the bench's, so "corpus + index" counts the text twice for it.
  const builtAlone = heapMB() + (engine.uncountedBytes?.() ?? 0) / 1048576 - baseline;

  // Warm-up: queries of every kind, none of them measured, so the JIT settles first.
  const [, warmupMs] = time(() => {
    for (const q of queries.warmup) engine.query(kindOf(q), q);
  });
  const sets: Partial<Record<QueryKind, SetResult>> = {};
  for (const kind of QUERY_KINDS) {
    if (engine.query(kind, queries.warmup[0]!) === null) continue;
    sets[kind] = runSet(queries.measured[kind], (q, limit) => engine.query(kind, q, limit)!, rounds);
  }

  const snapshot = await exportAndReload(engine, name, queries, sets);
  // The soak runs on the reloaded index, the export itself now unreachable (as in the bot, whose
  // file buffers are garbage once loaded): holding it kept ~190 MB of papers bytes alive.
  const soak = name === 'paperboy' && 'bytes' in snapshot && queries.soak.length > 0 ? await runSoak(engine, queries.soak) : null;

  const result: WorkerResult = {
    engine: name,
    description: engine.description,
    papers: paperCount,
    buildMs,
    buildEventLoopDelayMaxMs: buildLoop.max,
    heap: { baselineMB: baseline, corpusMB: corpus, afterBuildMB: afterBuild, indexMB: afterBuild - corpus, builtAloneMB: builtAlone, rssAfterBuildMB: rss },
    snapshot,
    sets,
    warmupMs,
    soak,
  };
  writeFileSync(out, JSON.stringify(result, null, 2));
}

/** Exports the index, drops it, loads the export (timed), saves the bot's snapshot from it. */
async function exportAndReload(engine: ReturnType<typeof createEngine>, name: EngineName, queries: BenchQueries, sets: Partial<Record<QueryKind, SetResult>>): Promise<WorkerResult['snapshot']> {
  const [exported, exportMs] = time(() => engine.exportIndex());
  if (exported === null) return { unavailable: 'the engine has no export' };
  engine.drop();
  heapMB();
  const [, loadMs] = time(() => engine.importIndex(exported.data));
  // The loaded index must answer like the built one did.
  const check = engine.query('exact', queries.measured.exact[0]!)!;
  if (check.shown === 0 && sets.exact!.noResults === 0) throw new Error(`${name}: the index loaded from its export answers nothing`);
  const snapshotOut = flag('bot-snapshot');
  const pagesDir = flag('bot-pages');
  if (name === 'paperboy' && snapshotOut && pagesDir) await writeBotSnapshot(snapshotOut, pagesDir, exported.data as SerializedBytes);
  return { bytes: exported.bytes, exportMs, loadMs };
}

/**
 * The bot's steady state: the index as loaded from the snapshot (the built one and its export
 * dropped), every paper parsed (as after the store copy), then the soak queries one per
 * macrotask, as requests arrive, with the event-loop delay monitored; the heap read after.
 */
async function runSoak(engine: ReturnType<typeof createEngine>, soakQueries: readonly string[]): Promise<SoakResult> {
  engine.parseAll?.();
  const samples: number[] = [];
  const cpu: number[] = [];
  let partial = 0;
  const started = performance.now();
  const [, loop] = await withLoopMonitor(async () => {
    for (const q of soakQueries) {
      await new Promise<void>((resolve) =>
        setImmediate(() => {
          const start = process.hrtime.bigint();
          const cpuStart = process.cpuUsage();
          const answer = engine.query(kindOf(q), q);
          samples.push(Number(process.hrtime.bigint() - start) / 1e6);
          const used = process.cpuUsage(cpuStart);
          cpu.push((used.user + used.system) / 1000);
          if (answer?.partial) partial++;
          resolve();
        }),
      );
    }
  });
  const wallMs = performance.now() - started;
  return {
    queries: soakQueries.length,
    wallMs,
    heapAfterSoakMB: heapMB(),
    rssAfterSoakMB: process.memoryUsage().rss / 1048576,
    query: summarize(samples),
    queryCpu: summarize(cpu),
    eventLoopDelay: loop,
    partialAnswers: partial,
  };
}

/** The kind of a warm-up or soak query, from its syntax (typo queries look like exact ones). */
function kindOf(q: string): QueryKind {
  return q.includes('"') ? 'phrase' : q.includes(' -') ? 'exclusion' : 'exact';
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
