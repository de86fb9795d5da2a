/**
 * One feed item meets the corpus: it becomes a new paper, or is merged into the paper already
 * known under its arXiv id or its normalised title. Text is cleaned the way seed pages are
 * (cleanLatex, extractLinks, search aliases for the raw spellings).
 *
 * Whose text wins: arXiv's latest version over Hugging Face's copy over a seed listing, so a new
 * arXiv version updates the record and a Hugging Face refresh never rolls it back. Each feed
 * owns its own fields (arXiv: version, categories, PDF, update date; Hugging Face: upvotes,
 * comments, listing date, keywords); a seed listing keeps its pages and its listing date. Links
 * only accumulate, in the order first seen, so merging the same items again changes nothing.
 */
import { isDeepStrictEqual } from 'node:util';
import { paperOrigins, type ListingDate, type Paper, type PaperOrigin } from '../paper.js';
import { aliasesFor } from '../seeds/merge-papers.js';
import type { IncomingPaper } from '../sources/incoming-paper.js';
import { cleanLatex } from '../text/clean-latex.js';
import { extractLinks } from '../text/links.js';

export type IngestChange = 'new' | 'updated' | 'merged' | 'unchanged';

/** Seed 0, Hugging Face 1, arXiv vN 1 + N: the higher rank's text is kept. */
function textRank(paper: Pick<Paper, 'arxivVersion' | 'origins'>): number {
  if (paper.arxivVersion != null) return 1 + paper.arxivVersion;
  return paperOrigins(paper).includes('hf') ? 1 : 0;
}

const incomingRank = (item: IncomingPaper): number => (item.origin === 'arxiv' ? 1 + (item.arxivVersion ?? 1) : 1);

const union = (...lists: readonly (readonly string[])[]): string[] => [...new Set(lists.flat())];

function listingDay(iso: string): ListingDate {
  const date = new Date(iso);
  return { month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

interface CleanText {
  readonly title: string;
  readonly abstract: string;
  readonly searchAliases: string;
  readonly authors: string[];
  readonly publishedAt: string;
  readonly links: ReturnType<typeof extractLinks>;
}

/** The item's text cleaned as seed pages are. */
function textOf(item: IncomingPaper): CleanText {
  const title = cleanLatex(item.rawTitle);
  const abstract = cleanLatex(item.rawAbstract);
  return {
    title,
    abstract,
    searchAliases: union(aliasesFor(item.rawTitle, title), aliasesFor(item.rawAbstract, abstract)).join(' '),
    authors: item.authors.map(cleanLatex),
    publishedAt: item.publishedAt,
    links: extractLinks(item.rawAbstract),
  };
}

export function mergeIncoming(existing: Paper | undefined, item: IncomingPaper, id: string): { paper: Paper; change: IngestChange } {
  const takesText = existing === undefined || incomingRank(item) >= textRank(existing);
  const text = textOf(item);
  const arxiv = item.origin === 'arxiv';
  const hf = item.origin === 'hf';
  const origins: PaperOrigin[] = existing ? union(paperOrigins(existing), [item.origin]) as PaperOrigin[] : [item.origin];
  const paper: Paper = {
    ...existing,
    id: existing?.id ?? id,
    title: takesText ? text.title : existing.title,
    abstract: takesText ? text.abstract : existing.abstract,
    searchAliases: takesText ? text.searchAliases : existing.searchAliases,
    listedOn: existing?.listedOn ?? listingDay(item.listedAt ?? item.publishedAt),
    sources: existing?.sources ?? [],
    codeLinks: union(existing?.codeLinks ?? [], item.githubRepo ? [item.githubRepo] : [], takesText ? text.links.codeLinks : []),
    otherLinks: union(existing?.otherLinks ?? [], takesText ? text.links.otherLinks : []),
    sourceUpvotes: hf && item.upvotes !== null ? item.upvotes : (existing?.sourceUpvotes ?? null),
    arxivId: item.arxivId,
    arxivVersion: arxiv ? item.arxivVersion : (existing?.arxivVersion ?? null),
    authors: takesText && text.authors.length > 0 ? text.authors : (existing?.authors ?? text.authors),
    publishedAt: takesText ? text.publishedAt : (existing?.publishedAt ?? text.publishedAt),
    updatedAt: arxiv ? item.updatedAt : (existing?.updatedAt ?? null),
    listedAt: hf ? (item.listedAt ?? existing?.listedAt ?? null) : (existing?.listedAt ?? null),
    categories: arxiv ? item.categories : (existing?.categories ?? []),
    hfComments: hf ? item.comments : (existing?.hfComments ?? null),
    keywords: hf ? item.keywords : (existing?.keywords ?? []),
    pdfUrl: arxiv ? item.pdfUrl : (existing?.pdfUrl ?? null),
    origins,
  };
  if (existing === undefined) return { paper, change: 'new' };
  if (!paperOrigins(existing).includes(item.origin)) return { paper, change: 'merged' };
  return { paper, change: isDeepStrictEqual(existing, paper) ? 'unchanged' : 'updated' };
}
