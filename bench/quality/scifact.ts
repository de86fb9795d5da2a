/**
 * BEIR SciFact for the quality bench: load the corpus, queries and qrels, and run queries through
 * the search paperboy ships (buildSearchIndex + searchPapers, no benchmark-only path) or through
 * MiniSearch with its defaults, for the baseline. Only title and text of each abstract reach an
 * index (the data set's rules).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import type { Paper } from '../../src/core/paper.js';
import { buildSearchIndex, searchPapers, type SearchIndex } from '../../src/core/search/search-index.js';
import { DEFAULT_SEARCH_SETTINGS, type SearchSettings } from '../../src/core/search/search-settings.js';
import { parseQrels, type RunEntry } from './trec-metrics.js';

export interface ScifactDoc {
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

export interface Scifact {
  readonly dir: string;
  readonly docs: readonly ScifactDoc[];
  /** query id -> query text */
  readonly queries: ReadonlyMap<string, string>;
  readonly qrels: { readonly train: Map<string, Map<string, number>>; readonly test: Map<string, Map<string, number>> };
}

export type Split = 'train' | 'test';

/** `../shared/data/scifact` next to the repo root, the repo root being two levels above this file. */
export const DEFAULT_DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'data', 'scifact');

/** The value of `--name VALUE` or `--name=VALUE` in argv, or undefined. */
export function flag(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === `--${name}`) return argv[i + 1];
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}

function jsonLines<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

export function loadScifact(dir: string = DEFAULT_DATA_DIR): Scifact {
  let docs: ScifactDoc[];
  try {
    docs = jsonLines<{ _id: string; title: string; text: string }>(join(dir, 'corpus.jsonl')).map((d) => ({ id: String(d._id), title: d.title ?? '', text: d.text ?? '' }));
  } catch (error) {
    throw new Error(`cannot read SciFact from ${dir} (${(error as Error).message}); pass --data DIR`);
  }
  const queries = new Map(jsonLines<{ _id: string; text: string }>(join(dir, 'queries.jsonl')).map((q) => [String(q._id), q.text]));
  const qrels = {
    train: parseQrels(readFileSync(join(dir, 'qrels', 'train.tsv'), 'utf8')),
    test: parseQrels(readFileSync(join(dir, 'qrels', 'test.tsv'), 'utf8')),
  };
  return { dir, docs, queries, qrels };
}

/** A SciFact abstract as the Paper the bot would index: title and abstract, nothing else. */
export function toPaper(doc: ScifactDoc): Paper {
  return { id: doc.id, title: doc.title, abstract: doc.text, searchAliases: '', listedOn: null, sources: [], codeLinks: [], otherLinks: [], sourceUpvotes: null };
}

export const RUN_DEPTH = 100;

export function buildPaperboyIndex(data: Scifact, settings: SearchSettings = DEFAULT_SEARCH_SETTINGS): SearchIndex {
  return buildSearchIndex(data.docs.map(toPaper), settings);
}

function queryIds(data: Scifact, split: Split): string[] {
  return [...data.qrels[split].keys()];
}

/**
 * The split's queries through searchPapers, exactly as /papers runs them, top RUN_DEPTH.
 * `phraseFallback: false` counts results for the words of an unmatched quoted phrase as no
 * results, which is what search answered before it fell back (for the paired comparison).
 */
export function runPaperboy(index: SearchIndex, data: Scifact, split: Split, options: { phraseFallback?: boolean } = {}): Map<string, RunEntry[]> {
  const run = new Map<string, RunEntry[]>();
  for (const qid of queryIds(data, split)) {
    const outcome = searchPapers(index, data.queries.get(qid) ?? '', { limit: RUN_DEPTH });
    const answered = outcome.kind === 'results' && (options.phraseFallback !== false || !outcome.unmatchedPhrases);
    run.set(qid, answered ? outcome.hits.map((h) => ({ docid: h.paper.id, score: h.score })) : []);
  }
  return run;
}

export function buildMiniSearchDefaults(data: Scifact): MiniSearch<ScifactDoc> {
  const engine = new MiniSearch<ScifactDoc>({ fields: ['title', 'text'] });
  engine.addAll(data.docs);
  return engine;
}

/** The baseline: MiniSearch with its defaults, `search(query)`, top RUN_DEPTH. */
export function runMiniSearchDefaults(engine: MiniSearch<ScifactDoc>, data: Scifact, split: Split): Map<string, RunEntry[]> {
  const run = new Map<string, RunEntry[]>();
  for (const qid of queryIds(data, split)) {
    const results = engine.search(data.queries.get(qid) ?? '');
    run.set(qid, results.slice(0, RUN_DEPTH).map((r) => ({ docid: String(r.id), score: r.score })));
  }
  return run;
}
