/**
 * Every knob of the search pipeline in one place. The same settings build an index and load its
 * snapshot (MiniSearch's loadJSON throws when options differ, and a snapshot built with other
 * weights would silently rank differently), and the benches tune these same fields: there is no
 * benchmark-only path.
 */

export interface SearchSettings {
  /**
   * Field weights. Title and abstract count alike: each field is scored by BM25 on its own, so a
   * title word already weighs more per occurrence (short field, higher tf saturation), and an
   * extra title boost hurt on SciFact train (nDCG@10 1.25: 0.7115 vs 1: 0.7171; bench/quality/tune.ts).
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
   * Pseudo-relevance feedback (RM3): the `docs` best first-pass papers lend their `terms` most
   * typical terms to the query, together weighing `weight` of it (0 to 1; the typed words keep
   * the rest). It reorders the papers the query matched and never adds others. `docs: 0` is off.
   * Off by default: on SciFact train the best setting tried (3 papers, 10 terms, weight 0.2) ties
   * with no feedback on nDCG@10 (0.7170 vs 0.7171) while costing 3.7x per query (22 vs 6 ms):
   * the expansion terms are common words with long posting lists.
   */
  readonly feedback: { readonly docs: number; readonly terms: number; readonly weight: number };
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
  feedback: Object.freeze({ docs: 0, terms: 10, weight: 0.2 }),
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
