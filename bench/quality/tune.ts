/**
 * Tuning sweeps for the search settings on the SciFact TRAIN split only (the test split is never
 * looked at here): `npx tsx bench/quality/tune.ts [--data DIR] [--sweep NAME]`.
 *
 * Each sweep varies some search-time fields of SearchSettings around DEFAULT_SEARCH_SETTINGS and
 * prints train nDCG@10 and Recall@100 per candidate, best first. The index is built once: every
 * swept field is read from index.settings at query time, so a candidate is the shipped index
 * with other settings, searched through the same searchPapers. The values chosen, with their
 * train figures, are recorded in BENCHMARKS.md.
 */
import { type SearchIndex } from '../../src/core/search/search-index.js';
import { DEFAULT_SEARCH_SETTINGS, type SearchSettings } from '../../src/core/search/search-settings.js';
import { buildPaperboyIndex, DEFAULT_DATA_DIR, flag, loadScifact, runPaperboy, type Scifact } from './scifact.js';
import { evaluate, formatRun, parseRun } from './trec-metrics.js';

type Patch = (s: SearchSettings) => SearchSettings;

const D = DEFAULT_SEARCH_SETTINGS;
const bm25 = (k: number, b: number, d: number): Patch => (s) => ({ ...s, bm25: { k, b, d } });
const title = (t: number): Patch => (s) => ({ ...s, boost: { ...s.boost, title: t } });
const coord = (c: number): Patch => (s) => ({ ...s, coordination: c });
const all =
  (...patches: Patch[]): Patch =>
  (s) =>
    patches.reduce((acc, p) => p(acc), s);

function grid<A, B>(as: readonly A[], bs: readonly B[]): [A, B][] {
  return as.flatMap((a) => bs.map((b) => [a, b] as [A, B]));
}

const SWEEPS: Record<string, () => { name: string; patch: Patch }[]> = {
  /** Coordination exponent and title boost at the old BM25 parameters (k=1.2 b=0.7 d=0.5). */
  coord: () =>
    grid([0, 0.5, 1, 1.5, 2], [1, 1.5, 2, 3]).map(([c, t]) => ({ name: `coordination=${c} title=${t}`, patch: all(bm25(1.2, 0.7, 0.5), coord(c), title(t)) })),
  /** BM25 k1, b and d (0: plain BM25, 0.5: MiniSearch's BM25+) at title=1, for two coordination exponents. */
  bm25: () =>
    grid(grid([0.9, 1.2, 1.5], [0.4, 0.55, 0.7, 0.85]), grid([0, 0.5], [0, 0.5])).map(([[k, b], [d, c]]) => ({
      name: `k=${k} b=${b} d=${d} coordination=${c}`,
      patch: all(title(1), coord(c), bm25(k, b, d)),
    })),
  /** Larger k1 than the first grid tried, with d=0, at the chosen title boost and coordination. */
  k: () => grid([1.5, 1.8, 2.1], [0.55, 0.7, 0.85]).map(([k, b]) => ({ name: `k=${k} b=${b} d=0`, patch: bm25(k, b, 0) })),
  /** Title boost below and around 1 at the chosen BM25 parameters. */
  title: () => [0.5, 0.75, 1, 1.25].map((t) => ({ name: `title=${t}`, patch: title(t) })),
};

function score(index: SearchIndex, data: Scifact, settings: SearchSettings): { ndcg: number; recall: number } {
  const run = runPaperboy({ ...index, settings }, data, 'train');
  const ev = evaluate(parseRun(formatRun(run, 'tune')), data.qrels.train);
  return { ndcg: ev.ndcg, recall: ev.recall };
}

function main(): void {
  const argv = process.argv.slice(2);
  const data = loadScifact(flag(argv, 'data') ?? DEFAULT_DATA_DIR);
  const index = buildPaperboyIndex(data, D);
  const names = flag(argv, 'sweep')?.split(',') ?? Object.keys(SWEEPS);
  const base = score(index, data, D);
  console.log(`train, shipped defaults: nDCG@10 ${base.ndcg.toFixed(4)} R@100 ${base.recall.toFixed(4)}`);
  for (const name of names) {
    const sweep = SWEEPS[name];
    if (!sweep) throw new Error(`no sweep ${name}; sweeps: ${Object.keys(SWEEPS).join(', ')}`);
    const rows = sweep().map(({ name: label, patch }) => ({ label, ...score(index, data, patch(D)) }));
    rows.sort((a, b) => b.ndcg - a.ndcg);
    console.log(`\n## sweep ${name} (train, best first)`);
    for (const r of rows) console.log(`${r.ndcg.toFixed(4)}  R@100 ${r.recall.toFixed(4)}  ${r.label}`);
  }
}

main();
