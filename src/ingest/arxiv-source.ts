/**
 * The arXiv API, newest submissions first, page after page until the window's first day is
 * passed, the results run out, or `maxResults` were read. arXiv asks for at most one request
 * every 3 s and a User-Agent that says who is asking: the rate limiter (shared by every arXiv
 * request of the process) and HttpOptions see to both.
 */
import { parseArxivFeed } from '../core/sources/parse-arxiv-feed.js';
import type { FeedSource, SourcePage } from './feed-source.js';
import { httpGet, type HttpOptions } from './http-get.js';
import { SourceFailure } from './source-failure.js';

export const ARXIV_REQUEST_INTERVAL_MS = 3000;

export interface ArxivSourceOptions {
  readonly categories: readonly string[];
  readonly pageSize?: number;
  /** Stop after this many results, however far back the window goes (arXiv serves 30,000 at most). */
  readonly maxResults?: number;
}

export function arxivQueryUrl(apiUrl: string, categories: readonly string[], start: number, max: number): string {
  // Categories are checked against arXiv's list by loadConfig: letters, dots and dashes only.
  const query = categories.map((c) => `cat:${c}`).join('+OR+');
  return `${apiUrl}?search_query=${query}&sortBy=submittedDate&sortOrder=descending&start=${start}&max_results=${max}`;
}

export function arxivSource(apiUrl: string, options: ArxivSourceOptions, http: HttpOptions): FeedSource {
  const pageSize = options.pageSize ?? 100;
  const maxResults = options.maxResults ?? 10_000;
  return {
    name: `arxiv:${options.categories.join('+')}`,
    async *pages(window): AsyncIterable<SourcePage> {
      const since = `${window.since}T00:00:00.000Z`;
      for (let start = 0; start < maxResults; ) {
        const body = await httpGet(arxivQueryUrl(apiUrl, options.categories, start, Math.min(pageSize, maxResults - start)), http).catch((error: unknown) => {
          throw error instanceof SourceFailure ? new SourceFailure(`results from ${start + 1}: ${error.reason}`) : error;
        });
        const page = parseArxivFeed(body);
        if ('error' in page) throw new SourceFailure(`results from ${start + 1}: ${page.error}`);
        const inWindow = page.papers.filter((p) => p.publishedAt >= since);
        const end = start + page.entryCount;
        yield {
          papers: inWindow,
          rejected: page.rejected,
          progress: `results ${start + 1}-${end} of ${page.totalResults.toLocaleString('en-US')}`,
        };
        const passedWindow = inWindow.length < page.papers.length;
        if (page.entryCount === 0 || passedWindow || end >= page.totalResults) return;
        start = end;
      }
    },
  };
}
