/**
 * Building an index: MiniSearch indexes the papers (tokenizer pipeline, term frequencies, field
 * lengths); its postings are then frozen into flat typed arrays (frozen-postings.ts) and the
 * engine dropped: the index is never changed after building, and the frozen form is a fraction
 * of the memory and loads fast. Nothing outside this module and its tests imports minisearch's
 * engine, so it can change behind these functions.
 */
import { SearchError } from './search-errors.js';
import MiniSearch, { type Options } from 'minisearch';
import type { Paper } from '../paper.js';
import { analyzeWord, splitWords } from './analyzer.js';
import { freezeEngineSteps } from './frozen-postings.js';
import { assemble, FIELDS, type SearchIndex } from './index-shape.js';
import { heldPapers } from './paper-list.js';
import { buildPhrasePositionsSteps, phraseText } from './phrase-positions.js';
import { DEFAULT_SEARCH_SETTINGS, type SearchSettings } from './search-settings.js';
import { ownString, runSteps, type Steps } from './work-steps.js';
import { sortedWordListSteps } from './word-list.js';

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

/** What a build takes beside the papers and settings. */
export interface BuildOptions {
  /** The common words to index phrase pairs of (phrase-positions.ts); default: these papers' own. */
  readonly phraseCommon?: readonly string[] | undefined;
}

export function buildSearchIndex(papers: readonly Paper[], settings: SearchSettings = DEFAULT_SEARCH_SETTINGS, options: BuildOptions = {}): SearchIndex {
  return runSteps(buildSearchIndexSteps(papers, settings, options));
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
export function* buildSearchIndexSteps(papers: readonly Paper[], settings: SearchSettings = DEFAULT_SEARCH_SETTINGS, options: BuildOptions = {}): Generator<number, SearchIndex, void> {
  const words = new Map<string, string>();
  // First: it refuses duplicate paper ids before anything is indexed.
  const list = heldPapers(papers);
  const engine = new MiniSearch<Paper>(engineOptions(settings, (word, term) => words.has(word) || words.set(ownString(word), term)));
  const n = papers.length;
  for (let i = 0; i < n; i++) {
    engine.add(papers[i]!);
    if ((i + 1) % PAPERS_PER_STEP === 0) yield (0.8 * (i + 1)) / n;
  }
  // The engine is garbage once frozen: only the flat copy of its postings is kept.
  const postings = yield* progressOf(freezeEngineSteps(engine, FIELDS, list.ids), 0.85);
  // Iterated twice (the phrase pairs take a second pass), each time mapping afresh: the texts are not all kept.
  const texts: Iterable<string> = { [Symbol.iterator]: () => lazyMap(papers, phraseText) };
  const phrases = yield* progressOf(buildPhrasePositionsSteps(texts, options.phraseCommon ? { common: options.phraseCommon } : {}), 0.99);
  const wordTerms: [string, number][] = [];
  for (const [word, term] of words) {
    const t = postings.termNumbers.get(term);
    if (t === undefined) throw new SearchError('inconsistent', `the word "${word}" maps to "${term}", a term the index does not hold`);
    wordTerms.push([word, t]);
    // ~280,000 binary searches at 100,000 papers: a few thousand between yields.
    if (wordTerms.length % 2000 === 0) yield 1;
  }
  return assemble(settings, list, postings, phrases, yield* progressOf(sortedWordListSteps(wordTerms), 1));
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
