/**
 * The operations side of one paperboy process, built from its parts: the metrics registry, the
 * health check, the /healthz + /metrics routes (HTTP mode serves them beside /slack/events,
 * Socket Mode on PAPERBOY_METRICS_PORT), and the hooks the digest and search report through.
 * main.ts (or a composition root) creates it once and hands its pieces to the app it builds.
 */
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import type { DigestNowOutcome } from '../core/digest/digest-outcome.js';
import { opsRoutes, type OpsRoute } from '../http/health-routes.js';
import { startOpsServer, type OpsServer } from '../http/ops-server.js';
import { instrumentedFetch } from '../metrics/instrumented-fetch.js';
import { createMetrics, type Metrics } from '../metrics/metrics.js';
import type { Store } from '../store/store.js';

export interface Operations {
  readonly metrics: Metrics;
  readonly routes: readonly OpsRoute[];
  /** For deliverDigest's onOutcome. */
  readonly onDigestOutcome: (outcome: DigestNowOutcome) => void;
  /** For the Web API clients built outside Bolt (the digest client): counts their errors. */
  readonly fetch: typeof fetch;
  /** From now on /healthz answers 503 "shutting down". */
  beginStopping(): void;
  /** Socket Mode with PAPERBOY_METRICS_PORT: serve the routes there; otherwise nothing. */
  startOpsServer(): Promise<OpsServer | null>;
}

export function createOperations(options: {
  readonly config: Pick<Config, 'slack' | 'ops'>;
  readonly logger: Logger;
  readonly papers: () => number | null;
  readonly store: Pick<Store, 'ping'>;
  readonly metrics?: Metrics;
}): Operations {
  const { config, logger } = options;
  const metrics = options.metrics ?? createMetrics({ corpusSize: () => options.papers() ?? 0 });
  let stopping = false;
  const routes = opsRoutes({ pingStore: () => options.store.ping(), papers: options.papers, stopping: () => stopping }, metrics.registry);
  return {
    metrics,
    routes,
    onDigestOutcome: (outcome) => {
      if (outcome.kind === 'already-done') return;
      metrics.digests.inc({ outcome: outcome.kind === 'nothing-new' ? 'skipped' : outcome.kind });
    },
    fetch: instrumentedFetch(metrics.slackApiErrors),
    beginStopping: () => {
      stopping = true;
    },
    async startOpsServer() {
      const port = config.ops.metricsPort;
      if (config.slack.mode !== 'socket' || port === null) return null;
      const server = await startOpsServer(port, routes);
      logger.info({ port: server.port, paths: routes.map((r) => r.path) }, 'ops endpoints listening');
      return server;
    },
  };
}
