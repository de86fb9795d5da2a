/**
 * paperboy's Prometheus metrics, on a registry the caller owns (main.ts makes one per process,
 * each test its own), so nothing registers at import time and two apps never share counters.
 * Label values come from small fixed sets (surfaces, our own action ids, Slack method names and
 * error codes), never from user text, so a hostile payload cannot blow up the series count.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type Surface = 'command' | 'action' | 'event' | 'other';

export interface Metrics {
  readonly registry: Registry;
  /** Time from Bolt receiving a request to its listener finishing (ack, work and reply). */
  readonly requestSeconds: Histogram<'surface' | 'name'>;
  readonly searchSeconds: Histogram<never>;
  readonly digests: Counter<'outcome'>;
  readonly slackApiErrors: Counter<'method' | 'error'>;
  /** Requests dropped as replays of a signed request already handled. */
  readonly replaysIgnored: Counter<'surface'>;
}

export interface MetricsOptions {
  /** The number of papers being served, read at scrape time. */
  readonly corpusSize?: () => number;
  /** Node's process metrics (CPU, memory, event loop lag, GC); on by default. */
  readonly defaultMetrics?: boolean;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const SEARCH_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const corpusSize = options.corpusSize;
  if (corpusSize) {
    new Gauge({
      name: 'paperboy_corpus_papers',
      help: 'Papers in the search index being served',
      registers,
      collect() {
        this.set(corpusSize());
      },
    });
  }
  return {
    registry,
    requestSeconds: new Histogram({
      name: 'paperboy_request_duration_seconds',
      help: 'Slack requests by surface (command, action, event) and name, from receipt until the listener finished',
      labelNames: ['surface', 'name'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    searchSeconds: new Histogram({
      name: 'paperboy_search_duration_seconds',
      help: 'Time to run one search over the index',
      buckets: SEARCH_BUCKETS,
      registers,
    }),
    digests: new Counter({
      name: 'paperboy_digests_total',
      help: 'Digests this process delivered or tried, by outcome: posted, skipped (nothing new), paused (channel unavailable), failed',
      labelNames: ['outcome'],
      registers,
    }),
    slackApiErrors: new Counter({
      name: 'paperboy_slack_api_errors_total',
      help: 'Slack Web API calls that failed, by method and error code (ratelimited, http_500, request_error, or the error Slack returned)',
      labelNames: ['method', 'error'],
      registers,
    }),
    replaysIgnored: new Counter({
      name: 'paperboy_replayed_requests_total',
      help: 'Signed requests dropped because the same signed request was already handled',
      labelNames: ['surface'],
      registers,
    }),
  };
}
