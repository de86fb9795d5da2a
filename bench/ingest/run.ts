/**
 * bench:ingest: what taking in new papers while serving costs (core/search/segments.ts,
 * corpus/live-corpus.ts). Figures and ratios printed, nothing asserted:
 *
 * 1. 100,000 papers (bench/speed's generated corpus, its index loaded as the bot loads a snapshot,
 *    papers as bytes, from bench/speed/profile-index.ts's cache), with the bot's background
 *    threads lowered as its process lowers them (corpus/thread-priority.ts). New papers (each
 *    1,000: 900 new, 100 new versions of indexed ones) are added while a query falls due every
 *    20 ms (distinct queries, never repeated, of every kind: exact, typo, phrase, exclusion),
 *    each batch built in the index builder's worker thread and put in place in the live corpus's
 *    slices (SLICE_MS), in two phases:
 *    - 3 x 1,000 as ten polls of 100 each (a replica polling while an ingest is still storing):
 *      after MAX_ADDED_SEGMENTS, a batch's segment is built over the added segments' papers too
 *      and replaces them;
 *    - from the frozen index again, 6 x 1,000 each as one poll (the replica that ran the ingest
 *      polls at once when it is done; a poll takes up to 1,000 papers a segment).
 *    Printed per round: the main-thread time of the adds in all and their longest step; per
 *    phase: each query's latency from when it was due (so time spent waiting behind a slice, a
 *    GC pause or for a CPU counts) against the same kind of queries before any add, the slowest
 *    with their time on a CPU and waiting for one (Linux's /proc schedstat) and the GC pauses
 *    within, and each thread's CPU time. Then the merge of the first phase's segments into one
 *    frozen index and the snapshot serialized in slices: main-thread time and longest step.
 * 2. 150,000 papers (about a year of cs.LG + cs.CV + Hugging Face): in a fresh process, the
 *    bot's start-up path (loadOrBuildIndex over the seed pages with a current snapshot) to the
 *    first answer; then every paper parsed (as the bot's store copy does), a soak of distinct
 *    queries, 1,000 papers added, and the heap (V8 heap + array buffers) after.
 *
 *   npm run bench:ingest [-- --queries 2000] [--skip-150k] [--no-foreground]
 *
 * Each query runs with the foreground flag up, as the bot's searches do (corpus/foreground.ts:
 * the worker's build waits meanwhile); --no-foreground runs them without it, for comparison.
 *
 * The machine is shared: figures are noisy; run it once or twice, not in a loop.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { pino } from 'pino';
import type { Paper } from '../../src/core/paper.js';
import { searchPapers, serializeIndexChunksSteps, type SearchIndex } from '../../src/core/search/search-index.js';
import { addPapersSteps, addSegmentSteps, freshPapersSteps, mergeAllSteps, segmentBuildOptions, segmentedIndex, segmentPapersSteps, type SegmentedIndex, type Work } from '../../src/core/search/segments.js';
import { createForeground, type Foreground } from '../../src/corpus/foreground.js';
import { createIndexBuilder } from '../../src/corpus/index-builder.js';
import { SERVING_SLICE_MS as SLICE_MS } from '../../src/corpus/run-in-slices.js';
import { lowerBackgroundThreads } from '../../src/corpus/thread-priority.js';
import { warmUpSteps } from '../../src/core/search/warm-up.js';
import { runSteps } from '../../src/core/search/work-steps.js';
import { loadOrBuildIndex, saveIndexSnapshot } from '../../src/corpus/snapshot.js';
import { seedCorpusSource } from '../../src/corpus/load-seeds.js';
import { ensureCorpus } from '../speed/corpus-cache.js';
import { profileIndex } from '../speed/profile-index.js';
import { generateBenchQueries } from '../speed/queries.js';
import { createRng } from '../speed/random.js';
import { summarize } from '../speed/stats.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const CACHE = resolve(HERE, '..', '.cache', 'ingest');
const SEED = 42;
/**
 * One query falls due every this many ms. Well above a cold query's cost on a busy machine
 * (~5-10 ms): at 4 ms the queries outran the bot, and every latency was the backlog (~1 s).
 */
const SPACING_MS = 20;

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

const log = (line: string): void => console.error(line);
const ms = (x: number): string => `${x.toFixed(1)} ms`;

