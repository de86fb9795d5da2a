/**
 * The narrow module that owns MiniSearch: build, search, "more like this", snapshot and load.
 * Nothing else in paperboy imports minisearch, so the engine can change behind these functions.
 *
 * Speed at 100k papers comes from doing query-time work per query term, never per document:
 * a known word is searched exactly; only words the corpus has never seen are looked up as
 * typos, in a radix tree of the corpus's words, and the corrections are searched exactly too.
 *
 * MiniSearch indexes (tokenizer pipeline, term frequencies, field lengths); its postings are then
 * frozen into flat typed arrays (frozen-postings.ts) and the engine dropped: the index is never
 * changed after building, and the frozen form is a fraction of the memory and loads fast.
 */
import MiniSearch, { type Options } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import type { Paper } from '../paper.js';
import { analyzeWord, splitWords } from './analyzer.js';
import { packArrays, viewArray, type ArraySlot } from './array-block.js';
import { createFrozenPostings, documentFrequency, freezeEngineSteps, type FrozenPostings } from './frozen-postings.js';
import { ImpactRanker, type Ranking } from './impact-ranker.js';
import { heldPapers, lazyPapers, paperLine, type PaperList } from './paper-list.js';
import { formatQuery, parseQuery } from './parse-query.js';
import { rerank } from './rerank.js';
import { buildPhrasePositionsSteps, createPhrasePositions, matchPhrases, phraseText, phraseWords, type PhrasePositions } from './phrase-positions.js';
import { DEFAULT_SEARCH_SETTINGS, settingsFingerprint, type SearchSettings } from './search-settings.js';
import type { ParsedQuery, SearchHit, SearchOptions, SearchOutcome } from './search-types.js';
import { runSteps, type Steps } from './work-steps.js';

export interface SearchIndex {
  readonly settings: SearchSettings;
  readonly fingerprint: string;
  /** Papers in corpus order; from a snapshot, parsed one by one when first needed. */
  readonly papers: PaperList;
  /** @internal the frozen postings (with document frequencies); use the functions of this module. */
  readonly postings: FrozenPostings;
  /**
   * @internal every folded word of the corpus → its term, for typo correction and suggestions.
   * From a snapshot it is built when first read, unless warmUpSearchIndex built it before.
   */
  readonly words: SearchableMap<string>;
  /** @internal adds up to `limit` words to `words` (see warmUpSearchIndex); true once complete. */
  readonly fillWords: (limit: number) => boolean;
  /** @internal word positions, for phrase queries (phrase-positions.ts). */
  readonly phrases: PhrasePositions;
}

const FIELDS = ['title', 'abstract', 'searchAliases'] as const;
const SNAPSHOT_FORMAT = 'paperboy-search-index';
// 2: frozen postings as base64 typed arrays instead of MiniSearch's JSON; words by term number.
// 3: papers out of the index JSON, as a section of JSON lines after it, parsed on demand.
// 4: typed arrays as raw bytes in a block of their own (array-block.ts), not base64 in the JSON.
// 5: word positions for phrase queries (phrase-positions.ts): tokens in the JSON, runs in the block.
const SNAPSHOT_VERSION = 5;
const DEFAULT_LIMIT = 5;

/**
 * The most work one query may do, so no request holds the event loop for long (the target is
 * 50 ms): postings entries the ranker adds up (~5-20 ns each, cold terms dearer), and entries a
 * phrase match steps through (~10 ns each). A typical 3-word query at 100,000 papers is under
 * 300,000 entries; only dozens of common words at once, or phrases of very common words, reach
 * these.
 */
export const QUERY_BUDGET = { rankEntries: 2_000_000, phraseSteps: 1_500_000 } as const;

/**
 * @internal The MiniSearch options, built from the settings in one place; exported so tests
 * can build the reference engine the frozen postings come from and compare against its search.
 * `onWord` sees every (word, term) pair while indexing, so the vocabulary is collected in the
 * same pass instead of analysing every document twice.
 */
