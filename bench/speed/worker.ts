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
import { createEngine, type EngineName, type QueryAnswer } from './engines.js';
import { summarize, type LatencySummary } from './stats.js';

export interface WorkerResult {
  readonly engine: EngineName;
  readonly description: string;
  readonly papers: number;
  readonly buildMs: number;
  readonly heap: { readonly baselineMB: number; readonly corpusMB: number; readonly afterBuildMB: number; readonly indexMB: number; readonly rssAfterBuildMB: number };
  readonly snapshot: { readonly bytes: number; readonly exportMs: number; readonly loadMs: number } | { readonly unavailable: string };
  readonly exact: LatencySummary & { readonly meanShown: number; readonly meanTotal: number | null; readonly noResults: number };
  readonly typo: LatencySummary & { readonly meanShown: number; readonly meanTotal: number | null; readonly noResults: number };
  readonly warmupMs: number;
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

function runSet(queries: readonly string[], ask: (q: string) => QueryAnswer, rounds: number) {
  const samples: number[] = [];
  let shown = 0;
  let total = 0;
  let totalKnown = true;
  let noResults = 0;
  for (let round = 0; round < rounds; round++) {
    for (const query of queries) {
      const start = process.hrtime.bigint();
      const answer = ask(query);
      samples.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (round === 0) {
        shown += answer.shown;
        if (answer.shown === 0) noResults++;
        if (answer.total === null) totalKnown = false;
        else total += answer.total;
      }
    }
  }
  return { ...summarize(samples), meanShown: shown / queries.length, meanTotal: totalKnown ? total / queries.length : null, noResults };
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

async function main(): Promise<void> {
  const name = flag('engine') as EngineName;
  const papersPath = flag('papers')!;
  const queriesPath = flag('queries')!;
  const out = flag('out')!;
  const rounds = Number(flag('rounds') ?? 3);
  const engine = createEngine(name);
  const queries = JSON.parse(readFileSync(queriesPath, 'utf8')) as { exact: string[]; typo: { query: string }[] };
  const typoQueries = queries.typo.map((t) => t.query);

  const baseline = heapMB();
  const papers = loadPapers(papersPath);
  const corpus = heapMB() - baseline;

  const [, buildMs] = time(() => engine.build(papers));
  const afterBuild = heapMB() - baseline;
  const rss = process.memoryUsage().rss / 1048576;

  // Warm-up: every query of both sets once, so the JIT and caches settle before measuring.
  const [, warmupMs] = time(() => {
    for (const q of queries.exact) engine.exact(q);
    for (const q of typoQueries) engine.typo(q);
  });
  const exact = runSet(queries.exact, (q) => engine.exact(q), rounds);
  const typo = runSet(typoQueries, (q) => engine.typo(q), rounds);

  let snapshot: WorkerResult['snapshot'];
  const [exported, exportMs] = time(() => engine.exportIndex());
  if (exported === null) {
    snapshot = { unavailable: 'the engine has no export' };
  } else {
    engine.drop();
    heapMB();
    const [, loadMs] = time(() => engine.importIndex(exported.data));
    // The loaded index must answer like the built one did.
    const check = engine.exact(queries.exact[0]!);
    if (check.shown === 0 && exact.noResults === 0) throw new Error(`${name}: the index loaded from its export answers nothing`);
    snapshot = { bytes: exported.bytes, exportMs, loadMs };
    const snapshotOut = flag('bot-snapshot');
    const pagesDir = flag('bot-pages');
    if (name === 'paperboy' && snapshotOut && pagesDir) await writeBotSnapshot(snapshotOut, pagesDir, exported.data as SerializedBytes);
  }

  const result: WorkerResult = {
    engine: name,
    description: engine.description,
    papers: papers.length,
    buildMs,
    heap: { baselineMB: baseline, corpusMB: corpus, afterBuildMB: afterBuild, indexMB: afterBuild - corpus, rssAfterBuildMB: rss },
    snapshot,
    exact,
    typo,
    warmupMs,
  };
  writeFileSync(out, JSON.stringify(result, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