function heapMB(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (npm run bench:ingest does)');
  gc();
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 1048576;
}

/** Runs `work` in slices of `sliceMs` with the event loop given back between them, timing the main thread. */
async function timedSlices<T>(work: Work<T>, sliceMs = SLICE_MS): Promise<{ value: T; busyMs: number; longestStepMs: number; slices: number }> {
  let busy = 0;
  let longest = 0;
  let slices = 0;
  for (;;) {
    const sliceStart = performance.now();
    const until = sliceStart + sliceMs;
    slices++;
    for (;;) {
      const stepStart = performance.now();
      const r = work.next();
      const stepEnd = performance.now();
      longest = Math.max(longest, stepEnd - stepStart);
      if (r.done) {
        busy += stepEnd - sliceStart;
        return { value: r.value, busyMs: busy, longestStepMs: longest, slices };
      }
      if (stepEnd >= until) break;
    }
    busy += performance.now() - sliceStart;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** New papers for an index of `papers`: `fresh` remixes of two papers each under new ids, and `versions` new versions of indexed ones. */
function newPapers(papers: readonly Paper[], fresh: number, versions: number, seed: number): Paper[] {
  const rng = createRng(seed);
  const pick = (): Paper => rng.pick(papers);
  const out: Paper[] = [];
  for (let i = 0; i < fresh; i++) {
    const a = pick();
    const b = pick();
    const aw = a.abstract.split(' ');
    const bw = b.abstract.split(' ');
    out.push({ ...a, id: `ingested-${seed}-${i}`, title: `${b.title.split(' ').slice(0, 4).join(' ')} ${a.title}`, abstract: [...aw.slice(0, aw.length >> 1), ...bw.slice(bw.length >> 1)].join(' '), arxivId: `2612.${String(10000 + i)}`, arxivVersion: 1 });
  }
  for (let i = 0; i < versions; i++) {
    const a = pick();
    const words = a.abstract.split(' ');
    const cut = rng.int(words.length);
    out.splice(rng.int(out.length), 0, { ...a, abstract: [...words.slice(cut), ...words.slice(0, cut), ...pick().abstract.split(' ').slice(0, 20)].join(' '), arxivVersion: 2 });
  }
  return out;
}

/** One query the load issued. */
interface QueryRecord {
  readonly query: string;
  /** From when it was due to its answer. */
  readonly latency: number;
  /** Its own compute. */
  readonly compute: number;
  /** Whether it was the first on a view (a new segment just put in place). */
  readonly firstOnView: boolean;
  /** When it was due and answered (performance.now()). */
  readonly due: number;
  readonly end: number;
  /** The main thread's time on a CPU and waiting for one meanwhile (Linux schedstat), in ms; NaN elsewhere. */
  readonly onCpu: number;
  readonly waiting: number;
  /** The VM's steal time (stealMs) from when the query was taken up to its answer. */
  readonly steal: number;
}

/** Each thread's CPU time (user + system) in ms, by thread id (Linux's /proc); empty elsewhere. */
function threadTimes(): Map<number, number> {
  const out = new Map<number, number>();
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(tid), ((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
    }
  } catch {
    // Not Linux: no figures.
  }
  return out;
}

/** The main thread's time on a CPU and waiting in the run queue, in ns (Linux's /proc schedstat), or null. */
function schedstat(): [number, number] | null {
  try {
    const [onCpu, waiting] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ');
    return [Number(onCpu), Number(waiting)];
  } catch {
    return null;
  }
}

/**
 * Time the hypervisor gave this VM's CPUs to others (Linux's /proc/stat "steal", all CPUs), in
 * ms, at 10 ms resolution; NaN elsewhere. A thread reads as "on a CPU" meanwhile: a query that
 * computes several times its usual time with steal rising was not slow on its own.
 */
function stealMs(): number {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/);
    return Number(fields[8]) * 10;
  } catch {
    return Number.NaN;
  }
}

/**
 * Issues `queries`, one due every `everyMs` on a fixed schedule, each timed from when it was due
 * (so waiting behind a slice, a step or a GC pause counts), until they run out or stop() is called.
 */
