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
 * passes over each query set after the cold one (3)  --startup-runs K (3)  --engines a,b,c (all)
 * --soak N distinct soak queries (20000)  --scifact DIR (../shared/data/scifact beside the repo)
 */
import { spawn } from 'node:child_process';
import { bundle } from '../../bin/build.js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE_DIR, ensureCorpus } from './corpus-cache.js';
import { HEAPS } from './corpus-generator.js';
import { ENGINE_NAMES, type EngineName } from './engines.js';
import type { Paper } from '../../src/core/paper.js';
import { generateBenchQueries, QUERY_KINDS } from './queries.js';
import { textStats, type TextStats } from './text-stats.js';
import { mean, percentile } from './stats.js';
import type { WorkerResult } from './worker.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const RESULTS = join(ROOT, 'bench', 'results', 'speed.json');

export const TARGETS = { p50Ms: 2, p99Ms: 15, heapMB: 400, startupMs: 1500, eventLoopMs: 50 } as const;

interface Flags {
  readonly papers: number;
  readonly queries: number;
  readonly seed: number;
  readonly rounds: number;
  readonly startupRuns: number;
  readonly engines: readonly EngineName[];
  readonly soak: number;
  readonly scifact: string;
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
    soak: int('soak', 20_000),
    scifact: get('scifact') ?? resolve(ROOT, '..', '..', 'shared', 'data', 'scifact'),
  };
}

/** Title + abstract texts of SciFact's corpus.jsonl, or null when it is not there. */
function scifactTexts(dir: string): string[] | null {
  try {
    return readFileSync(join(dir, 'corpus.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const d = JSON.parse(line) as { title: string; text: string };
        return `${d.title} ${d.text}`;
      });
  } catch {
    return null;
  }
}

