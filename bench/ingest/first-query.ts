/**
 * What a query costs right after papers are added as a segment, at 100k papers: `node --expose-gc
 * --import tsx bench/ingest/first-query.ts`. Loads (or first builds) the profiling tools' index
 * (bench/speed/profile-index.ts), adds 10 batches of 100 papers synchronously, and after each batch times 20 distinct
 * queries, the first apart. A tool for finding where a slow query after an add comes from.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Paper } from '../../src/core/paper.js';
import { searchPapers } from '../../src/core/search/search-index.js';
import { addPapersSteps, segmentedIndex } from '../../src/core/search/segments.js';
import { runSteps } from '../../src/core/search/work-steps.js';
import { CACHE_DIR } from '../speed/corpus-cache.js';
import { profileIndex } from '../speed/profile-index.js';
import type { BenchQueries } from '../speed/queries.js';

const index = await profileIndex(console.log);
const queries = (JSON.parse(readFileSync(join(CACHE_DIR, 'corpus-g2-s42-n100000', 'queries-v2-s42-q200-k20000.json'), 'utf8')) as BenchQueries).soak;
let current = segmentedIndex(index);
let q = 0;
for (const query of queries.slice(0, 200)) searchPapers(current.index, query);
for (let batch = 0; batch < 10; batch++) {
  const fresh: Paper[] = [];
  for (let i = 0; i < 100; i++) {
    const a = index.papers.at((batch * 7919 + i * 104729) % index.papers.length);
    fresh.push({ ...a, id: `new-${batch}-${i}`, title: `${a.title} revisited`, arxivId: `2612.${10000 + batch * 100 + i}` });
  }
  const t0 = performance.now();
  current = runSteps(addPapersSteps(current, fresh));
  const addMs = performance.now() - t0;
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    searchPapers(current.index, queries[200 + q++]!);
    times.push(performance.now() - t);
  }
  const rest = times.slice(1).sort((x, y) => x - y);
  console.log(`batch ${batch}: add ${addMs.toFixed(0)} ms, segments ${current.segments.length}; first query ${times[0]!.toFixed(1)} ms, then p50 ${rest[9]!.toFixed(2)} max ${rest[rest.length - 1]!.toFixed(2)} ms`);
}