function queryLoad(index: () => SearchIndex, queries: readonly string[], everyMs: number, foreground: Foreground | null = null): { records: QueryRecord[]; stop: () => Promise<QueryRecord[]>; done: Promise<QueryRecord[]> } {
  const records: QueryRecord[] = [];
  let lastView: SearchIndex | null = null;
  let next = 0;
  let stopped = false;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const start = performance.now();
  const issue = (): void => {
    if (stopped || next >= queries.length) return finish();
    const due = start + (next + 1) * everyMs;
    setTimeout(() => {
      // Queries that fell due meanwhile are answered now, each timed from its own due time.
      while (next < queries.length && start + (next + 1) * everyMs <= performance.now()) {
        const dueAt = start + (next + 1) * everyMs;
        const stolen = stealMs();
        const view = index();
        const query = queries[next++]!;
        const sched = schedstat();
        const began = performance.now();
        if (foreground) foreground.run(() => searchPapers(view, query));
        else searchPapers(view, query);
        const end = performance.now();
        const after = schedstat();
        records.push({
          query,
          latency: end - dueAt,
          compute: end - began,
          firstOnView: view !== lastView,
          due: dueAt,
          end,
          onCpu: sched && after ? (after[0] - sched[0]) / 1e6 : Number.NaN,
          waiting: sched && after ? (after[1] - sched[1]) / 1e6 : Number.NaN,
          steal: stealMs() - stolen,
        });
        lastView = view;
      }
      issue();
    }, Math.max(0, due - performance.now()));
  };
  issue();
  return {
    records,
    stop: async () => {
      stopped = true;
      await finished;
      return records;
    },
    done: finished.then(() => records),
  };
}

const GC_KINDS: Record<number, string> = { 1: 'minor', 4: 'major', 8: 'incremental', 16: 'weak callbacks' };

/** Garbage-collection pauses while `during` runs: their total and the longest, with its kind. */
async function gcPauses<T>(during: () => Promise<T>): Promise<{ value: T; totalMs: number; longestMs: number; longestKind: string }> {
  const pauses: number[] = [];
  let longestKind = 'none';
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (pauses.every((p) => p < entry.duration)) longestKind = GC_KINDS[((entry as unknown as { detail?: { kind?: number } }).detail?.kind ?? 0)] ?? 'other';
      pauses.push(entry.duration);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const value = await during();
  await new Promise<void>((resolve) => setImmediate(resolve));
  observer.disconnect();
  return { value, totalMs: pauses.reduce((a, b) => a + b, 0), longestMs: pauses.length ? Math.max(...pauses) : 0, longestKind };
}

