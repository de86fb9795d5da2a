/**
 * Speed, memory and start-up bench: `npm run bench:speed [-- --papers N --queries N]`.
 *
 * Generates (or reuses from bench/.cache/speed/) a deterministic corpus of N papers (default
 * 100,000) modelled on the seed corpus, draws two query sets from its vocabulary (exact, and one
 * typo each), then measures each engine in its own child process (bench/speed/worker.ts):
 * paperboy's real search, MiniSearch with its defaults and FlexSearch 0.8. Start-up is measured
 * in fresh processes going through the bot's own seedCorpusSource + loadOrBuildIndex path
 * (bench/speed/startup.ts). Prints the figures, the ratios from this same run and the targets,
 * and writes the raw figures to bench/results/speed.json. Figures, never assertions: the
 * machine is shared and noisy.
 *
 * Flags: --papers N (100000)  --queries N per set (200)  --seed S (42)  --rounds R measured
 * passes over each query set (3)  --startup-runs K (3)  --engines a,b,c (all)
 */
import { spawn } from 'node:child_process';
import { bundle } from '../../bin/build.js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE_DIR, ensureCorpus } from './corpus-cache.js';
import { ENGINE_NAMES, type EngineName } from './engines.js';
import { generateQueries } from './queries.js';
import { mean, percentile } from './stats.js';
import type { WorkerResult } from './worker.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const RESULTS = join(ROOT, 'bench', 'results', 'speed.json');

export const TARGETS = { p50Ms: 2, p99Ms: 15, heapMB: 400, startupMs: 1500 } as const;

interface Flags {
  readonly papers: number;
  readonly queries: number;
  readonly seed: number;
  readonly rounds: number;
  readonly startupRuns: number;
  readonly engines: readonly EngineName[];
}

