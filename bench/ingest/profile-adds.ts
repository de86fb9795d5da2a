/**
 * Where adding papers to a 100k-paper index, and the queries right after, spend their time:
 * `node --expose-gc --import tsx bench/ingest/profile-adds.ts [--cpu-prof]`. Loads (or first builds) the
 * profiling tools' index (bench/speed/profile-index.ts), adds 10 batches of 100 papers step by step,
 * printing each batch's total and longest step, then times 20 distinct queries on the segmented view
 * against the same 20 on the frozen index.
 */
import { readFileSync } from 'node:fs';
import type { Paper } from '../../src/core/paper.js';
import { searchPapers } from '../../src/core/search/search-index.js';
import { addPapersSteps, segmentedIndex } from '../../src/core/search/segments.js';
import { ensureCorpus } from '../speed/corpus-cache.js';
import { profileIndex } from '../speed/profile-index.js';
import { generateBenchQueries } from '../speed/queries.js';

const index = await profileIndex(console.log);
const corpus = await ensureCorpus(100_000, 42, console.log);
const vocabulary = JSON.parse(readFileSync(corpus.vocabularyPath, 'utf8')) as string[];
const abstracts: string[] = [];
for (let i = 0; i < 5000; i++) abstracts.push(index.papers.at(i).abstract);
const bq = generateBenchQueries(vocabulary, abstracts, 200, 0, 7);
const queries = [...bq.measured.exact, ...bq.measured.typo, ...bq.measured.phrase, ...bq.measured.exclusion];
let current = segmentedIndex(index);
for (const query of bq.warmup) searchPapers(current.index, query);
let q = 0;
for (let batch = 0; batch < 10; batch++) {
  const fresh: Paper[] = [];
  for (let i = 0; i < 100; i++) {
    const a = index.papers.at((batch * 7919 + i * 104729) % index.papers.length);
    fresh.push({ ...a, id: `new-${batch}-${i}`, title: `${a.title} revisited`, arxivId: `2612.${10000 + batch * 100 + i}` });
  }
  const steps = addPapersSteps(current, fresh);
  const t0 = performance.now();
  let longest = 0;
  let count = 0;
  for (;;) {
    const s = performance.now();
    const r = steps.next();
    longest = Math.max(longest, performance.now() - s);
    count++;
    if (r.done) {
      current = r.value;
      break;
    }
  }
  const addMs = performance.now() - t0;
  const seg: number[] = [];
  const frozen: number[] = [];
  for (let i = 0; i < 40; i++) {
    const query = queries[q++ % queries.length]!;
    let t = performance.now();
    searchPapers(current.index, query);
    seg.push(performance.now() - t);
    t = performance.now();
    searchPapers(index, query);
    frozen.push(performance.now() - t);
  }
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  console.log(`batch ${batch}: add ${addMs.toFixed(0)} ms in ${count} steps, longest ${longest.toFixed(1)} ms, segments ${current.segments.length}; 40 queries segmented ${sum(seg).toFixed(0)} ms (max ${Math.max(...seg).toFixed(1)}), frozen ${sum(frozen).toFixed(0)} ms (max ${Math.max(...frozen).toFixed(1)})`);
}