async function hundredThousand(queryCount: number): Promise<void> {
  const corpus = await ensureCorpus(100_000, SEED, log);
  // The index as the bot holds it after loading its snapshot (papers kept as bytes, parsed when
  // read), from the profiling tools' cache of this corpus's index (built once, then loaded).
  let started = performance.now();
  const frozen = await profileIndex(() => undefined);
  log(`100,000-paper index ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  // The new papers are remixes of the first 20,000 (parsed here only for that).
  const papers: Paper[] = [];
  for (let i = 0; i < 20_000; i++) papers.push(frozen.papers.at(i));
  const vocabulary = JSON.parse(readFileSync(corpus.vocabularyPath, 'utf8')) as string[];
  const queries = generateBenchQueries(vocabulary, papers.slice(0, 5000).map((p) => p.abstract), queryCount, 0, SEED);
  const kindOf = new Map<string, string>();
  for (const kind of ['exact', 'typo', 'phrase', 'exclusion'] as const) for (const q of queries.measured[kind]) kindOf.set(q, kind);
  const all = [...kindOf.keys()];
  const rng = createRng(SEED + 1);
  const shuffled = all.map((q) => [rng.next(), q] as const).sort((a, b) => a[0] - b[0]).map(([, q]) => q);
  const half = shuffled.length >> 1;
  for (const q of queries.warmup) searchPapers(frozen, q);
  // As the live corpus does when the bot starts (core/search/warm-up.ts).
  runSteps(warmUpSteps(frozen));

  let current: SegmentedIndex = segmentedIndex(frozen);
  const before = await queryLoad(() => current.index, shuffled.slice(0, Math.min(half, 1000)), SPACING_MS).done;

  // Three rounds of 1,000 papers each (distinct ones), so that enough queries fall due while
  // adding for a p99: each round's main-thread figures printed on its own, the latencies while
  // adding pooled. Twice: as ten polls of 100 (a replica polling while an ingest is still
  // storing), then, from the frozen index again, as one poll of 1,000 (the replica that ran the
  // ingest polls at once when it is done, and takes up to 1,000 papers a segment).
  const rounds = [0, 1, 2].map((r) => newPapers(papers, 900, 100, SEED + 2 + 10 * r));
  // Six of these: a round is over in well under a second, and a p99 needs a few hundred queries.
  const onePollRounds = [0, 1, 2, 3, 4, 5].map((r) => newPapers(papers, 900, 100, SEED + 102 + 10 * r));
  papers.length = 0;
  // As the bot adds them (corpus/live-corpus.ts): each batch built in the worker thread, then put
  // in place on the main thread in slices. The worker is started first, as the bot's is by then.
  const foreground = process.argv.includes('--no-foreground') ? null : createForeground();
  const builder = createIndexBuilder(foreground ? { foreground } : {});
  await builder.segment(rounds[0]!.slice(0, 1), frozen.settings);
  const b = summarize(before.map((r) => r.latency));
  const slowestBefore = [...before].sort((x, y) => y.latency - x.latency).slice(0, 3);
  log(`slowest before adding, from when due (own compute: on a CPU, waiting for one): ${slowestBefore.map((q) => `${ms(q.latency)} (${ms(q.compute)}: ${ms(q.onCpu)}, ${ms(q.waiting)}) ${kindOf.get(q.query)} ${JSON.stringify(q.query.slice(0, 40))} due at ${((q.due - before[0]!.due) / 1000).toFixed(1)} s`).join('; ')}`);
  const phase = async (title: string, from: SegmentedIndex, incoming: readonly Paper[][], batches: number, asked: readonly string[]): Promise<SegmentedIndex> => {
    let view = from;
    const phaseStart = performance.now();
    const load = queryLoad(() => view.index, asked, SPACING_MS, foreground);
    const adds: { busy: number; longest: number; wall: number; activeMs: number; gc: { totalMs: number; longestMs: number; longestKind: string } }[] = [];
    const during: QueryRecord[] = [];
    // Every GC pause while adding, to tell how much of a slow query's time was one.
    const gcLog: [number, number][] = [];
    /** When each segment was being built in the worker (and taken in). */
    const builds: [number, number][] = [];
    const gcWatch = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) gcLog.push([entry.startTime, entry.startTime + entry.duration]);
    });
    gcWatch.observe({ entryTypes: ['gc'] });
    const threadsBefore = threadTimes();
    const stealBefore = stealMs();
    for (const round of incoming) {
      let busy = 0;
      let longest = 0;
      const due = load.records.length;
      const roundStart = performance.now();
      const elu = performance.eventLoopUtilization();
      const size = round.length / batches;
      const gc = await gcPauses(async () => {
        for (let k = 0; k < batches; k++) {
          const compared = await timedSlices(freshPapersSteps(view, round.slice(k * size, (k + 1) * size)));
          const fresh = compared.value;
          const gathered = await timedSlices(segmentPapersSteps(view, fresh));
          const buildStart = performance.now();
          const built = await builder.segment(gathered.value, frozen.settings, segmentBuildOptions(view));
          builds.push([buildStart, performance.now()]);
          const r = await timedSlices(addSegmentSteps(view, fresh, built));
          view = r.value;
          busy += compared.busyMs + gathered.busyMs + r.busyMs;
          longest = Math.max(longest, compared.longestStepMs, gathered.longestStepMs, r.longestStepMs);
        }
      });
      const wall = performance.now() - roundStart;
      const asked = load.records.slice(due);
      const queryMs = asked.reduce((a, r) => a + r.compute, 0);
      during.push(...asked);
      adds.push({ busy, longest, wall, activeMs: performance.eventLoopUtilization(elu).active - queryMs, gc });
    }
    await load.stop();
    await new Promise<void>((resolve) => setImmediate(resolve));
    gcWatch.disconnect();
    const threadsAfter = threadTimes();
    const stolen = stealMs() - stealBefore;

    const d = summarize(during.map((r) => r.latency));
    console.log(`\n== ${title} ==`);
    adds.forEach((r, i) => {
      console.log(`round ${i + 1}: main-thread steps ${ms(r.busy)} in all (${ms(r.busy / 1000)} a paper), longest step ${ms(r.longest)}, over ${ms(r.wall)} wall; main thread active ${ms(r.activeMs)} beside the queries' own compute (the steps, receiving and loading each segment, GC); GC pauses ${ms(r.gc.totalMs)} in all (queries' garbage included), longest ${ms(r.gc.longestMs)} (${r.gc.longestKind})`);
    });
    console.log(`segments then ${view.segments.length}, papers ${view.index.papers.length}`);
    const used = [...threadsAfter].map(([tid, t]) => [tid, t - (threadsBefore.get(tid) ?? 0)] as const).filter(([, t]) => t > 0).sort((x, y) => y[1] - x[1]);
    console.log(`  CPU per thread over the phase (ms; the main thread is ${process.pid}): ${used.map(([tid, t]) => `${tid} ${t}`).join(', ')}; the VM's steal time over it (both CPUs): ${stolen} ms`);
    console.log(`search latency from when due (one query due every ${SPACING_MS} ms, distinct): before adding p50 ${ms(b.p50)} p99 ${ms(b.p99)} max ${ms(b.max)} (${b.count} queries); while adding p50 ${ms(d.p50)} p99 ${ms(d.p99)} max ${ms(d.max)} (${d.count} queries, the ${incoming.length} rounds; target p99 15 ms: ratio ${(d.p99 / 15).toFixed(2)}); p99 ratio to before ${(d.p99 / b.p99).toFixed(2)}`);
    const gcWithin = (r: QueryRecord): number => gcLog.reduce((sum, [a, z]) => sum + Math.max(0, Math.min(r.end, z) - Math.max(r.due, a)), 0);
    const slowest = [...during].sort((x, y) => y.latency - x.latency).slice(0, 8);
    console.log(`  slowest while adding, from when due (of which the query's own compute: on a CPU, waiting for one; GC pauses within; the VM's steal time while it ran, 10 ms resolution), and when in the phase:`);
    for (const q of slowest) console.log(`    ${ms(q.latency)} (${ms(q.compute)}: ${ms(q.onCpu)} on a CPU, ${ms(q.waiting)} waiting; GC ${ms(gcWithin(q))}; VM steal ${q.steal} ms) ${kindOf.get(q.query)} ${JSON.stringify(q.query.slice(0, 40))}${q.firstOnView ? ', the first on a new view' : ''}, due at ${((q.due - phaseStart) / 1000).toFixed(1)} s`);
    const firsts = during.filter((r) => r.firstOnView).map((r) => r.compute);
    const others = during.filter((r) => !r.firstOnView).map((r) => r.compute);
    const building = (r: QueryRecord): boolean => builds.some(([a, z]) => r.end > a && r.due < z);
    const whileBuilding = during.filter(building).map((r) => r.latency);
    const otherwise = during.filter((r) => !building(r)).map((r) => r.latency);
    console.log(`  latency while a segment was being built in the worker (or taken in) p50 ${ms(summarize(whileBuilding).p50)} p99 ${ms(summarize(whileBuilding).p99)} (${whileBuilding.length}); otherwise p50 ${ms(summarize(otherwise).p50)} p99 ${ms(summarize(otherwise).p99)} (${otherwise.length})`);
    console.log(`  own compute while adding: the first query on each new view p50 ${ms(summarize(firsts).p50)} max ${ms(summarize(firsts).max)} (${firsts.length}); the others p50 ${ms(summarize(others).p50)} p99 ${ms(summarize(others).p99)} (${others.length})`);
    return view;
  };
  const rest = shuffled.slice(half);
  current = await phase('100,000 papers + 3 x 1,000 added (each 900 new, 100 new versions) as ten polls of 100', current, rounds, 10, rest.slice(0, rest.length >> 1));
  const heapSegments = heapMB();
  await phase('100,000 papers + 6 x 1,000 added (other papers, as many new versions), each 1,000 as one poll', segmentedIndex(frozen), onePollRounds, 1, rest.slice(rest.length >> 1));
  await builder.close();

  const mergeGc = await gcPauses(() => timedSlices(mergeAllSteps(current)));
  const merge = mergeGc.value;
  const serialize = await timedSlices(serializeIndexChunksSteps(merge.value.index));
  const heapMerged = heapMB();
  console.log('\n== merging the ten polls\' segments ==');
  console.log(`merge into one frozen index: main-thread ${ms(merge.busyMs)}, longest step ${ms(merge.longestStepMs)} (GC pauses ${ms(mergeGc.totalMs)}, longest ${ms(mergeGc.longestMs)}); snapshot serialized in slices: ${ms(serialize.busyMs)}, longest step ${ms(serialize.longestStepMs)}`);
  console.log(`heap (V8 heap + array buffers, after gc): with segments ${heapSegments.toFixed(0)} MB, after the merge ${heapMerged.toFixed(0)} MB (both indexes reachable here: the bench keeps the frozen one)`);
}

