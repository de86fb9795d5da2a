/**
 * A corpus from seed pages already in memory: parse each page, then merge across pages.
 * Pure; src/corpus/load-seeds.ts reads the files.
 */
import type { Paper, ParseProblem } from '../paper.js';
import { runSteps, type Steps } from '../search/work-steps.js';
import { mergeEntriesSteps } from './merge-papers.js';
import { parseSeedPage, type SeedEntry } from './parse-seed-page.js';

/**
 * Bumped whenever parsing or merging changes what papers a page gives, so index snapshots
 * recognised by their seed files' fingerprint (src/corpus/snapshot.ts) are rebuilt.
 */
export const CORPUS_PARSER_VERSION = 2;

export interface SeedPage {
  readonly file: string;
  readonly text: string;
}

export interface Corpus {
  readonly papers: Paper[];
  /** Entries before merging duplicates (454 for the shipped seeds). */
  readonly entryCount: number;
  readonly problems: ParseProblem[];
  /** Pages with no listing layout at all: not indexed (each also has a problem saying so). */
  readonly refusedPages: string[];
}

export function buildCorpus(pages: readonly SeedPage[]): Corpus {
  return runSteps(buildCorpusSteps(pages));
}

/** buildCorpus, yielding after each page (see work-steps.ts), so a big corpus parses in slices. */
export function* buildCorpusSteps(pages: readonly SeedPage[]): Steps<Corpus> {
  const entries: SeedEntry[] = [];
  const problems: ParseProblem[] = [];
  const refusedPages: string[] = [];
  for (const page of pages) {
    const parsed = parseSeedPage(page.text, page.file);
    if (!parsed.recognised) {
      // A random or unrelated file still pairs its lines into "papers"; none of them are.
      refusedPages.push(page.file);
      problems.push({ file: page.file, line: 1, message: 'not a paper listing page (no listing header, date or "Subscribe" line above the papers); not indexed' });
      continue;
    }
    entries.push(...parsed.entries);
    problems.push(...parsed.problems);
    yield;
  }
  const merged = yield* mergeEntriesSteps(entries);
  return { papers: merged.papers, entryCount: entries.length, problems: [...problems, ...merged.problems], refusedPages };
}
