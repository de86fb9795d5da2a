/**
 * Turns seed entries into papers: one paper per normalised title, however many pages list it.
 * The first listing (in corpus order) provides the text; later ones add their sources.
 */
import { createHash } from 'node:crypto';
import type { ListingDate, Paper, PaperSource, ParseProblem } from '../paper.js';
import { cleanLatex } from '../text/clean-latex.js';
import { extractLinks } from '../text/links.js';
import { titleKey } from '../text/normalize.js';
import { runSteps, ticker, type Steps } from '../search/work-steps.js';
import type { SeedEntry } from './parse-seed-page.js';

/** Stable id from the normalised title, so votes and digests survive re-ingestion. */
export function paperIdFor(title: string): string {
  return createHash('sha256').update(titleKey(title)).digest('hex').slice(0, 12);
}

function earlier(a: ListingDate | null, b: ListingDate | null): ListingDate | null {
  if (!a) return b;
  if (!b) return a;
  return a.month * 100 + a.day <= b.month * 100 + b.day ? a : b;
}

/**
 * The raw spellings cleaning changed, kept for search so both spellings find the paper:
 * `Schr\"odinger` also as "Schrodinger", `\varepsilon` also as "varepsilon". Only the words that
 * differ are kept, so aliases do not count a paper's words twice in ranking.
 */
export function aliasesFor(raw: string, clean: string): string[] {
  if (raw === clean) return [];
  const cleanWords = new Set(clean.toLowerCase().split(/[^\p{L}\p{N}]+/u));
  const rawWords = raw
    .replace(/\\["'`^~=.]/g, '') // drop accent markup so the letters join up again
    .replace(/[\\${}]/g, ' ')
    .split(/[^\p{L}\p{N}]+/u);
  return rawWords.filter((word) => word.length > 1 && !cleanWords.has(word.toLowerCase()));
}

export interface MergeResult {
  readonly papers: Paper[];
  readonly problems: ParseProblem[];
}

export function mergeEntries(entries: readonly SeedEntry[]): MergeResult {
  return runSteps(mergeEntriesSteps(entries));
}

/** Entries handled between two yields of mergeEntriesSteps (each is a few LaTeX clean-ups). */
const ENTRIES_PER_STEP = 50;

/** mergeEntries as bounded steps (see work-steps.ts): at 100,000 papers it was one ~2-5 s call. */
export function* mergeEntriesSteps(entries: readonly SeedEntry[]): Steps<MergeResult> {
  const tick = ticker(ENTRIES_PER_STEP);
  const byKey = new Map<string, { first: SeedEntry; sources: PaperSource[]; rawTitles: Set<string> }>();
  const problems: ParseProblem[] = [];
  for (const entry of entries) {
    const key = titleKey(entry.rawTitle);
    if (key === '') {
      problems.push({ file: entry.file, line: entry.line, message: 'title has no letters or digits; skipped' });
      continue;
    }
    const source: PaperSource = { file: entry.file, line: entry.line, listedOn: entry.listedOn };
    const existing = byKey.get(key);
    if (existing) {
      existing.sources.push(source);
      existing.rawTitles.add(entry.rawTitle);
      if (existing.first.rawAbstract === '' && entry.rawAbstract !== '') {
        byKey.set(key, { ...existing, first: entry });
      }
    } else {
      byKey.set(key, { first: entry, sources: [source], rawTitles: new Set([entry.rawTitle]) });
    }
    if (tick()) yield;
  }

  const papers: Paper[] = [];
  for (const { first, sources, rawTitles } of byKey.values()) {
    const title = cleanLatex(first.rawTitle);
    const abstract = cleanLatex(first.rawAbstract);
    const links = extractLinks(first.rawAbstract);
    const aliases = [...rawTitles].flatMap((raw) => aliasesFor(raw, title))
      .concat(aliasesFor(first.rawAbstract, abstract));
    papers.push({
      id: paperIdFor(first.rawTitle),
      title,
      abstract,
      searchAliases: [...new Set(aliases)].join(' '),
      listedOn: sources.reduce<ListingDate | null>((acc, s) => earlier(acc, s.listedOn), null),
      sources,
      codeLinks: links.codeLinks,
      otherLinks: links.otherLinks,
      sourceUpvotes: null,
    });
    if (tick()) yield;
  }
  return { papers, problems };
}
