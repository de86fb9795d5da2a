/**
 * The arXiv API's Atom feed, parsed with fast-xml-parser (never regular expressions over XML).
 * An API error comes back as a feed whose one entry is titled "Error" with the message in its
 * summary; `opensearch:totalResults` says how many results the query has in all, for paging.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { collapseWhitespace, isoInstant, parseArxivId, type IncomingPaper, type Rejection } from './incoming-paper.js';

export interface ArxivPage {
  readonly totalResults: number;
  readonly startIndex: number;
  /** Entries on this page, taken or rejected; paging advances by this, not by what was taken. */
  readonly entryCount: number;
  readonly papers: IncomingPaper[];
  readonly rejected: Rejection[];
}

const REPEATED = new Set(['entry', 'author', 'link', 'category']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // "opensearch:totalResults" and "arxiv:primary_category" read as totalResults, primary_category.
  removeNSPrefix: true,
  // Ids such as 2403.12340 must stay text, not become numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => REPEATED.has(name),
});

type Node = Record<string, unknown>;

/** An element's text, whether it came as a string or as an object with attributes. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && '#text' in value) return String((value as Node)['#text']);
  return '';
}

const asNodes = (value: unknown): Node[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is Node => v !== null && typeof v === 'object');

function entryPaper(entry: Node): IncomingPaper | string {
  const rawId = collapseWhitespace(textOf(entry.id));
  const absPath = /^https?:\/\/(?:export\.)?arxiv\.org\/abs\/(.+)$/.exec(rawId)?.[1];
  const arxiv = absPath === undefined ? null : parseArxivId(absPath);
  if (!arxiv) return `id "${rawId.slice(0, 80)}" is not an arXiv abstract URL`;
  const title = collapseWhitespace(textOf(entry.title));
  if (title === '') return 'no title';
  const publishedAt = isoInstant(collapseWhitespace(textOf(entry.published)));
  if (!publishedAt) return 'published is not an ISO 8601 date';
  const links = asNodes(entry.link);
  const pdf = links.find((l) => l['@_title'] === 'pdf' || l['@_type'] === 'application/pdf');
  const primary = asNodes(entry.primary_category)[0]?.['@_term'];
  const categories = asNodes(entry.category).map((c) => String(c['@_term'] ?? '')).filter((term) => term !== '');
  const ordered = typeof primary === 'string' ? [primary, ...categories.filter((c) => c !== primary)] : categories;
  return {
    origin: 'arxiv',
    arxivId: arxiv.id,
    arxivVersion: arxiv.version ?? 1,
    rawTitle: title,
    rawAbstract: collapseWhitespace(textOf(entry.summary)),
    authors: asNodes(entry.author).map((a) => collapseWhitespace(textOf(a.name))).filter((name) => name !== ''),
    publishedAt,
    updatedAt: isoInstant(collapseWhitespace(textOf(entry.updated))),
    listedAt: null,
    categories: [...new Set(ordered)],
    pdfUrl: pdf && typeof pdf['@_href'] === 'string' ? pdf['@_href'].replace(/^http:/, 'https:') : null,
    upvotes: null,
    comments: null,
    githubRepo: null,
    keywords: [],
  };
}

/** One page of results, or the reason the body is not one (malformed XML, not a feed, an API error). */
export function parseArxivFeed(xml: string): ArxivPage | { error: string } {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { error: `malformed XML (line ${valid.err.line}: ${valid.err.msg})` };
  const doc = parser.parse(xml) as Node;
  const feed = doc.feed as Node | undefined;
  if (feed === undefined || typeof feed !== 'object') return { error: 'not an Atom feed (no <feed> element)' };
  const entries = asNodes(feed.entry);
  const errorEntry = entries.find((e) => collapseWhitespace(textOf(e.title)) === 'Error');
  if (errorEntry) return { error: `arXiv API error: ${collapseWhitespace(textOf(errorEntry.summary)).slice(0, 200) || 'no message'}` };
  const total = Number(collapseWhitespace(textOf(feed.totalResults)));
  if (!Number.isSafeInteger(total) || total < 0) return { error: 'no opensearch:totalResults in the feed' };
  const start = Number(collapseWhitespace(textOf(feed.startIndex)) || '0');
  const papers: IncomingPaper[] = [];
  const rejected: Rejection[] = [];
  entries.forEach((entry, index) => {
    const paper = entryPaper(entry);
    if (typeof paper === 'string') {
      const id = collapseWhitespace(textOf(entry.id)).replace(/^https?:\/\/(?:export\.)?arxiv\.org\/abs\//, '').slice(0, 40);
      rejected.push({ item: `entry ${index + 1}${id ? ` (${id})` : ''}`, reason: paper });
    } else {
      papers.push(paper);
    }
  });
  return { totalResults: total, startIndex: Number.isSafeInteger(start) ? start : 0, entryCount: entries.length, papers, rejected };
}
