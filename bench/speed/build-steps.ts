/**
 * The longest steps of the sliced index build at 100k papers: `node --expose-gc --import tsx
 * bench/speed/build-steps.ts [--top 10]`. Each step of buildSearchIndexSteps is timed with the
 * build's progress at that point (0-0.8 indexing, 0.85 freezing, 0.99 phrase positions, 1 the word
 * list), so a step that holds the event loop can be found. A tool, not a benchmark: bench:speed
 * prints the event-loop delay the bot would see.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import type { Paper } from '../../src/core/paper.js';
import { buildSearchIndexSteps } from '../../src/core/search/search-index.js';
import { ensureCorpus } from './corpus-cache.js';

const i = process.argv.indexOf('--top');
const top = i >= 0 ? Number(process.argv[i + 1]) : 10;
const { dir } = await ensureCorpus(100_000, 42, console.log);
const papers = JSON.parse(readFileSync(join(dir, 'papers.json'), 'utf8')) as Paper[];
const gcs: { start: number; ms: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcs.push({ start: e.startTime, ms: e.duration });
}).observe({ entryTypes: ['gc'] });
const steps = buildSearchIndexSteps(papers);
const slow: { ms: number; progress: number; at: number; index: number }[] = [];
let n = 0;
let progress = 0;
for (;;) {
  const start = performance.now();
  const r = steps.next();
  const ms = performance.now() - start;
  if (!r.done && typeof r.value === 'number') progress = r.value;
  slow.push({ ms, progress, at: start, index: n++ });
  if (ms > 40) await new Promise((resolve) => setImmediate(resolve));
  if (r.done) break;
}
slow.sort((a, b) => b.ms - a.ms);
console.log(`${n} steps`);
for (const s of slow.slice(0, top)) {
  const gc = gcs.filter((g) => g.start >= s.at && g.start <= s.at + s.ms).reduce((sum, g) => sum + g.ms, 0);
  console.log(`  ${s.ms.toFixed(1).padStart(7)} ms  step ${s.index}  progress ${s.progress.toFixed(3)}  (GC within: ${gc.toFixed(1)} ms)`);
}