async function child(mode: string): Promise<void> {
  const corpus = await ensureCorpus(150_000, SEED, log);
  mkdirSync(CACHE, { recursive: true });
  const snapshotPath = join(CACHE, 'index-150k.snapshot');
  const logger = pino({ level: 'warn' }, pino.destination(2));
  const started = performance.now();
  const loaded = await loadOrBuildIndex({ openCorpus: (known) => seedCorpusSource(corpus.pagesDir, known ? { known } : {}), snapshotPath, logger });
  const first = searchPapers(loaded.index, 'diffusion models for video');
  const startupMs = performance.now() - started;
  if (mode === 'prepare') {
    if (loaded.source === 'built') await saveIndexSnapshot(snapshotPath, { fingerprint: loaded.fingerprint, entryCount: loaded.entryCount, problems: loaded.problems }, loaded.index);
    console.log(JSON.stringify({ source: loaded.source }));
    return;
  }
  const index = loaded.index;
  const heapLoaded = heapMB();
  const papers = index.papers.all();
  const heapParsed = heapMB();
  const vocabulary = JSON.parse(readFileSync(corpus.vocabularyPath, 'utf8')) as string[];
  const queries = generateBenchQueries(vocabulary, papers.slice(0, 5000).map((p) => p.abstract), 200, 3000, SEED + 5);
  for (const q of queries.soak) searchPapers(index, q);
  const heapSoaked = heapMB();
  let current = segmentedIndex(index);
  const incoming = newPapers(papers, 900, 100, SEED + 6);
  for (let b = 0; b < 10; b++) current = (await timedSlices(addPapersSteps(current, incoming.slice(b * 100, (b + 1) * 100)))).value;
  for (const q of queries.soak.slice(0, 1000)) searchPapers(current.index, q);
  console.log(JSON.stringify({ source: loaded.source, startupMs, answered: first.kind, papers: index.papers.length, heapLoaded, heapParsed, heapSoaked, heapMB: heapMB() }));
}

