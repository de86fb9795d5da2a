/**
 * A paper as one feed item gives it, before it meets the corpus (src/core/ingest/merge-incoming.ts
 * turns it into a Paper, merged with what is already known). Text is raw: whitespace collapsed,
 * LaTeX not yet cleaned, so cleaning happens once, the same way as for seed pages.
 */
export type FeedOrigin = 'hf' | 'arxiv';

export interface IncomingPaper {
  readonly origin: FeedOrigin;
  /** Without its version: "2403.12345". */
  readonly arxivId: string;
  /** Null when the feed does not say (Hugging Face). */
  readonly arxivVersion: number | null;
  readonly rawTitle: string;
  readonly rawAbstract: string;
  readonly authors: readonly string[];
  /** ISO 8601 with the year. */
  readonly publishedAt: string;
  readonly updatedAt: string | null;
  /** Hugging Face: when it reached the daily list (ISO 8601). */
  readonly listedAt: string | null;
  readonly categories: readonly string[];
  readonly pdfUrl: string | null;
  readonly upvotes: number | null;
  readonly comments: number | null;
  readonly githubRepo: string | null;
  readonly keywords: readonly string[];
}

/** A feed item that could not be taken, and why (never dropped silently). */
export interface Rejection {
  /** Which item: its arXiv id when it has a readable one, else its position ("item 3"). */
  readonly item: string;
  readonly reason: string;
}

export interface ParsedItems {
  readonly papers: IncomingPaper[];
  readonly rejected: Rejection[];
}

/** Runs of whitespace (arXiv wraps titles and abstracts over lines) become one space. */
export const collapseWhitespace = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** New-style (2403.12345) and old-style (hep-th/9901001) arXiv ids, with an optional version. */
const ARXIV_ID = /^((?:\d{4}\.\d{4,5})|(?:[a-z-]+(?:\.[A-Z]{2})?\/\d{7}))(?:v(\d+))?$/;

export function parseArxivId(text: string): { id: string; version: number | null } | null {
  const match = ARXIV_ID.exec(text.trim());
  if (!match) return null;
  return { id: match[1]!, version: match[2] === undefined ? null : Number(match[2]) };
}

/** An ISO 8601 date-time Date can read, normalised to UTC ("2024-03-18T17:59:59.000Z"); null otherwise. */
export function isoInstant(text: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(text.trim())) return null;
  const date = new Date(text.trim());
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