/** Mean share of the top-10 ids two engines have in common, over the queries both answered. */
function overlap(a: readonly (readonly string[])[] | undefined, b: readonly (readonly string[])[] | undefined): number | null {
  if (!a || !b) return null;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = new Set(b[i] ?? []);
    const size = Math.max(x.length, y.size);
    if (size === 0) continue;
    sum += x.filter((id) => y.has(id)).length / size;
    n++;
  }
  return n === 0 ? null : sum / n;
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
  // The corpus's statistics at SciFact's size (its first 5,183 papers), next to SciFact's own.
  const scifact = scifactTexts(flags.scifact);
  const { abstracts, stats: generatedStats } = ((): { abstracts: string[]; stats: TextStats } => {
    const papers = JSON.parse(readFileSync(corpus.papersPath, 'utf8')) as Paper[];
    const texts = papers.slice(0, scifact?.length ?? 5183).map((p) => `${p.title} ${p.abstract}`);
    return { abstracts: papers.map((p) => p.abstract), stats: textStats(texts) };
  })();
  const scifactStats = scifact ? textStats(scifact) : null;
  const queries = generateBenchQueries(vocabulary, abstracts, flags.queries, flags.soak, flags.seed);
  const queriesPath = join(corpus.dir, `queries-v2-s${flags.seed}-q${flags.queries}-k${flags.soak}.json`);
  writeFileSync(queriesPath, JSON.stringify(queries));
  log(`corpus: ${corpus.meta.papers.toLocaleString('en')} papers, ${corpus.meta.distinctWords.toLocaleString('en')} distinct words (${corpus.fromCache ? 'cached' : 'generated'}); ${flags.queries} queries per set, ${queries.warmup.length} warm-up, ${queries.soak.length} soak`);

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
  const firstQuery = queries.measured.exact.find((q) => q.includes(' ')) ?? queries.measured.exact[0]!;
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

  const report = buildReport(flags, corpus.meta, engines, startup, queries.typoKinds, { generated: generatedStats, scifact: scifactStats });
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
    queries: queries.measured,
    corpusStats: { generatedFirstPapers: generatedStats, scifact: scifactStats },
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
  stats: { generated: TextStats; scifact: TextStats | null },
): { text: string; targets: TargetCheck[] } {
  const pb = engines.paperboy;
  const ms = engines.minisearch;
  const fx = engines.flexsearch;
  const snap = (r: WorkerResult | undefined) => (r && 'bytes' in r.snapshot ? r.snapshot : null);
  type Row = { label: string; get: (r: WorkerResult) => number | null | undefined; digits?: number; noRatio?: boolean };
  const rows: Row[] = [
    { label: 'build (s)', get: (r) => r.buildMs / 1000, digits: 1 },
    { label: 'max event-loop delay while building (ms)', get: (r) => r.buildEventLoopDelayMaxMs, digits: 0 },
    { label: 'heap after build, corpus + index (MB)', get: (r) => r.heap.afterBuildMB, digits: 0 },
    { label: '  of which index (MB)', get: (r) => r.heap.indexMB, digits: 0 },
    { label: 'heap after build, the corpus copy dropped: the index alone, as the bot holds it (MB)', get: (r) => r.heap.builtAloneMB, digits: 0 },
    { label: 'snapshot size (MB)', get: (r) => (snap(r) ? mb(snap(r)!.bytes) : null), digits: 0 },
    { label: 'snapshot export (s)', get: (r) => (snap(r) ? snap(r)!.exportMs / 1000 : null), digits: 2 },
    { label: 'snapshot load (s)', get: (r) => (snap(r) ? snap(r)!.loadMs / 1000 : null), digits: 2 },
  ];
  for (const kind of QUERY_KINDS) {
    for (const pass of ['cold', 'warm'] as const) {
      rows.push({ label: `${kind} p50, ${pass} (ms)`, get: (r) => r.sets[kind]?.[pass].p50, digits: 2 });
      rows.push({ label: `${kind} p99, ${pass} (ms)`, get: (r) => r.sets[kind]?.[pass].p99, digits: 2 });
    }
  }
  for (const kind of QUERY_KINDS) rows.push({ label: `${kind}: mean papers matched`, get: (r) => r.sets[kind]?.meanTotal, digits: 0, noRatio: true });
  for (const kind of QUERY_KINDS) rows.push({ label: `${kind}: queries with no answer`, get: (r) => r.sets[kind]?.noResults, digits: 0, noRatio: true });
  const lines: string[] = [];
  lines.push(`| ${flags.papers.toLocaleString('en')} papers | paperboy | MiniSearch defaults | FlexSearch 0.8 | paperboy ÷ MiniSearch | paperboy ÷ FlexSearch |`);
  lines.push('|---|---:|---:|---:|---:|---:|');
  for (const row of rows) {
    const v = (r: WorkerResult | undefined): number | null => (r ? (row.get(r) ?? null) : null);
    const ratioCell = (other: WorkerResult | undefined): string => (row.noRatio ? '' : ratio(v(pb), v(other)));
    lines.push(`| ${row.label} | ${fmt(v(pb), row.digits)} | ${fmt(v(ms), row.digits)} | ${fmt(v(fx), row.digits)} | ${ratioCell(ms)} | ${ratioCell(fx)} |`);
  }
  lines.push('');
  lines.push('Top-10 overlap with MiniSearch defaults (mean share of the ten ids in common; its phrase set is an AND of the words, no positions):');
  for (const kind of QUERY_KINDS) {
    lines.push(`- ${kind}: paperboy ${fmt(overlap(pb?.sets[kind]?.top10, ms?.sets[kind]?.top10), 2)}, FlexSearch ${fmt(overlap(fx?.sets[kind]?.top10, ms?.sets[kind]?.top10), 2)}`);
  }
  const soak = pb?.soak ?? null;
  if (soak) {
    lines.push('');
    lines.push(
      `Soak (paperboy, the index loaded from its snapshot, every paper parsed, then ${soak.queries.toLocaleString('en')} distinct queries of all kinds, one per macrotask): ` +
        `${fmt(soak.wallMs / 1000, 1)} s; query wall time p50 ${fmt(soak.query.p50, 2)} / p99 ${fmt(soak.query.p99, 2)} / max ${fmt(soak.query.max, 1)} ms, ` +
        `CPU time p50 ${fmt(soak.queryCpu.p50, 2)} / p99 ${fmt(soak.queryCpu.p99, 2)} / max ${fmt(soak.queryCpu.max, 1)} ms; ` +
        `event-loop delay p50 ${fmt(soak.eventLoopDelay.p50, 1)} / p99 ${fmt(soak.eventLoopDelay.p99, 1)} / max ${fmt(soak.eventLoopDelay.max, 1)} ms; ` +
        `${soak.partialAnswers} answers cut short at the work budget; heap after (heapUsed + arrayBuffers, two gc()) ${fmt(soak.heapAfterSoakMB, 0)} MB, RSS ${fmt(soak.rssAfterSoakMB, 0)} MB.`,
    );
  }

  const targets: TargetCheck[] = [];
  const target = (name: string, measured: number | null | undefined, limit: number, unit: string): void => {
    const m = measured ?? null;
    targets.push({ name, measured: m, limit, unit, pass: m !== null && m <= limit });
  };
  if (pb) {
    for (const kind of QUERY_KINDS) {
      for (const pass of ['cold', 'warm'] as const) {
        target(`paperboy ${kind} p50 (${pass})`, pb.sets[kind]?.[pass].p50, TARGETS.p50Ms, 'ms');
        target(`paperboy ${kind} p99 (${pass})`, pb.sets[kind]?.[pass].p99, TARGETS.p99Ms, 'ms');
      }
    }
    target('paperboy heap after build, as the bot holds it (the index, papers included; the corpus copy dropped)', pb.heap.builtAloneMB, TARGETS.heapMB, 'MB');
    target('paperboy max event-loop delay while building the index without a snapshot', pb.buildEventLoopDelayMaxMs, TARGETS.eventLoopMs, 'ms');
    if (soak) {
      target('paperboy steady-state heap after the soak', soak.heapAfterSoakMB, TARGETS.heapMB, 'MB');
      target('paperboy max event-loop delay during the soak', soak.eventLoopDelay.max, TARGETS.eventLoopMs, 'ms');
    }
  }
  const startupLines: string[] = [];
  if (startup) {
    const walls = startup.runs.map((r) => r.wallToFirstAnswerMs);
    const median = percentile(walls, 50);
    const heaps = startup.runs.map((r) => r.heapServingMB).filter((h): h is number => h !== null);
    const heapServing = heaps.length ? Math.max(...heaps) : null;
    const fromSnapshot = startup.runs.every((r) => r.source === 'snapshot');
    targets.push({ name: 'start-up to first answer from the snapshot (median of runs)', measured: median, limit: TARGETS.startupMs, unit: 'ms', pass: fromSnapshot && median <= TARGETS.startupMs });
    const b = startup.breakdown;
    target('heap while serving after start-up (seed papers + loaded index)', heapServing, TARGETS.heapMB, 'MB');
    target('heap once every paper is parsed (as after the store upsert)', b.heapAllPapersMB ?? null, TARGETS.heapMB, 'MB');
    startupLines.push(`Start-up (fresh \`node\` process on the bundled start-up script → loadOrBuildIndex (pages checked against their recorded stamps, sections checksummed) → first searchPapers), ${startup.runs.length} runs: ` +
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
    phase('loadSearchIndex (JSON.parse of ids, terms, words and phrase tokens; typed arrays viewed in place, postings and positions checked; papers left as bytes, typo word map left for after start)', 'loadSearchIndexMs');
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
  const g = stats.generated;
  const sf = stats.scifact;
  const statRow = (label: string, get: (t: TextStats) => number, digits: number): string => `| ${label} | ${fmt(get(g), digits)} | ${sf ? fmt(get(sf), digits) : 'n/a'} |`;
  const predicted = HEAPS.k * (meta.tokens ?? 0) ** HEAPS.beta;
  const header = [
    `Corpus: ${meta.papers.toLocaleString('en')} generated papers (generator v${meta.generatorVersion}, seed ${meta.seed}: seed word bigrams + Heaps-law vocabulary), ` +
      `${meta.distinctWords.toLocaleString('en')} distinct words in ${(meta.tokens ?? 0).toLocaleString('en')} tokens (Heaps' law with SciFact's fit predicts ${fmt(predicted, 0)}), ` +
      `title ${fmt(meta.titleWords.mean, 1)} words (seeds ${fmt(meta.seedTitleWordsMean, 1)}), abstract ${fmt(meta.abstractWords.mean, 0)} words (seeds ${fmt(meta.seedAbstractWordsMean, 0)}), ` +
      `${fmt(meta.hyphenatedTokenShare * 100, 1)}% hyphenated and ${fmt(meta.accentedTokenShare * 100, 1)}% accented tokens; papers JSON ${fmt(mb(meta.papersJsonBytes), 0)} MB.`,
    '',
    `| text statistics (words: whitespace-split, edge punctuation stripped, lower-cased) | generated, first ${g.documents.toLocaleString('en')} papers | SciFact corpus (${sf ? sf.documents.toLocaleString('en') : 'n/a'} abstracts) |`,
    '|---|---:|---:|',
    statRow('tokens', (t) => t.tokens, 0),
    statRow('distinct words', (t) => t.distinctWords, 0),
    statRow('share of words seen once (hapaxes)', (t) => t.hapaxShare, 3),
    statRow("Heaps' law K (V = K n^beta, least squares on 20 points)", (t) => t.heaps.k, 1),
    statRow("Heaps' law beta", (t) => t.heaps.beta, 3),
    statRow('share of word pairs (bigram tokens) whose pair occurs 2+ times', (t) => t.repeatedBigramShare, 3),
    statRow('words per document', (t) => t.meanWordsPerDocument, 0),
    '',
    `Queries: ${flags.queries} per set, all distinct: exact (1–3 words), typo (one edit in one word of 5+ letters: ${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}), ` +
      `phrase (a quoted 2–3-word run cut from a paper's abstract, a third with one more word), exclusion (1–2 words and one -word). ` +
      `Warm-up: ${flags.queries} more of each kind, none measured. Cold = the first pass over the measured queries (never seen before), warm = ${flags.rounds} more passes over them; process.hrtime.bigint() per query.`,
    'Heap: process.memoryUsage() heapUsed + arrayBuffers (typed arrays live outside the V8 heap) after two global.gc(), minus the same reading before the corpus was read; corpus + index with the papers still referenced. The soak heap is absolute (nothing subtracted).',
  ];
  const text = [...header, '', ...lines, '', ...startupLines, '', 'Targets:', ...targetLines].join('\n');
  return { text, targets };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