export function engineOptions(settings: SearchSettings, onWord?: (word: string, term: string) => void): Options<Paper> {
  return {
    idField: 'id',
    fields: [...FIELDS],
    storeFields: [],
    tokenize: (text) => {
      const terms: string[] = [];
      for (const word of splitWords(text)) {
        const term = analyzeWord(word);
        if (term === null) continue;
        terms.push(term);
        onWord?.(word, term);
      }
      return terms;
    },
    processTerm: (term) => term,
    searchOptions: {
      boost: { title: settings.boost.title, abstract: settings.boost.abstract, searchAliases: settings.boost.aliases },
      bm25: { ...settings.bm25 },
      // Queries reach the engine as terms already analysed here; never re-tokenize them.
      tokenize: (text) => [text],
      processTerm: (term) => term,
      fuzzy: false,
      prefix: false,
      combineWith: 'OR',
    },
  };
}

export function buildSearchIndex(papers: readonly Paper[], settings: SearchSettings = DEFAULT_SEARCH_SETTINGS): SearchIndex {
  return runSteps(buildSearchIndexSteps(papers, settings));
}

/**
 * Papers indexed between two yields of the step-wise build (~1 ms each at 100,000 papers): the
 * steps are fine-grained and the runner (runInSlices) decides by the clock how many to take
 * before giving the event loop back.
 */
const PAPERS_PER_STEP = 1;

/**
 * buildSearchIndex as bounded steps (see work-steps.ts), each yielding how far it has got (0..1,
 * by papers indexed, then freezing and positions): the bot builds in slices with requests
 * served in between and can say how far it is. Each step is ~5-30 ms at 100,000 papers.
 */
export function* buildSearchIndexSteps(papers: readonly Paper[], settings: SearchSettings = DEFAULT_SEARCH_SETTINGS): Generator<number, SearchIndex, void> {
  const words = new Map<string, string>();
  // First: it refuses duplicate paper ids before anything is indexed.
  const list = heldPapers(papers);
  const engine = new MiniSearch<Paper>(engineOptions(settings, (word, term) => words.set(word, term)));
  const n = papers.length;
  for (let i = 0; i < n; i++) {
    engine.add(papers[i]!);
    if ((i + 1) % PAPERS_PER_STEP === 0) yield (0.8 * (i + 1)) / n;
  }
  // The engine is garbage once frozen: only the flat copy of its postings is kept.
  const postings = yield* progressOf(freezeEngineSteps(engine, FIELDS, list.ids), 0.85);
  const phrases = yield* progressOf(buildPhrasePositionsSteps(lazyMap(papers, phraseText)), 0.99);
  // The typo-correction word map is left to warmUpSearchIndex or its first use, as after a load.
  const entries = words.entries();
  let taken = 0;
  const source: WordSource = {
    count: words.size,
    // fill() asks for entries in order, each once.
    entry: (i) => {
      if (i !== taken++) throw new Error('paperboy search: words taken out of order');
      return entries.next().value as [string, string];
    },
  };
  return assemble(settings, list, postings, phrases, source);
}

function* lazyMap<T, U>(items: readonly T[], f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}

/** Runs `steps`, yielding `progress` at each of their steps. */
function* progressOf<T>(steps: Steps<T>, progress: number): Generator<number, T, void> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    yield progress;
  }
}

/** Where a snapshot-loaded index takes its words from, one entry at a time: word → term. */
interface WordSource {
  readonly count: number;
  entry(i: number): [string, string];
}

/** `words` as a map, or as the source it is built from, as it is needed or warmed up. */
function assemble(settings: SearchSettings, papers: PaperList, postings: FrozenPostings, phrases: PhrasePositions, words: SearchableMap<string> | WordSource): SearchIndex {
  const map = words instanceof SearchableMap ? words : new SearchableMap<string>();
  let source = words instanceof SearchableMap ? null : words;
  let filled = 0;
  /** Adds up to `limit` more words; true once every word is in. */
  const fill = (limit: number): boolean => {
    if (source === null) return true;
    const end = Math.min(source.count, filled + limit);
    for (; filled < end; filled++) {
      const [word, term] = source.entry(filled);
      map.set(word, term);
    }
    // What it was built from is garbage now.
    if (filled === source.count) source = null;
    return source === null;
  };
  return {
    settings,
    fingerprint: settingsFingerprint(settings),
    papers,
    postings,
    get words() {
      fill(Infinity);
      return map;
    },
    fillWords: fill,
    phrases,
  };
}

