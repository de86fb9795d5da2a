/**
 * The `has:` filters of the query grammar: `has:code` keeps papers with a code link, and
 * `-has:code` (the grammar's exclusion dash) keeps those without. A filter is a fact about the
 * paper, not a word in it: `has:code` searched as text would find papers that say "code".
 * So an unknown `has:xyz` is refused with the list of filters, never searched literally.
 */
import { codeLinkOf } from '../links/code-link.js';
import type { Paper } from '../paper.js';
import type { FilterName, ParsedQuery, QueryFilter } from './search-types.js';

interface FilterSpec {
  /** What `has:NAME` keeps, as the help and the refusal say it. */
  readonly keeps: string;
  readonly test: (paper: Paper) => boolean;
}

export const QUERY_FILTERS: Readonly<Record<FilterName, FilterSpec>> = {
  code: { keeps: 'papers with a code link (GitHub and the like)', test: (paper) => codeLinkOf(paper) !== null },
};

export const FILTER_NAMES = Object.keys(QUERY_FILTERS) as FilterName[];

const isFilterName = (name: string): name is FilterName => Object.hasOwn(QUERY_FILTERS, name);

/**
 * A query part (lower-cased, its exclusion dash already taken off) read as a filter: null when it
 * is not a `has:` part at all. Trailing punctuation ("has:code,") is not part of the name.
 */
export function readFilterPart(part: string, negated: boolean): QueryFilter | { readonly unknown: string } | null {
  if (!part.startsWith('has:')) return null;
  const name = part.slice(4).replace(/[.,;:!?]+$/, '');
  return isFilterName(name) ? { name, negated } : { unknown: name };
}

/** Whether the paper passes every filter. */
export function passesFilters(paper: Paper, filters: readonly QueryFilter[]): boolean {
  return filters.every((f) => QUERY_FILTERS[f.name].test(paper) !== f.negated);
}

/** The filters as the query grammar writes them, with what each keeps: for the help and the refusal. */
export const FILTER_USAGES: readonly { readonly usage: string; readonly description: string }[] = FILTER_NAMES.flatMap((name) => [
  { usage: `has:${name}`, description: `only ${QUERY_FILTERS[name].keeps}` },
  { usage: `-has:${name}`, description: `leave those out` },
]);

/** Plain text: why nothing was searched, and which filters there are. Renderers escape it. */
export function unknownFilterSentence(unknown: readonly string[]): string {
  const named = unknown.slice(0, 3).map((name) => `has:${name.length > 40 ? `${name.slice(0, 39)}…` : name}`);
  const valid = FILTER_NAMES.map((name) => `has:${name} (${QUERY_FILTERS[name].keeps}, or -has:${name} for papers without one)`).join(', ');
  return `paperboy has no filter ${named.join(', ')}, so nothing was searched. The filters are: ${valid}.`;
}

/**
 * Plain text under a filter-only listing: what the order is, and how to narrow it (the query
 * with a word before it, e.g. "diffusion has:code").
 */
export function listingSentence(query: ParsedQuery, command = '/papers'): string {
  const filters = (query.filters ?? []).map((f) => `${f.negated ? '-' : ''}has:${f.name}`).join(' ');
  return `Every paper matching ${filters}, newest first (papers with no dated record last). Add words to search among them, e.g. ${command} diffusion ${filters}.`;
}
