/**
 * Every knob of the search pipeline in one place. The same settings build an index and load its
 * snapshot (MiniSearch's loadJSON throws when options differ, and a snapshot built with other
 * weights would silently rank differently), and the benches tune these same fields: there is no
 * benchmark-only path.
 */
import type { RerankSettings } from './rerank.js';

export interface SearchSettings {
  /**
   * Field weights. Title and abstract count alike: each field is scored by BM25 on its own, so a
   * title word already weighs more per occurrence (short field, higher tf saturation). On SciFact
   * train a title weight of 0.75 helps the first stage alone (nDCG@10 0.6854 vs 0.6814) but not
   * the pipeline with re-ranking (5-fold CV 0.6932 vs 0.6960), so it stays 1 (BENCHMARKS.md).
   */
  readonly boost: { readonly title: number; readonly abstract: number; readonly aliases: number };
  /**
   * BM25+ parameters as MiniSearch 7 takes them (`searchOptions.bm25`); d = 0 is plain BM25
   * (BM25+'s floor of d per matched term favoured long abstracts that mention a word once).
   */
  readonly bm25: { readonly k: number; readonly b: number; readonly d: number };
  /**
   * How much matching more of the query's distinct terms counts beyond their BM25 scores: a
   * paper's score is multiplied by (matched terms)^(coordination - 1) on top of MiniSearch's own
   * factor of (matched terms), so 1 keeps MiniSearch's ranking and 0 is the plain BM25 sum.
   */
  readonly coordination: number;
  /**
   * The second stage (rerank.ts): a linear model over lexical features re-orders the first
   * stage's best `depth` papers. `depth: 0` ranks by the first stage alone. The weights were
   * learned on SciFact train (bench/quality/train-rerank.ts; figures in BENCHMARKS.md).
   */
  readonly rerank: RerankSettings;
  /** Typo tolerance, applied only to query words the corpus has never seen (a known word is not a typo). */
  readonly fuzzy: {
    /** Words shorter than this are never treated as typos: too many short words lie one edit apart. */
    readonly minLength: number;
    /** Edits allowed for a word of minLength or more. */
    readonly edits: number;
    /** Words at least this long may take one more edit. */
    readonly longWordLength: number;
    /** Score weight of a term reached through a typo correction, relative to an exact term. */
    readonly weight: number;
    /** At most this many corrections per unknown word, best first (bounds query cost). */
    readonly maxExpansions: number;
  };
  /** How far the "did you mean" suggestion looks (edits), beyond what search itself tolerates. */
  readonly suggestEdits: number;
  /** How many of a paper's most distinctive terms "More like this" queries with. */
  readonly moreLikeThisTerms: number;
}

export const DEFAULT_SEARCH_SETTINGS: SearchSettings = Object.freeze({
  boost: Object.freeze({ title: 1, abstract: 1, aliases: 1 }),
  bm25: Object.freeze({ k: 1.5, b: 0.7, d: 0 }),
  coordination: 0.5,
  rerank: Object.freeze({ depth: 100, weights: Object.freeze([0.0981, -0.0222, 0.1791, 0.1917, 0.1635, -0.0002, -0.0018, 0, 0.1936, -0.0367, -0.009, 0.0121, -0.0121, 0.0079, -0.0065, 0.0141, 0.003, 0.0484]) }),
  fuzzy: Object.freeze({ minLength: 4, edits: 1, longWordLength: 9, weight: 0.5, maxExpansions: 4 }),
  suggestEdits: 2,
  moreLikeThisTerms: 12,
});

/** Bumped when the analyzer changes, so snapshots built by an older analyzer are rejected too. */
export const ANALYZER_VERSION = 1;

/**
 * A stable hash of the settings (key order does not matter), stored in every snapshot so one
 * built with other settings or another analyzer is refused and rebuilt.
 */
export function settingsFingerprint(settings: SearchSettings): string {
  const canonical = JSON.stringify({ analyzer: ANALYZER_VERSION, settings: sortKeys(settings) });
  // FNV-1a, 32-bit twice with different offsets: no crypto import needed in the pure core.
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < canonical.length; i++) {
    const c = canonical.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return `v${ANALYZER_VERSION}-${(h1 >>> 0).toString(16).padStart(8, '0')}${(h2 >>> 0).toString(16).padStart(8, '0')}`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