async function main(): Promise<void> {
  // As the bot's process does at start (src/main.ts).
  lowerBackgroundThreads();
  const mode = flag('child', '');
  if (mode !== '') return child(mode);
  await hundredThousand(Number(flag('queries', '2000')));
  if (process.argv.includes('--skip-150k')) return;
  // 150k: a fresh process for the start-up, after one that makes sure the snapshot exists.
  const self = fileURLToPath(import.meta.url);
  const run = (m: string): Record<string, unknown> => {
    const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, '--child', m], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`bench child ${m} failed (${r.status})`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
  };
  if (!existsSync(join(CACHE, 'index-150k.snapshot'))) log('150,000 papers: generating the corpus and building its snapshot (once; minutes) ...');
  run('prepare');
  const r = run('run');
  console.log(`\n== 150,000 papers ==`);
  console.log(`start-up from the snapshot (${String(r['source'])}) to the first answer, in a fresh process: ${ms(r['startupMs'] as number)} (target 1,500 ms: ratio ${((r['startupMs'] as number) / 1500).toFixed(2)})`);
  const mb = (k: string): string => `${(r[k] as number).toFixed(0)} MB`;
  console.log(`heap (V8 heap + array buffers, after gc): loaded ${mb('heapLoaded')}, every paper parsed (as the bot's store copy does) ${mb('heapParsed')}, after 3,000 distinct soak queries ${mb('heapSoaked')}, after 1,000 papers added as segments and 1,000 more queries ${mb('heapMB')} (target 600 MB: ratio ${((r['heapMB'] as number) / 600).toFixed(2)})`);
  console.log('\nThe machine is shared with other work: every figure is noisy.');
}

await main();
