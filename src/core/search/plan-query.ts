/**
 * Query planning: the query's words as weighted engine terms (exact when known, typo
 * corrections when not, adjacent pairs as compounds), the phrase filter, and the query budget
 * that keeps one request from holding the event loop; then the first-stage ranking.
 */
import { analyzeWord, splitWords } from './analyzer.js';
import type { Ranking } from './impact-ranker.js';
import { docFreq, phraseMatches, type SearchIndex } from './index-shape.js';
import { parseQuery } from './parse-query.js';
import { phraseWords } from './phrase-positions.js';
import { rankerOf } from './ranker-cache.js';
import type { ParsedQuery, SearchOptions } from './search-types.js';
import { allowedEdits, closeTerms } from './typo-correction.js';

/**
 * The most work one query may do, so no request holds the event loop for long (the target is
 * 50 ms): postings entries the ranker adds up (~5-20 ns each, cold terms dearer), and entries a
 * phrase match steps through (~10 ns each). A typical 3-word query at 100,000 papers is under
 * 300,000 entries; only dozens of common words at once, or phrases of very common words, reach
 * these.
 */
export const QUERY_BUDGET = { rankEntries: 2_000_000, phraseSteps: 1_500_000 } as const;

/** A weighted engine term and the query word it came from. */
export interface QueryTerm {
  readonly term: string;
  readonly weight: number;
}

/** The engine terms for the query's positive words: exact when known, typo corrections when not. */
function positiveTerms(index: SearchIndex, query: ParsedQuery): QueryTerm[] {
  const { settings } = index;
  const weights = new Map<string, number>();
  const add = (term: string, weight: number): void => {
    weights.set(term, Math.max(weights.get(term) ?? 0, weight));
  };
  const sequences = [...query.terms.map((t) => [t]), ...query.phrases.map((p) => p.split(' '))];
  const typed: string[] = [];
  for (const sequence of sequences) for (const raw of sequence) typed.push(...splitWords(raw));
  for (const word of typed) {
    const term = analyzeWord(word);
    if (term === null) continue;
    if (docFreq(index, term) > 0) {
      add(term, 1);
      continue;
    }
    for (const close of closeTerms(index, word, allowedEdits(word, settings), settings.fuzzy.maxExpansions)) {
      add(close.term, settings.fuzzy.weight / close.edits);
    }
  }
  // "one step" should meet "One-step": try each adjacent pair as a compound the corpus knows.
  for (let i = 0; i + 1 < typed.length; i++) {
    const joined = analyzeWord(typed[i]! + typed[i + 1]!);
    if (joined !== null && docFreq(index, joined) > 0) add(joined, 1);
  }
  return [...weights].map(([term, weight]) => ({ term, weight }));
}

export function excludedTerms(query: ParsedQuery): string[] {
  const out: string[] = [];
  for (const raw of query.excluded) {
    // "-one-step" excludes the compound, not every paper with "one" or "step" in it.
    const parts = splitWords(raw);
    const last = parts[parts.length - 1];
    const term = last === undefined ? null : analyzeWord(last);
    if (term !== null) out.push(term);
  }
  return out;
}

/**
 * The words of the query's phrases as terms the index knows: a paper can only hold a phrase if
 * it holds each of these, which narrows the costly exact phrase check to a few candidates. Split
 * the way phraseForm splits (not into compounds), so this is never stricter than the phrase.
 */
function phraseTerms(query: ParsedQuery, terms: readonly QueryTerm[]): number[] {
  const position = new Map(terms.map((t, i) => [t.term, i]));
  const out = new Set<number>();
  for (const phrase of query.phrases) {
    for (const word of phraseWords(phrase)) {
      const term = analyzeWord(word);
      const i = term === null ? undefined : position.get(term);
      if (i !== undefined) out.add(i);
    }
  }
  return [...out];
}

/**
 * The query's terms within the ranking budget: when their postings add up to more, the
 * commonest go first (they weigh least in BM25, and cost most). Phrase words stay: the phrase
 * match already narrows the papers. Returns what was dropped, by word.
 */
function withinBudget(index: SearchIndex, terms: QueryTerm[], keep: ReadonlySet<string>, excluded: readonly string[], budget: number): { terms: QueryTerm[]; dropped: string[] } {
  let cost = excluded.reduce((sum, term) => sum + docFreq(index, term), 0);
  for (const t of terms) cost += docFreq(index, t.term);
  if (cost <= budget) return { terms, dropped: [] };
  const byCost = terms.filter((t) => !keep.has(t.term)).sort((a, b) => docFreq(index, b.term) - docFreq(index, a.term));
  const dropped = new Set<string>();
  for (const t of byCost) {
    if (cost <= budget || dropped.size === terms.length - 1) break;
    dropped.add(t.term);
    cost -= docFreq(index, t.term);
  }
  return { terms: terms.filter((t) => !dropped.has(t.term)), dropped: [...dropped] };
}

export function firstPass(index: SearchIndex, parsed: ParsedQuery, budget: SearchOptions['budget'] = QUERY_BUDGET): { terms: QueryTerm[]; excluded: string[]; ranked: Ranking; partial?: string } {
  const all = positiveTerms(index, parsed);
  const excluded = excludedTerms(parsed);
  if (all.length === 0) return { terms: all, excluded, ranked: rankerOf(index).rank([], []) };
  const notes: string[] = [];
  let allowed: Int32Array | undefined;
  if (parsed.phrases.length > 0) {
    const phrases = phraseMatches(index, parsed.phrases, budget.phraseSteps);
    allowed = phrases.docs;
    if (!phrases.complete) notes.push(`the phrase search stopped early: ${phrases.docs.length} papers holding the phrase were found, there may be more`);
  }
  const phraseWordTerms = new Set(phraseTerms(parsed, all).map((i) => all[i]!.term));
  const { terms, dropped } = withinBudget(index, all, phraseWordTerms, excluded, budget.rankEntries);
  if (dropped.length > 0) notes.push(`too many common words to search at once, so these were left out: ${dropped.join(', ')}`);
  const ranked = rankerOf(index).rank(terms, excluded, { required: phraseTerms(parsed, terms), allowed });
  return { terms, excluded, ranked, ...(notes.length === 0 ? {} : { partial: notes.join('; ') }) };
}

/**
 * @internal The first stage's best `depth` papers for a query, with the query terms they were
 * ranked by: what the second stage re-orders, for the bench that learns its weights.
 */
export function firstStage(index: SearchIndex, query: string | ParsedQuery, depth: number): { terms: QueryTerm[]; candidates: { id: string; shortId: number; score: number }[] } {
  const parsed = typeof query === 'string' ? parseQuery(query) : query;
  if (parsed.isEmpty) return { terms: [], candidates: [] };
  const { terms, ranked } = firstPass(index, parsed);
  return { terms, candidates: ranked.window(0, depth).map((r) => ({ ...r, shortId: index.papers.position(r.id)! })) };
}