/**
 * Builds part of what a snapshot-loaded index otherwise builds on first use: the word map for
 * typo correction (a radix tree of ~90,000 words at 100,000 papers, ~0.1-0.25 s in all), up to
 * `maxWords` more words per call; true once it is complete (at once for a built index). Loading
 * leaves it out so the bot starts serving sooner; calling this in slices right after start
 * keeps the cost off the first typo query without holding up requests for long.
 */
export function warmUpSearchIndex(index: SearchIndex, maxWords = Infinity): boolean {
  return index.fillWords(maxWords);
}

/** How many papers hold the term (0 for a term the corpus never has). */
function docFreq(index: SearchIndex, term: string): number {
  return documentFrequency(index.postings, term);
}

// One ranker per frozen postings and settings object: search-time settings are read from the
// index on every query, so an index given other settings (as the tuning bench does) ranks by
// those, while the ranker's cached postings are reused for as long as both stay the same.
const rankers = new WeakMap<FrozenPostings, WeakMap<SearchSettings, ImpactRanker>>();

function rankerOf(index: SearchIndex): ImpactRanker {
  let bySettings = rankers.get(index.postings);
  if (!bySettings) rankers.set(index.postings, (bySettings = new WeakMap()));
  let ranker = bySettings.get(index.settings);
  if (!ranker) {
    const { settings } = index;
    const rankerSettings = {
      fieldBoosts: { title: settings.boost.title, abstract: settings.boost.abstract, searchAliases: settings.boost.aliases },
      bm25: settings.bm25,
      coordination: settings.coordination,
    };
    ranker = new ImpactRanker(index.postings, rankerSettings, index.papers.position);
    bySettings.set(settings, ranker);
  }
  return ranker;
}

export function getPaper(index: SearchIndex, id: string): Paper | undefined {
  return index.papers.get(id);
}

/**
 * Every paper, in corpus order (the digest and the store take them all). From a snapshot, the
 * first call parses the papers no query has needed yet: ~0.6 s at 100,000 papers, once.
 */
export function allPapers(index: SearchIndex): readonly Paper[] {
  return index.papers.all();
}

export function paperCount(index: SearchIndex): number {
  return index.papers.length;
}

/** A weighted engine term and the query word it came from. */
interface QueryTerm {
  readonly term: string;
  readonly weight: number;
}

function allowedEdits(word: string, settings: SearchSettings): number {
  const { minLength, edits, longWordLength } = settings.fuzzy;
  if (word.length < minLength) return 0;
  return word.length >= longWordLength ? edits + 1 : edits;
}

/**
 * Known terms closest to an unknown word, commonest first, from the fewest edits (up to
 * maxEdits) at which there are any. As in Norvig's spelling corrector, a word one edit from
 * known words is taken for one of them, and words two edits away are looked for only when none
 * is one edit away: they would rank below the one-edit ones anyway, and finding them in a radix
 * tree of 90,000 words costs ~12x as much (~1 ms against ~0.08 ms at 100,000 papers).
 */
function closeTerms(index: SearchIndex, word: string, maxEdits: number, max: number): { term: string; word: string; edits: number }[] {
  for (let edits = 1; edits <= maxEdits; edits++) {
    const found = new Map<string, { term: string; word: string; edits: number; df: number }>();
    for (const [candidate, [term, distance]] of index.words.fuzzyGet(word, edits)) {
      const df = docFreq(index, term);
      const prior = found.get(term);
      if (!prior || distance < prior.edits || (distance === prior.edits && candidate < prior.word)) {
        found.set(term, { term, word: candidate, edits: distance, df });
      }
    }
    if (found.size > 0) {
      return [...found.values()].sort((a, b) => a.edits - b.edits || b.df - a.df || (a.term < b.term ? -1 : 1)).slice(0, max);
    }
  }
  return [];
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

function excludedTerms(query: ParsedQuery): string[] {
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

/** What matched, in ranking order, and whose terms explain each hit (the typed words). */
interface Matches {
  readonly ranked: Ranking;
  readonly explained: Ranking;
}

function toOutcome(index: SearchIndex, query: ParsedQuery, matches: Matches, options: SearchOptions, partial?: string): Extract<SearchOutcome, { kind: 'results' }> {
  const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_LIMIT));
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const hits: SearchHit[] = matches.ranked.window(offset, limit).map((r) => ({
    paper: index.papers.get(r.id)!,
    score: r.score,
    matchedTerms: matches.explained.matchedTerms(r.id),
  }));
  return { kind: 'results', query, hits, total: matches.ranked.total, ...(partial === undefined ? {} : { partial }) };
}

