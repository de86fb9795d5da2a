/**
 * Where a query's time goes at 100k papers: `node --expose-gc --import tsx bench/speed/profile.ts
 * [--cpu-prof] [--kind exact|typo|phrase|exclusion|soak] [--top 15]`. Loads the bench corpus's
 * index (built once and kept as bench/.cache/speed/profile-index.bin), runs one query set cold
 * (each query once, never seen before) and prints per-query times, the slowest queries with
 * their term counts, and the heap. A tool for finding hot spots (run it under --cpu-prof), not
 * a benchmark: bench:speed is the measurement.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCorpus } from './corpus-cache.js';
import { allPapers, paperCount, searchPapers } from '../../src/core/search/search-index.js';
import { profileIndex } from './profile-index.js';
import { percentile } from './stats.js';
import type { BenchQueries } from './queries.js';

const flag = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const gc = (globalThis as { gc?: () => void }).gc;
const heapMB = (): number => {
  gc?.();
  gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 1048576;
};

const { dir } = await ensureCorpus(100_000, 42, console.log);
const index = await profileIndex(console.log);
console.log(`heap after load: ${heapMB().toFixed(0)} MB`);
allPapers(index);
console.log(`heap after every paper parsed: ${heapMB().toFixed(0)} MB`);

const queriesFile = readFileSync(join(dir, 'queries-v2-s42-q200-k20000.json'), 'utf8');
const queries = JSON.parse(queriesFile) as BenchQueries;
for (const q of queries.warmup) searchPapers(index, q, { limit: 5 });
const kind = flag('kind') ?? 'exact';
const set = kind === 'soak' ? queries.soak : queries.measured[kind as keyof BenchQueries['measured']];
const times: { q: string; ms: number; total: number }[] = [];
const t0 = performance.now();
for (const q of set) {
  const start = performance.now();
  const outcome = searchPapers(index, q, { limit: 5 });
  times.push({ q, ms: performance.now() - start, total: outcome.kind === 'results' ? outcome.total : 0 });
}
const wall = performance.now() - t0;
const ms = times.map((t) => t.ms).sort((a, b) => a - b);
console.log(`${kind}: ${set.length} queries in ${wall.toFixed(0)} ms; p50 ${percentile(ms, 50).toFixed(2)} p90 ${percentile(ms, 90).toFixed(2)} p99 ${percentile(ms, 99).toFixed(2)} max ${ms[ms.length - 1]!.toFixed(2)} ms`);
const top = Number(flag('top') ?? 15);
for (const t of [...times].sort((a, b) => b.ms - a.ms).slice(0, top)) console.log(`  ${t.ms.toFixed(2).padStart(8)} ms  ${String(t.total).padStart(6)} hits  ${t.q}`);
// paperCount keeps the index reachable through the heap reading.
console.log(`heap after: ${heapMB().toFixed(0)} MB (${paperCount(index)} papers)`);
