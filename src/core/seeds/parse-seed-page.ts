/**
 * Parses one text dump of a Hugging Face paper listing page into title/abstract entries.
 *
 * Two layouts occur. The "daily" page puts page chrome, a listing date ("Mar 14") and then
 * blocks separated by blank lines. The "subscription" page has no blank lines, no date, and
 * "Subscribe" glued to the first title. Both reduce to the same thing once chrome is removed:
 * content lines that alternate title, abstract. Anything that breaks the alternation is reported
 * with its file and line, and the entry is kept where it can be (a title without an abstract is
 * still a paper); nothing is dropped silently.
 */
import type { ListingDate, ParseProblem } from '../paper.js';

export interface SeedEntry {
  readonly file: string;
  /** 1-based line of the title. */
  readonly line: number;
  readonly listedOn: ListingDate | null;
  readonly rawTitle: string;
  readonly rawAbstract: string;
}

export interface ParsedPage {
  readonly entries: SeedEntry[];
  readonly problems: ParseProblem[];
  readonly listedOn: ListingDate | null;
  /**
   * Whether the page has a listing page's chrome (its header lines, a listing date or the
   * "Subscribe" glued to the first title) above the first paper: both layouts have it, and a
   * file without it is not a listing page, whatever its lines happen to pair into.
   */
  readonly recognised: boolean;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DATE_LINE = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})$/i;
const CHROME_LINES = new Set([
  'new',
  'get trending papers in your email inbox!',
  'get trending papers in your email inbox once a day!',
  'subscribe',
  'byak and the research community',
  'daily papers',
]);
const GLUED_SUBSCRIBE = /^Subscribe(?=\S)/;

/** Longest title we accept; anything longer reads as an abstract in the wrong place. */
const MAX_TITLE_CHARS = 300;
/** Several sentences ending in a full stop: prose, never a title. */
const PROSE = /[.!?]\s+[A-Z].*[.!?)]$/s;
/** Shortest abstract we accept; shorter is a title in the wrong place. */
const MIN_ABSTRACT_CHARS = 120;

export function parseListingDate(line: string): ListingDate | null {
  const match = DATE_LINE.exec(line.trim());
  if (!match) return null;
  const month = MONTHS.indexOf(match[1]!.slice(0, 3).toLowerCase()) + 1;
  const day = Number(match[2]);
  return day >= 1 && day <= 31 ? { month, day } : null;
}

function looksLikeTitle(text: string): boolean {
  return text.length <= MAX_TITLE_CHARS && !PROSE.test(text);
}

function looksLikeAbstract(text: string): boolean {
  return text.length >= MIN_ABSTRACT_CHARS;
}

export function parseSeedPage(text: string, file: string): ParsedPage {
  const problems: ParseProblem[] = [];
  const content: { line: number; text: string }[] = [];
  let listedOn: ListingDate | null = null;
  let seenContent = false;
  let recognised = false;

  text.replace(/\r\n?/g, '\n').split('\n').forEach((raw, index) => {
    const line = index + 1;
    let value = raw.trim();
    if (value === '') return;
    // Chrome only appears above the first paper; below it, the same words would be content.
    if (!seenContent) {
      if (CHROME_LINES.has(value.toLowerCase())) {
        recognised = true;
        return;
      }
      const date = parseListingDate(value);
      if (date) {
        recognised = true;
        if (listedOn) problems.push({ file, line, message: `second listing date "${value}" ignored` });
        else listedOn = date;
        return;
      }
      if (GLUED_SUBSCRIBE.test(value)) recognised = true;
      value = value.replace(GLUED_SUBSCRIBE, '');
    }
    seenContent = true;
    content.push({ line, text: value });
  });

  const entries: SeedEntry[] = [];
  let i = 0;
  while (i < content.length) {
    const title = content[i]!;
    const next = content[i + 1];
    if (!looksLikeTitle(title.text)) {
      problems.push({
        file,
        line: title.line,
        message: `expected a title, found ${title.text.length} characters of text; skipped as an abstract without a title`,
      });
      i += 1;
      continue;
    }
    if (next === undefined || !looksLikeAbstract(next.text)) {
      problems.push({
        file,
        line: title.line,
        message: next === undefined
          ? 'title at the end of the page has no abstract; kept with an empty abstract'
          : `title is followed by another short line (line ${next.line}), not an abstract; kept with an empty abstract`,
      });
      entries.push({ file, line: title.line, listedOn, rawTitle: title.text, rawAbstract: '' });
      i += 1;
      continue;
    }
    entries.push({ file, line: title.line, listedOn, rawTitle: title.text, rawAbstract: next.text });
    i += 2;
  }
  return { entries, problems, listedOn, recognised };
}
