/** The feeds PAPERBOY_SOURCES turned on, ready to read (loadConfig has checked them). */
import type { IngestConfig } from '../config/load-config.js';
import { ARXIV_REQUEST_INTERVAL_MS, arxivSource } from './arxiv-source.js';
import type { FeedSource } from './feed-source.js';
import { hfDailySource } from './hf-daily-source.js';
import { createRateLimiter, realClock, type Clock } from './rate-limiter.js';

/** Who is asking, as arXiv's terms of use want every client to say. */
export const USER_AGENT = 'paperboy/0.1 (Slack bot recommending research papers to ML teams; daily ingest, 1 arXiv request per 3 s)';

export interface FeedOptions {
  readonly clock?: Clock;
  readonly timeoutMs?: number;
  readonly arxivPageSize?: number;
}

export function configuredSources(config: IngestConfig, options: FeedOptions = {}): FeedSource[] {
  const clock = options.clock ?? realClock;
  const http = { userAgent: USER_AGENT, timeoutMs: options.timeoutMs ?? 30_000, clock };
  // One limiter for every arXiv request this run makes, retries included.
  const arxivLimiter = createRateLimiter(ARXIV_REQUEST_INTERVAL_MS, clock);
  return config.sources.map((source) =>
    source.kind === 'hf'
      ? hfDailySource(config.hfApiUrl, http)
      : arxivSource(config.arxivApiUrl, { categories: source.categories, ...(options.arxivPageSize ? { pageSize: options.arxivPageSize } : {}) }, { ...http, beforeRequest: arxivLimiter }),
  );
}