export function searchPapers(index: SearchIndex, query: string | ParsedQuery, options: SearchOptions = {}): SearchOutcome {
  const parsed = typeof query === 'string' ? parseQuery(query) : query;
  if (parsed.isEmpty) return { kind: 'empty-query', query: parsed };
  const matches = matching(index, parsed, options.budget);
  if (matches.ranked.total > 0) return toOutcome(index, parsed, matches, options, matches.partial);
  // A quoted phrase no paper holds still names a topic: answer for its words, and say so.
  if (parsed.phrases.length > 0) {
    const loose = matching(index, { ...parsed, terms: [...parsed.terms, ...parsed.phrases], phrases: [] }, options.budget);
    if (loose.ranked.total > 0) {
      const alone = parsed.phrases.filter((phrase) => matching(index, { ...parsed, phrases: [phrase] }, options.budget).ranked.total === 0);
      return { ...toOutcome(index, parsed, loose, options, loose.partial), unmatchedPhrases: alone.length > 0 ? alone : parsed.phrases };
    }
  }
  return { kind: 'no-results', query: parsed, suggestion: suggest(index, parsed) };
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

function firstPass(index: SearchIndex, parsed: ParsedQuery, budget: SearchOptions['budget'] = QUERY_BUDGET): { terms: QueryTerm[]; excluded: string[]; ranked: Ranking; partial?: string } {
  const all = positiveTerms(index, parsed);
  const excluded = excludedTerms(parsed);
  if (all.length === 0) return { terms: all, excluded, ranked: rankerOf(index).rank([], []) };
  const notes: string[] = [];
  let allowed: Int32Array | undefined;
  if (parsed.phrases.length > 0) {
    const phrases = matchPhrases(index.phrases, parsed.phrases, budget.phraseSteps);
    allowed = phrases.docs;
    if (!phrases.complete) notes.push(`the phrase search stopped early: ${phrases.docs.length} papers holding the phrase were found, there may be more`);
  }
  const phraseWordTerms = new Set(phraseTerms(parsed, all).map((i) => all[i]!.term));
  const { terms, dropped } = withinBudget(index, all, phraseWordTerms, excluded, budget.rankEntries);
  if (dropped.length > 0) notes.push(`too many common words to search at once, so these were left out: ${dropped.join(', ')}`);
  const ranked = rankerOf(index).rank(terms, excluded, { required: phraseTerms(parsed, terms), allowed });
  return { terms, excluded, ranked, ...(notes.length === 0 ? {} : { partial: notes.join('; ') }) };
}

function matching(index: SearchIndex, parsed: ParsedQuery, budget?: SearchOptions['budget']): Matches & { partial?: string } {
  const { terms, ranked, partial } = firstPass(index, parsed, budget);
  return { ranked: rerank(index.postings, index.papers.position, terms, ranked, index.settings.rerank), explained: ranked, ...(partial === undefined ? {} : { partial }) };
}

/** Adds the analysed terms of `text` to `counts`, each `weight` times; returns how many it met. */
function countTerms(counts: Map<string, number>, text: string, weight = 1): number {
  let found = 0;
  for (const word of splitWords(text)) {
    const term = analyzeWord(word);
    if (term === null) continue;
    counts.set(term, (counts.get(term) ?? 0) + weight);
    found++;
  }
  return found;
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

/**
 * A close query that would match: each unknown word replaced by the nearest corpus word,
 * looking further than search itself does. Null unless it changes something and finds papers.
 */
function suggest(index: SearchIndex, parsed: ParsedQuery): string | null {
  let changed = false;
  const fix = (word: string): string => {
    const term = analyzeWord(word);
    if (term === null || docFreq(index, term) > 0) return word;
    const edits = Math.max(allowedEdits(word, index.settings), Math.min(index.settings.suggestEdits, word.length - 2));
    const best = closeTerms(index, word, edits, 1)[0];
    if (!best) return word;
    changed = true;
    return best.word;
  };
  const fixText = (text: string): string => text.split(' ').map((token) => (/^[\p{L}\p{N}]+$/u.test(token) ? fix(token) : token)).join(' ');
  const candidate: ParsedQuery = { ...parsed, terms: parsed.terms.map(fixText), phrases: parsed.phrases.map(fixText) };
  if (!changed || firstPass(index, candidate).ranked.total === 0) return null;
  return formatQuery(candidate);
}

/**
 * Papers like this one: queried by its most distinctive terms (frequent in the paper, rare in
 * the corpus; title words count double), the paper itself left out.
 */
export function moreLikeThis(index: SearchIndex, paperId: string, options: SearchOptions = {}): SearchOutcome {
  const paper = index.papers.get(paperId);
  const empty: ParsedQuery = { terms: [], phrases: [], excluded: [], isEmpty: true };
  if (!paper) return { kind: 'no-results', query: empty, suggestion: null };
  const tf = new Map<string, number>();
  countTerms(tf, paper.title, 2);
  countTerms(tf, paper.abstract, 1);
  const n = index.papers.length;
  const scored = [...tf]
    .map(([term, f]) => {
      const df = docFreq(index, term) || 1;
      return { term, score: Math.log1p(f) * Math.log(1 + n / df), df };
    })
    // A term only this paper has cannot find another paper.
    .filter((t) => t.df > 1)
    .sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : 1))
    .slice(0, index.settings.moreLikeThisTerms);
  const query: ParsedQuery = { terms: scored.map((t) => t.term), phrases: [], excluded: [], isEmpty: scored.length === 0 };
  if (scored.length === 0) return { kind: 'no-results', query, suggestion: null };
  const top = scored[0]!.score;
  const ranked = rankerOf(index).rank(
    scored.map((t) => ({ term: t.term, weight: t.score / top })),
    [],
    { skipId: paperId },
  );
  if (ranked.total === 0) return { kind: 'no-results', query, suggestion: null };
  return toOutcome(index, query, { ranked, explained: ranked }, options);
}

