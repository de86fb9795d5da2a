/**
 * Search-quality bench on BEIR SciFact: `npm run bench:quality [-- --data DIR]`.
 *
 * Indexes the 5,183 abstracts with the search paperboy ships (DEFAULT_SEARCH_SETTINGS), runs the
 * 300 test and 809 train queries through searchPapers, writes TREC run files to bench/results/
 * and prints nDCG@10 and Recall@100 as trec_eval 9.0.4+ computes them (`-c -m ndcg_cut.10 -m
 * recall.100`) next to MiniSearch with its defaults, measured in the same run, and the published
 * references; then, per split, the paired per-query comparison of the shipped search with
 * MiniSearch defaults and with each adopted change undone (mean difference ± standard error).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEARCH_SETTINGS } from '../../src/core/search/search-settings.js';
import { buildMiniSearchDefaults, buildPaperboyIndex, DEFAULT_DATA_DIR, flag, loadScifact, runMiniSearchDefaults, runPaperboy, type Split } from './scifact.js';
import { formatPaired, pairedDifference, type Paired } from './paired.js';
import { evaluate, formatRun, parseRun, type Evaluation, type Run } from './trec-metrics.js';

/** The shipped search with one adopted change undone each, compared query by query. */
const ABLATIONS = ['paperboy, first stage only (no re-ranking)', 'paperboy, no phrase fallback'] as const;

const RESULTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'results');

/** Published nDCG@10 on the SciFact test split (shared/data/scifact/README.md; issue 10). */
const REFERENCES: readonly { name: string; ndcg: number; source: string }[] = [
  { name: 'BM25 flat, Lucene/Anserini (k1=0.9 b=0.4)', ndcg: 0.6789, source: 'pyserini 2cr/beir.yaml' },
  { name: 'Elasticsearch BM25', ndcg: 0.69, source: 'BM25S benchmark, as quoted in issue 10' },
  { name: 'SPLADE++ (learned sparse)', ndcg: 0.7041, source: 'pyserini 2cr/beir.yaml' },
];

/** Round-trips the run through its file text so the figures are those of the file trec_eval would read. */
function writeAndScore(run: Run, file: string | null, qrels: Parameters<typeof evaluate>[1]): Evaluation {
  const text = formatRun(run, 'paperboy');
  if (file) writeFileSync(file, text);
  return evaluate(parseRun(text), qrels);
}

function main(): void {
  const argv = process.argv.slice(2);
  const data = loadScifact(flag(argv, 'data') ?? DEFAULT_DATA_DIR);
  mkdirSync(RESULTS_DIR, { recursive: true });

  const started = performance.now();
  const index = buildPaperboyIndex(data, DEFAULT_SEARCH_SETTINGS);
  const built = performance.now();
  const baseline = buildMiniSearchDefaults(data);

  // Ablations of the adopted changes, the shipped index searched with one change undone.
  const firstStageOnly = { ...index, settings: { ...DEFAULT_SEARCH_SETTINGS, rerank: { ...DEFAULT_SEARCH_SETTINGS.rerank, depth: 0 } } };
  const rows: { system: string; split: Split; ev: Evaluation; ms: number }[] = [];
  for (const split of ['test', 'train'] as const) {
    let t = performance.now();
    const run = runPaperboy(index, data, split);
    const ms = performance.now() - t;
    rows.push({ system: 'paperboy', split, ev: writeAndScore(run, join(RESULTS_DIR, `scifact-${split}.run`), data.qrels[split]), ms });
    t = performance.now();
    const firstRun = runPaperboy(firstStageOnly, data, split);
    rows.push({ system: ABLATIONS[0], split, ev: writeAndScore(firstRun, null, data.qrels[split]), ms: performance.now() - t });
    t = performance.now();
    const strictRun = runPaperboy(index, data, split, { phraseFallback: false });
    rows.push({ system: ABLATIONS[1], split, ev: writeAndScore(strictRun, null, data.qrels[split]), ms: performance.now() - t });
    t = performance.now();
    const baseRun = runMiniSearchDefaults(baseline, data, split);
    rows.push({ system: 'MiniSearch defaults', split, ev: writeAndScore(baseRun, null, data.qrels[split]), ms: performance.now() - t });
  }

  const fig = (x: number): string => x.toFixed(4);
  const get = (system: string, split: Split): Evaluation => rows.find((r) => r.system === system && r.split === split)!.ev;
  console.log(`SciFact (${data.docs.length} abstracts) from ${data.dir}`);
  console.log(`paperboy index built in ${((built - started) / 1000).toFixed(1)} s; settings ${JSON.stringify(DEFAULT_SEARCH_SETTINGS)}`);
  console.log('');
  console.log('| system | test nDCG@10 | test Recall@100 | train nDCG@10 | train Recall@100 |');
  console.log('|---|---|---|---|---|');
  for (const system of ['paperboy', ...ABLATIONS, 'MiniSearch defaults']) {
    const test = get(system, 'test');
    const train = get(system, 'train');
    console.log(`| ${system} | ${fig(test.ndcg)} | ${fig(test.recall)} | ${fig(train.ndcg)} | ${fig(train.recall)} |`);
  }
  for (const ref of REFERENCES) console.log(`| ${ref.name} (published, ${ref.source}) | ${ref.ndcg.toFixed(4)} | | | |`);
  console.log('');
  const ndcgs = (ev: Evaluation): Map<string, number> => new Map([...ev.perQuery].map(([qid, q]) => [qid, q.ndcg]));
  console.log('Paired nDCG@10, per query: mean difference ± standard error (paired t); wins / losses / ties');
  for (const split of ['test', 'train'] as const) {
    for (const other of ['MiniSearch defaults', ...ABLATIONS]) {
      const p = pairedDifference(ndcgs(get('paperboy', split)), ndcgs(get(other, split)));
      console.log(`  ${split}, paperboy vs ${other}: ${formatPaired(p)}`);
    }
  }
  const vsMiniSearch = pairedDifference(ndcgs(get('paperboy', 'test')), ndcgs(get('MiniSearch defaults', 'test')));
  const listed = (list: Paired['bestGains']): string => list.map((d) => `${d.qid} (${d.diff >= 0 ? '+' : ''}${d.diff.toFixed(3)})`).join(', ');
  console.log(`  test, largest wins over MiniSearch defaults: ${listed(vsMiniSearch.bestGains)}`);
  console.log(`  test, largest losses to MiniSearch defaults: ${listed(vsMiniSearch.worstLosses)}`);
  console.log('');
  for (const row of rows) {
    console.log(`${row.system} ${row.split}: ${row.ev.queries} queries in ${row.ms.toFixed(0)} ms (${(row.ms / row.ev.queries).toFixed(2)} ms/query)`);
  }
  console.log(`run files: ${join(RESULTS_DIR, 'scifact-test.run')}, ${join(RESULTS_DIR, 'scifact-train.run')}`);
  console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main();