function parseFlags(argv: readonly string[]): Flags {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const int = (name: string, fallback: number): number => {
    const raw = get(name);
    if (raw === undefined) return fallback;
    const n = Number(raw.replace(/[_,]/g, ''));
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} takes a positive integer, not "${raw}"`);
    return n;
  };
  const engines = (get('engines')?.split(',') ?? [...ENGINE_NAMES]) as EngineName[];
  for (const e of engines) if (!ENGINE_NAMES.includes(e)) throw new Error(`--engines: unknown engine "${e}" (${ENGINE_NAMES.join(', ')})`);
  return {
    papers: int('papers', 100_000),
    queries: int('queries', 200),
    seed: int('seed', 42),
    rounds: int('rounds', 3),
    startupRuns: int('startup-runs', 3),
    engines,
  };
}

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/**
 * Runs a script in a fresh node with --expose-gc: a TypeScript one through tsx, a bundle (.mjs)
 * as it is. Resolves with the time to `readyLine` (if given) and to exit.
 */
function child(script: string, args: readonly string[], readyLine?: string): Promise<{ readyMs: number | null; exitMs: number }> {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const entry = script.endsWith('.mjs') ? [script] : ['--import', 'tsx', join(HERE, script)];
    const proc = spawn(process.execPath, ['--expose-gc', ...entry, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let readyMs: number | null = null;
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (readyLine && readyMs === null && stdout.includes(`${readyLine}\n`)) readyMs = Number(process.hrtime.bigint() - started) / 1e6;
    });
    proc.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    proc.on('error', reject);
    proc.on('close', (code) => {
      const exitMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) reject(new Error(`${script} ${args.join(' ')} exited with ${code}:\n${stderr.slice(-4000)}`));
      else resolvePromise({ readyMs, exitMs });
    });
  });
}

interface StartupRun {
  readonly source: string;
  readonly wallToFirstAnswerMs: number;
  readonly marks: Record<string, number>;
  readonly heapServingMB: number | null;
}

const mb = (bytes: number): number => bytes / 1048576;
const fmt = (n: number | null | undefined, digits = 1): string => (n === null || n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(digits));
const ratio = (a: number | null | undefined, b: number | null | undefined): string =>
  a === null || a === undefined || b === null || b === undefined || !(b > 0) ? 'n/a' : `×${(a / b).toFixed(2)}`;

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const benchStarted = performance.now();
  const corpus = await ensureCorpus(flags.papers, flags.seed, log);
  const vocabulary = JSON.parse(readFileSync(corpus.vocabularyPath, 'utf8')) as string[];
  const queries = generateQueries(vocabulary, flags.queries, flags.seed);
  const queriesPath = join(corpus.dir, `queries-s${flags.seed}-q${flags.queries}.json`);
  writeFileSync(queriesPath, JSON.stringify(queries, null, 1));
  log(`corpus: ${corpus.meta.papers.toLocaleString('en')} papers, ${corpus.meta.distinctWords.toLocaleString('en')} distinct words (${corpus.fromCache ? 'cached' : 'generated'}); ${queries.exact.length} exact + ${queries.typo.length} typo queries`);

  // The start-up snapshot lives in the cache; the paperboy worker saves the index it built there.
  const snapshotPath = join(corpus.dir, 'index-snapshot.json');
  const engines: Partial<Record<EngineName, WorkerResult>> = {};
  for (const name of flags.engines) {
    const out = join(CACHE_DIR, `result-${name}-${process.pid}.json`);
    log(`measuring ${name} in its own process ...`);
    const args = ['--engine', name, '--papers', corpus.papersPath, '--queries', queriesPath, '--out', out, '--rounds', String(flags.rounds)];
    if (name === 'paperboy') args.push('--bot-snapshot', snapshotPath, '--bot-pages', corpus.pagesDir);
    const { exitMs } = await child('worker.ts', args);
    engines[name] = JSON.parse(readFileSync(out, 'utf8')) as WorkerResult;
    log(`  ${name}: build ${fmt(engines[name].buildMs / 1000, 1)} s, heap ${fmt(engines[name].heap.afterBuildMB, 0)} MB, process ${fmt(exitMs / 1000, 1)} s`);
  }

  // Start-up through the bot's path. `prepare` runs loadOrBuildIndex once, which rebuilds and
  // saves the snapshot if the one the worker saved is not what the bot would accept.
  const firstQuery = queries.exact.find((q) => q.includes(' ')) ?? queries.exact[0]!;
  const startupArgs = (mode: string, out: string): string[] => ['--mode', mode, '--pages', corpus.pagesDir, '--snapshot', snapshotPath, '--query', firstQuery, '--out', out];
  let startup: { prepare: { source: string; ms: number }; breakdown: Record<string, number> & { snapshotBytes: number }; runs: StartupRun[] } | null = null;
  if (flags.engines.includes('paperboy')) {
    // Bundled as `npm start` bundles the bot (bin/build.js): no tsx at start-up.
    const startupScript = await bundle(join(HERE, 'startup.ts'), join(CACHE_DIR, 'startup.mjs'));
    log('start-up: preparing the snapshot through loadOrBuildIndex ...');
    const prepOut = join(CACHE_DIR, `startup-prepare-${process.pid}.json`);
    const prep = await child(startupScript, startupArgs('prepare', prepOut), 'ANSWERED');
    const prepResult = JSON.parse(readFileSync(prepOut, 'utf8')) as { source: string };
    const breakOut = join(CACHE_DIR, `startup-breakdown-${process.pid}.json`);
    await child(startupScript, startupArgs('breakdown', breakOut));
    const b = JSON.parse(readFileSync(breakOut, 'utf8')) as { marks: Record<string, number>; snapshotBytes: number; heapServingMB: number; heapAllPapersMB: number };
    const m = b.marks;
    const breakdown = {
      nodeBootMs: m.scriptStarted!,
      importsMs: m.imported! - m.scriptStarted!,
      headerCheckMs: m.headerChecked! - m.imported!,
      seedFingerprintMs: m.fingerprinted! - m.headerChecked!,
      readSnapshotMs: m.snapshotRead! - m.fingerprinted!,
      checksumMs: m.checksummed! - m.snapshotRead!,
      loadSearchIndexMs: m.indexLoaded! - m.checksummed!,
      firstQueryMs: m.answered! - m.indexLoaded!,
      totalFromTimeOriginMs: m.answered!,
      heapServingMB: b.heapServingMB,
      allPapersParsedMs: m.allPapersParsed! - m.answered!,
      heapAllPapersMB: b.heapAllPapersMB,
      snapshotBytes: b.snapshotBytes,
    };
    const runs: StartupRun[] = [];
    for (let i = 0; i < flags.startupRuns; i++) {
      const out = join(CACHE_DIR, `startup-run-${process.pid}.json`);
      const { readyMs } = await child(startupScript, startupArgs('run', out), 'ANSWERED');
      const r = JSON.parse(readFileSync(out, 'utf8')) as { source: string; marks: Record<string, number>; heapServingMB: number | null };
      runs.push({ source: r.source, wallToFirstAnswerMs: readyMs ?? Number.NaN, marks: r.marks, heapServingMB: r.heapServingMB });
      log(`  start-up run ${i + 1}: ${fmt(readyMs, 0)} ms to the first answer (index from ${r.source})`);
    }
    startup = { prepare: { source: prepResult.source, ms: prep.exitMs }, breakdown, runs };
  }

  const report = buildReport(flags, corpus.meta, engines, startup, queries.typo.map((t) => t.kind));
  const benchMs = performance.now() - benchStarted;
  const machine = {
    nproc: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGB: Math.round(totalmem() / 1e9),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
  const json = {
    date: new Date().toISOString(),
    command: `npm run bench:speed${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    machine,
    flags,
    corpus: corpus.meta,
    queries: { exact: queries.exact, typo: queries.typo },
    engines,
    startup,
    targets: report.targets,
    benchMs,
  };
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, JSON.stringify(json, null, 2));
  process.stdout.write(`${report.text}\n\nMachine: ${machine.nproc} × ${machine.cpu}, ${machine.memoryGB} GB, Node ${machine.node}. Bench wall time ${fmt(benchMs / 1000, 0)} s. Raw figures: ${RESULTS}\n`);
}