/** The frozen postings in a snapshot's JSON; their typed arrays are in the array block. */
interface SnapshotPostings {
  readonly fields: readonly string[];
  readonly documentCount: number;
  readonly avgFieldLengths: readonly number[];
  readonly terms: readonly string[];
  /** 1, 2 or 4: the width of the term frequencies in bytes. */
  readonly freqBytes: number;
}

/**
 * The snapshot's typed arrays, by name: the paper line offsets (line i of the papers section is
 * bytes paperOffsets[i] .. paperOffsets[i+1]; a section past 4 GiB is refused when written),
 * the frozen postings' arrays, and the term number of each typo-correction word.
 */
type ArrayName = 'paperOffsets' | 'offsets' | 'docs' | 'freqs' | 'fieldLengths' | 'wordTerms' | 'phraseStarts' | 'phraseBytes' | 'phraseDocCounts';

interface Snapshot {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly version: number;
  readonly fingerprint: string;
  /** Paper ids in corpus order (paper i has short id i). */
  readonly ids: readonly string[];
  readonly postings: SnapshotPostings;
  /** The typo-correction vocabulary: folded words (their terms by number, in wordTerms). */
  readonly words: readonly string[];
  /** The phrase tokens, sorted (their runs are in the array block). */
  readonly phraseTokens: readonly string[];
  /** Where each typed array is in the array block. */
  readonly arrays: Readonly<Record<ArrayName, ArraySlot>>;
}

/**
 * A serialized index, in three parts that a snapshot file stores one after the other: the
 * index JSON (ASCII), the typed arrays as raw bytes (array-block.ts), and the papers, one JSON
 * line each (ASCII), so a load parses the JSON, views the arrays in place and leaves the papers
 * as bytes until they are needed (paper-list.ts).
 */
export interface SerializedIndex {
  readonly json: string;
  readonly arrays: Uint8Array;
  readonly papers: string;
}

