/**
 * A configured feed as the ingest sees it: named, and read page by page (a day of Hugging Face,
 * a page of arXiv results), so each page is stored as it comes and a failure later in a long
 * backfill keeps what came before it.
 */
import type { IncomingPaper, Rejection } from '../core/sources/incoming-paper.js';

export interface SourcePage {
  readonly papers: readonly IncomingPaper[];
  readonly rejected: readonly Rejection[];
  /** For the progress line: what this page was ("2026-11-30", "results 1-100 of 2,450"). */
  readonly progress: string;
}

export interface ReadWindow {
  /** First UTC date to read, "YYYY-MM-DD". */
  readonly since: string;
  readonly now: Date;
}

export interface FeedSource {
  /** As PAPERBOY_SOURCES names it: "hf", "arxiv:cs.LG+cs.CV". */
  readonly name: string;
  /** Throws SourceFailure when the feed cannot be read; pages already yielded stand. */
  pages(window: ReadWindow): AsyncIterable<SourcePage>;
}

/** The UTC dates from `since` to `now`'s date, inclusive. */
export function daysFrom(since: string, now: Date): string[] {
  const days: string[] = [];
  const end = now.toISOString().slice(0, 10);
  for (let day = new Date(`${since}T00:00:00Z`); day.toISOString().slice(0, 10) <= end; day.setUTCDate(day.getUTCDate() + 1)) {
    days.push(day.toISOString().slice(0, 10));
  }
  return days;
}