interface TargetCheck {
  readonly name: string;
  readonly measured: number | null;
  readonly limit: number;
  readonly unit: string;
  readonly pass: boolean;
}

function buildReport(
  flags: Flags,
  meta: Awaited<ReturnType<typeof ensureCorpus>>['meta'],
  engines: Partial<Record<EngineName, WorkerResult>>,
  startup: { prepare: { source: string; ms: number }; breakdown: Record<string, number | null>; runs: StartupRun[] } | null,
  typoKinds: readonly string[],
): { text: string; targets: TargetCheck[] } {
  const pb = engines.paperboy;
  const ms = engines.minisearch;
  const fx = engines.flexsearch;
  const snap = (r: WorkerResult | undefined) => (r && 'bytes' in r.snapshot ? r.snapshot : null);
  const rows: { label: string; get: (r: WorkerResult) => number | null; digits?: number }[] = [
    { label: 'build (s)', get: (r) => r.buildMs / 1000, digits: 1 },
    { label: 'heap after build, corpus + index (MB)', get: (r) => r.heap.afterBuildMB, digits: 0 },
    { label: '  of which index (MB)', get: (r) => r.heap.indexMB, digits: 0 },
    { label: 'snapshot size (MB)', get: (r) => (snap(r) ? mb(snap(r)!.bytes) : null), digits: 0 },
    { label: 'snapshot export (s)', get: (r) => (snap(r) ? snap(r)!.exportMs / 1000 : null), digits: 2 },
    { label: 'snapshot load (s)', get: (r) => (snap(r) ? snap(r)!.loadMs / 1000 : null), digits: 2 },
    { label: 'exact p50 (ms)', get: (r) => r.exact.p50, digits: 2 },
    { label: 'exact p99 (ms)', get: (r) => r.exact.p99, digits: 2 },
    { label: 'exact mean (ms)', get: (r) => r.exact.mean, digits: 2 },
    { label: 'typo p50 (ms)', get: (r) => r.typo.p50, digits: 2 },
    { label: 'typo p99 (ms)', get: (r) => r.typo.p99, digits: 2 },
    { label: 'typo mean (ms)', get: (r) => r.typo.mean, digits: 2 },
    { label: 'exact: mean papers matched', get: (r) => r.exact.meanTotal, digits: 0 },
    { label: 'typo: mean papers matched', get: (r) => r.typo.meanTotal, digits: 0 },
    { label: 'exact: queries with no answer', get: (r) => r.exact.noResults, digits: 0 },
    { label: 'typo: queries with no answer', get: (r) => r.typo.noResults, digits: 0 },
  ];
  const lines: string[] = [];
  lines.push(`| ${flags.papers.toLocaleString('en')} papers | paperboy | MiniSearch defaults | FlexSearch 0.8 | paperboy ÷ MiniSearch | paperboy ÷ FlexSearch |`);
  lines.push('|---|---:|---:|---:|---:|---:|');
  for (const row of rows) {
    const v = (r: WorkerResult | undefined): number | null => (r ? row.get(r) : null);
    const ratioCell = (other: WorkerResult | undefined): string => (row.label.includes('matched') || row.label.includes('no answer') ? '' : ratio(v(pb), v(other)));
    lines.push(`| ${row.label} | ${fmt(v(pb), row.digits)} | ${fmt(v(ms), row.digits)} | ${fmt(v(fx), row.digits)} | ${ratioCell(ms)} | ${ratioCell(fx)} |`);
  }

  const targets: TargetCheck[] = [];
  if (pb) {
    targets.push({ name: 'paperboy exact p50', measured: pb.exact.p50, limit: TARGETS.p50Ms, unit: 'ms', pass: pb.exact.p50 <= TARGETS.p50Ms });
    targets.push({ name: 'paperboy typo p50', measured: pb.typo.p50, limit: TARGETS.p50Ms, unit: 'ms', pass: pb.typo.p50 <= TARGETS.p50Ms });
    targets.push({ name: 'paperboy exact p99', measured: pb.exact.p99, limit: TARGETS.p99Ms, unit: 'ms', pass: pb.exact.p99 <= TARGETS.p99Ms });
    targets.push({ name: 'paperboy typo p99', measured: pb.typo.p99, limit: TARGETS.p99Ms, unit: 'ms', pass: pb.typo.p99 <= TARGETS.p99Ms });
    targets.push({ name: 'paperboy heap after build (corpus + index)', measured: pb.heap.afterBuildMB, limit: TARGETS.heapMB, unit: 'MB', pass: pb.heap.afterBuildMB <= TARGETS.heapMB });
  }
  const startupLines: string[] = [];
  if (startup) {
    const walls = startup.runs.map((r) => r.wallToFirstAnswerMs);
    const median = percentile(walls, 50);
    const heaps = startup.runs.map((r) => r.heapServingMB).filter((h): h is number => h !== null);
    const heapServing = heaps.length ? Math.max(...heaps) : null;
    const fromSnapshot = startup.runs.every((r) => r.source === 'snapshot');
    targets.push({ name: 'start-up to first answer from the snapshot (median of runs)', measured: median, limit: TARGETS.startupMs, unit: 'ms', pass: fromSnapshot && median <= TARGETS.startupMs });
    targets.push({ name: 'heap while serving after start-up (seed papers + loaded index)', measured: heapServing, limit: TARGETS.heapMB, unit: 'MB', pass: heapServing !== null && heapServing <= TARGETS.heapMB });
    const b = startup.breakdown;
    // The papers load as bytes and are parsed on demand; once the store has taken them all they
    // are objects and the bytes are dropped: that state must fit too.
    const heapAll = b.heapAllPapersMB ?? null;
    targets.push({ name: 'heap once every paper is parsed (as after the store upsert)', measured: heapAll, limit: TARGETS.heapMB, unit: 'MB', pass: heapAll !== null && heapAll <= TARGETS.heapMB });
    startupLines.push(`Start-up (fresh \`node\` process on the bundled start-up script → loadOrBuildIndex (pages checked against their recorded stamps) → first searchPapers), ${startup.runs.length} runs: ` +
      `${walls.map((w) => `${fmt(w, 0)} ms`).join(', ')} (median ${fmt(median, 0)} ms, mean ${fmt(mean(walls), 0)} ms; index from ${startup.runs.map((r) => r.source).join('/')}).`);
    startupLines.push('');
    startupLines.push('| start-up phase (one fresh process) | ms |');
    startupLines.push('|---|---:|');
    const phase = (label: string, key: string): void => {
      startupLines.push(`| ${label} | ${fmt(b[key] as number, 0)} |`);
    };
    phase('node boot and the bundle loaded (to the first line of the script)', 'nodeBootMs');
    phase('imports (seed loader, snapshot, search, pino)', 'importsMs');
    phase('snapshot header line read and checked', 'headerCheckMs');
    phase('seedCorpusSource: the seed pages\' stamps compared with those recorded beside the snapshot (read + sha256 only when one changed)', 'seedFingerprintMs');
    phase(`read the rest of the snapshot file (${fmt(mb(b.snapshotBytes as number), 0)} MB in all)`, 'readSnapshotMs');
    phase('CRC-32 of the three sections (in the bot, each overlaps the reads of the others)', 'checksumMs');
    phase('loadSearchIndex (JSON.parse of ids, terms and words; typed arrays viewed in place, postings checked; paper line offsets and ids checked; papers left as bytes, typo word map left for after start)', 'loadSearchIndexMs');
    phase('first searchPapers', 'firstQueryMs');
    phase('total, from the process time origin', 'totalFromTimeOriginMs');
    phase('after serving starts: every paper parsed (allPapers, as the store upsert does)', 'allPapersParsedMs');
    startupLines.push('');
    startupLines.push(`Snapshot prepared by loadOrBuildIndex in ${fmt(startup.prepare.ms / 1000, 1)} s (${startup.prepare.source === 'built' ? 'built and saved: the snapshot was missing or stale' : 'already up to date'}).`);
  }
  const targetLines = targets.map((t) => {
    const by = t.measured === null ? '' : t.pass ? ` (${fmt(t.limit / t.measured, 1)}× headroom)` : ` (${fmt(t.measured / t.limit, 1)}× over)`;
    return `- ${t.pass ? 'PASS' : 'FAIL'} ${t.name}: ${fmt(t.measured, t.unit === 'ms' && (t.measured ?? 0) < 100 ? 2 : 0)} ${t.unit} ≤ ${t.limit} ${t.unit}${by}`;
  });

  const kinds = new Map<string, number>();
  for (const k of typoKinds) kinds.set(k, (kinds.get(k) ?? 0) + 1);
  const header = [
    `Corpus: ${meta.papers.toLocaleString('en')} generated papers (generator v${meta.generatorVersion}, seed ${meta.seed}), ` +
      `${meta.distinctWords.toLocaleString('en')} distinct words (${meta.seedWordCount.toLocaleString('en')} from the seed papers), ` +
      `title ${fmt(meta.titleWords.mean, 1)} words (seeds ${fmt(meta.seedTitleWordsMean, 1)}), abstract ${fmt(meta.abstractWords.mean, 0)} words (seeds ${fmt(meta.seedAbstractWordsMean, 0)}), ` +
      `${fmt(meta.hyphenatedTokenShare * 100, 1)}% hyphenated and ${fmt(meta.accentedTokenShare * 100, 1)}% accented tokens; papers JSON ${fmt(mb(meta.papersJsonBytes), 0)} MB.`,
    `Queries: ${flags.queries} exact + ${flags.queries} typo (${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}), 1–3 words; ` +
      `latency over ${flags.rounds} measured passes per set after one warm-up pass of both, process.hrtime.bigint() per query.`,
    'Heap: process.memoryUsage() heapUsed + arrayBuffers (typed arrays live outside the V8 heap) after two global.gc(), minus the same reading before the corpus was read; corpus + index with the papers still referenced.',
  ];
  const text = [...header, '', ...lines, '', ...startupLines, '', 'Targets:', ...targetLines].join('\n');
  return { text, targets };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