/** The same parts as read back from a file: bytes, each part in a buffer of its own. */
export interface SerializedBytes {
  readonly json: Uint8Array;
  readonly arrays: Uint8Array;
  readonly papers: Uint8Array;
}

/** The whole index, papers included, so start-up from a snapshot needs no corpus parse. */
export function serializeIndex(index: SearchIndex): SerializedIndex {
  const p = index.postings;
  const lines = index.papers.all().map((paper) => `${paperLine(paper, asciiJson)}\n`);
  const paperOffsets = new Uint32Array(lines.length + 1);
  let end = 0;
  lines.forEach((line, i) => {
    end += line.length;
    if (end > 0xffffffff) throw new Error('paperboy search: the papers take more than 4 GiB, more than a snapshot can hold');
    paperOffsets[i + 1] = end;
  });
  const words: string[] = [];
  const wordTerms: number[] = [];
  for (const [word, term] of index.words) {
    const t = p.termNumbers.get(term);
    if (t === undefined) throw new Error(`paperboy search: the word "${word}" maps to "${term}", a term the index does not hold`);
    words.push(word);
    wordTerms.push(t);
  }
  const { bytes, slots } = packArrays<ArrayName>({
    paperOffsets,
    offsets: p.offsets,
    docs: p.docs,
    freqs: p.freqs,
    fieldLengths: p.fieldLengths,
    wordTerms: Uint32Array.from(wordTerms),
    phraseStarts: index.phrases.starts,
    phraseBytes: index.phrases.bytes,
    phraseDocCounts: index.phrases.docCounts,
  });
  const snapshot: Snapshot = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    fingerprint: index.fingerprint,
    ids: index.papers.ids,
    postings: {
      fields: p.fields,
      documentCount: p.documentCount,
      avgFieldLengths: Array.from(p.avgFieldLengths),
      terms: p.terms,
      freqBytes: p.freqs.BYTES_PER_ELEMENT,
    },
    words,
    phraseTokens: index.phrases.tokens,
    arrays: slots,
  };
  return { json: asciiJson(JSON.stringify(snapshot)), arrays: bytes, papers: lines.join('') };
}

/**
 * The JSON with every non-ASCII character written as a \u escape: the same JSON value, but a
 * text Node decodes from the file's bytes on its ASCII fast path. Measured at 100,000 papers
 * (312 MB, 123k non-ASCII characters, mostly accents): decoding the bytes 1.0 s -> 0.2 s and
 * JSON.parse 0.85 s -> 0.69 s, for 0.6 s more when writing the snapshot. (Surrogate pairs become
 * two escapes, which JSON.parse joins back into the same string.)
 */
