/**
 * Searches run once, before users' searches, over an index of a few of the index's papers and
 * then over the index itself, each time also over a throw-away view with a small added segment
 * (segments.ts), so that the JIT has seen every path a search takes before a user's search does.
 *
 * Why: V8 compiles the ranker, the phrase matcher and typo correction for the shapes it has
 * seen. The first search over segments (after the first poll that adds papers) took paths the
 * frozen index never had, and ran unoptimised: at 100,000 papers, typo queries of 15-25 ms took
 * 60-120 ms on a CPU, and the searches due behind them waited as long (bench:ingest). A bot
 * just started pays the same for its first searches on the frozen index.
 *
 * The queries are made of the index's own words (the first papers' titles and abstracts), of
 * every kind: plain words, a typo, a phrase, an exclusion, "more like this". The small index and
 * the views are never searched by anyone else and are garbage once done.
 */
import type { Paper } from '../paper.js';
import { moreLikeThis } from './more-like-this.js';
import type { SearchIndex } from './index-shape.js';
import { searchPapers } from './search-papers.js';
import { buildSearchIndexSteps } from './build-index.js';
import { addPapersSteps, segmentedIndex, type Work } from './segments.js';

/** Papers whose words make the queries. */
const SOURCE_PAPERS = 8;

/** Rounds of queries over the small index: V8 optimises a function after it has run enough. */
const ROUNDS = 6;

/** Words of the queries: letters only, five at least. */
const WORD = /^[a-z]{5,}$/;

/** Two different letters swapped, from the middle on: a typo that typo correction finds again. */
function swapped(word: string): string {
  let i = word.length >> 1;
  while (i < word.length - 1 && word[i - 1] === word[i]) i++;
  return `${word.slice(0, i - 1)}${word[i]}${word[i - 1]}${word.slice(i + 1)}`;
}

/** Queries of every kind made of `paper`'s words (none when it has too few plain words). */
export function warmUpQueries(paper: Pick<Paper, 'title' | 'abstract'>): string[] {
  // The longest words, which are the rarer ones: each search stays cheap (a few ms at 100,000
  // papers) and still runs every path; the common words of a title made searches of 50-80 ms.
  const words = [...new Set(`${paper.title} ${paper.abstract}`.toLowerCase().split(/[^a-z]+/))]
    .filter((word) => WORD.test(word))
    .sort((x, y) => y.length - x.length || (x < y ? -1 : 1))
    .slice(0, 4);
  if (words.length < 4) return [];
  const [a, b, c, d] = words as [string, string, string, string];
  return [`${a} ${b}`, `${swapped(c)} ${d}`, `"${a} ${b}"`, `${c} -${d}`, `${swapped(a)}`];
}

/**
 * The searches, one a step; returns how many ran. An index with fewer than two papers, or of
 * segments already, is left alone.
 */
export function* warmUpSteps(index: SearchIndex): Work<number> {
  const n = Math.min(SOURCE_PAPERS, index.papers.length);
  if (n < 2 || index.segments) return 0;
  const papers: Paper[] = [];
  for (let i = 0; i < n; i++) papers.push(index.papers.at(i));
  // First over an index of those few papers alone, where an unoptimised search costs well under
  // a millisecond (over 100,000 papers the first ones took 50-100 ms, a step each), then once
  // over the index itself, by then in optimised code.
  const small = yield* buildSearchIndexSteps(papers, index.settings);
  // A new paper and a new version of an indexed one: each view has a segment and a deletion.
  const first = papers[0]!;
  const added: Paper[] = [
    { ...first, id: `${first.id}#warm-up` },
    { ...papers[1]!, abstract: `${papers[1]!.abstract} ${first.title}` },
  ];
  let ran = 0;
  for (const [target, rounds] of [[small, ROUNDS], [index, 1]] as const) {
    const view = (yield* addPapersSteps(segmentedIndex(target), added)).index;
    for (const searched of [target, view]) {
      for (let round = 0; round < rounds; round++) {
        for (const paper of papers) {
          for (const query of warmUpQueries(paper)) {
            searchPapers(searched, query);
            ran++;
            yield;
          }
          moreLikeThis(searched, paper.id);
          ran++;
          yield;
        }
      }
    }
  }
  return ran;
}
