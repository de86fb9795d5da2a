/**
 * What the user typed, understood: plain words, "exact phrases", -excluded words and
 * `has:` filters (`has:code`, `-has:code`; query-filters.ts). Never
 * throws: Slack and macOS turn quotes into smart quotes, people leave quotes open and paste
 * punctuation, and every such query still means something.
 */
import { analyze } from './analyzer.js';
import { readFilterPart } from './query-filters.js';
import type { ParsedQuery, QueryFilter } from './search-types.js';

// Smart and other quote marks users' keyboards produce, all read as a plain double quote.
const QUOTES = /[“”„‟«»″〝〞＂]/g;
// Dashes that start an exclusion: a hyphen-minus, or the en/em dash macOS substitutes for one.
const EXCLUDE = /^[-–—−]+/;

export function parseQuery(text: string): ParsedQuery {
  const terms: string[] = [];
  const phrases: string[] = [];
  const excluded: string[] = [];
  const filters: QueryFilter[] = [];
  const unknownFilters: string[] = [];
  const normalized = text.replace(QUOTES, '"').toLowerCase();
  // Split on quotes: odd segments sit inside quotes. An unbalanced last quote just opens a
  // phrase that runs to the end, which is what the user most likely meant.
  const segments = normalized.split('"');
  segments.forEach((segment, i) => {
    if (i % 2 === 1) {
      const phrase = segment.replace(/\s+/g, ' ').trim();
      if (analyze(phrase).length > 1) {
        phrases.push(phrase);
        return;
      }
      // A one-word phrase is just that word (stop words around it dropped, and a leading dash
      // is part of what was quoted, not an exclusion); a punctuation-only phrase is nothing.
      for (const token of phrase.split(' ')) {
        const word = token.replace(EXCLUDE, '');
        if (analyze(word).length > 0) terms.push(word);
      }
      return;
    }
    for (const token of segment.split(/\s+/)) {
      if (!token) continue;
      const filter = readFilterPart(token.replace(EXCLUDE, ''), EXCLUDE.test(token));
      if (filter) {
        if ('unknown' in filter) {
          if (!unknownFilters.includes(filter.unknown)) unknownFilters.push(filter.unknown);
        } else if (!filters.some((f) => f.name === filter.name && f.negated === filter.negated)) filters.push(filter);
        continue;
      }
      if (EXCLUDE.test(token)) {
        const word = token.replace(EXCLUDE, '');
        if (analyze(word).length > 0) excluded.push(word);
      } else if (analyze(token).length > 0) {
        terms.push(token);
      }
    }
  });
  return {
    terms,
    phrases,
    excluded,
    isEmpty: terms.length === 0 && phrases.length === 0,
    ...(filters.length > 0 ? { filters } : {}),
    ...(unknownFilters.length > 0 ? { unknownFilters } : {}),
  };
}

/** The query written back in the syntax parseQuery reads, for "Next 5" and suggestions. */
export function formatQuery(query: ParsedQuery): string {
  const filters = (query.filters ?? []).map((f) => `${f.negated ? '-' : ''}has:${f.name}`);
  return [...query.terms, ...query.phrases.map((p) => `"${p}"`), ...query.excluded.map((w) => `-${w}`), ...filters].join(' ');
}

/** A query as typed, in double quotes for plain text, unless it holds its own ("exact phrase"). */
export function quotedQuery(text: string): string {
  return text.includes('"') ? text : `"${text}"`;
}

/**
 * What to tell the user when their quoted phrases matched nothing and the results are for the
 * words instead; null when every phrase matched.
 */
export function unmatchedPhrasesSentence(phrases: readonly string[] | undefined): string | null {
  if (!phrases || phrases.length === 0) return null;
  const quoted = phrases.map((p) => `"${p.length > 100 ? `${p.slice(0, 99)}…` : p}"`).join(', ');
  return phrases.length === 1
    ? `No paper has the exact phrase ${quoted}; these papers match its words.`
    : `No paper has the exact phrases ${quoted}; these papers match their words.`;
}