function asciiJson(json: string): string {
  return json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

/**
 * Loads an index serialized by serializeIndex, from its parts as written or as read back as
 * bytes: only the JSON is parsed, the arrays are viewed where they lie, the papers stay bytes.
 * Throws when it is corrupt, from another format version, or built with other settings or
 * another analyzer: the caller should rebuild. A paper line is checked in full when first
 * parsed, and a damaged one throws then, with the same advice.
 */
export function loadSearchIndex(serialized: SerializedIndex | SerializedBytes, settings: SearchSettings = DEFAULT_SEARCH_SETTINGS): SearchIndex {
  const json = typeof serialized.json === 'string' ? serialized.json : new TextDecoder().decode(serialized.json);
  const paperBytes = typeof serialized.papers === 'string' ? new TextEncoder().encode(serialized.papers) : serialized.papers;
  const block = serialized.arrays;
  let snapshot: Snapshot;
  try {
    snapshot = JSON.parse(json) as Snapshot;
  } catch (error) {
    throw new Error(`paperboy search: the index snapshot is not valid JSON (${(error as Error).message}); rebuild it from the corpus`);
  }
  if (snapshot === null || typeof snapshot !== 'object' || snapshot.format !== SNAPSHOT_FORMAT) {
    throw new Error('paperboy search: this is not a paperboy index snapshot; rebuild it from the corpus');
  }
  if (snapshot.version !== SNAPSHOT_VERSION) {
    throw new Error(`paperboy search: index snapshot format ${String(snapshot.version)} is not ${SNAPSHOT_VERSION}; rebuild it from the corpus`);
  }
  const expected = settingsFingerprint(settings);
  if (snapshot.fingerprint !== expected) {
    throw new Error(`paperboy search: the index snapshot was built with other search settings (${String(snapshot.fingerprint)}, expected ${expected}); rebuild it from the corpus`);
  }
  const p = snapshot.postings as Partial<SnapshotPostings> | undefined;
  const ids = snapshot.ids;
  const slots = (snapshot.arrays ?? {}) as Partial<Record<ArrayName, ArraySlot>>;
  if (
    !isStringArray(ids) ||
    !isStringArray(snapshot.words) ||
    !isStringArray(snapshot.phraseTokens) ||
    typeof p !== 'object' ||
    p === null ||
    !isStringArray(p.fields) ||
    !isStringArray(p.terms) ||
    !Array.isArray(p.avgFieldLengths) ||
    !p.avgFieldLengths.every((a) => typeof a === 'number')
  ) {
    throw new Error('paperboy search: the index snapshot is incomplete; rebuild it from the corpus');
  }
  if (p.documentCount !== ids.length) {
    throw new Error(`paperboy search: the index snapshot holds ${String(p.documentCount)} indexed documents for ${ids.length} papers; rebuild it from the corpus`);
  }
  if (p.fields.join() !== FIELDS.join()) {
    throw new Error(`paperboy search: the index snapshot has fields ${p.fields.join(', ')}, not ${FIELDS.join(', ')}; rebuild it from the corpus`);
  }
  let papers: PaperList;
  let postings: FrozenPostings;
  let words: WordSource;
  let phrases: PhrasePositions;
  try {
    papers = lazyPapers(ids, viewArray(block, slots.paperOffsets, Uint32Array, 'the paper line offsets'), paperBytes, asciiJson);
    const freqType = p.freqBytes === 1 ? Uint8Array : p.freqBytes === 2 ? Uint16Array : p.freqBytes === 4 ? Uint32Array : null;
    if (!freqType) throw new Error(`paperboy search: term frequencies of ${String(p.freqBytes)} bytes`);
    postings = createFrozenPostings({
      fields: p.fields,
      documentCount: ids.length,
      documentIds: ids,
      terms: p.terms,
      offsets: viewArray(block, slots.offsets, Uint32Array, 'the postings offsets'),
      docs: viewArray(block, slots.docs, Int32Array, 'the postings'),
      freqs: viewArray<Uint8Array | Uint16Array | Uint32Array>(block, slots.freqs, freqType, 'the term frequencies'),
      fieldLengths: viewArray(block, slots.fieldLengths, Uint32Array, 'the field lengths'),
      avgFieldLengths: Float64Array.from(p.avgFieldLengths),
    });
    const wordTerms = viewArray(block, slots.wordTerms, Uint32Array, 'the word terms');
    const wordList = snapshot.words;
    if (wordTerms.length !== wordList.length) throw new Error(`paperboy search: ${wordTerms.length} word terms for ${wordList.length} words`);
    // Checked now, built when first needed: the build itself cannot fail.
    const { terms } = postings;
    for (let i = 0; i < wordTerms.length; i++) {
      if (wordTerms[i]! >= terms.length) throw new Error(`paperboy search: the word "${wordList[i]}" has no term`);
    }
    words = { count: wordList.length, entry: (i) => [wordList[i]!, terms[wordTerms[i]!]!] };
    phrases = createPhrasePositions({
      tokens: snapshot.phraseTokens,
      starts: viewArray(block, slots.phraseStarts, Uint32Array, 'the phrase offsets'),
      bytes: viewArray(block, slots.phraseBytes, Uint8Array, 'the phrase positions'),
      docCounts: viewArray(block, slots.phraseDocCounts, Uint32Array, 'the phrase paper counts'),
      documentCount: ids.length,
    });
  } catch (error) {
    const why = (error as Error).message.replace(/^paperboy search: /, '');
    throw new Error(`paperboy search: the index snapshot is corrupt (${why}); rebuild it from the corpus`);
  }
  return assemble(settings, papers, postings, phrases, words);
}
