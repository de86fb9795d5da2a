/**
 * `npm start`: the only place that wires paperboy together, in order:
 * config (from the environment) -> logger -> corpus -> search index (snapshot) -> store -> digest
 * delivery -> Slack app -> start -> scheduler.
 * Everything below takes explicit arguments; nothing else reads process.env.
 */
import { hostname } from 'node:os';
import { ConfigError, loadConfig, type Config } from './config/load-config.js';
import { secretValues } from './config/secret-values.js';
import { getPaper, paperCount, searchPapers, warmUpSearchIndex } from './core/search/search-index.js';
import { seedCorpusSource } from './corpus/load-seeds.js';
import { loadOrBuildIndex } from './corpus/snapshot.js';
import { storePapers } from './corpus/store-papers.js';
import { createComposeDigest, indexSource } from './digest/compose-digest.js';
import { deliverDigest } from './digest/deliver-digest.js';
import { createDigestClient } from './digest/slack-poster.js';
import { createLogger } from './logger.js';
import { createOperations } from './ops/operations.js';
import type { RunDueDigestsDeps } from './scheduler/run-due-digests.js';
import { startScheduler } from './scheduler/start-scheduler.js';
import { buildDigestSubcommands } from './slack/commands/subscription-subcommands.js';
import { createTrackedSlackApp, verifySlackConnection } from './slack/create-slack-app.js';
import { registerDigestUpvote } from './slack/listeners/actions/digest-upvote.js';
import { installShutdown } from './shutdown.js';
import { openStore } from './store/open-store.js';

function readConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // An admin fixing their setup needs the list of problems, not a stack trace.
    console.error(error.message);
    process.exit(1);
  }
}

function databaseUrl(config: Config): string {
  return config.database.kind === 'postgres' ? config.database.url : `sqlite:${config.database.path}`;
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger({ level: config.logLevel, secrets: secretValues(config) });
  const now = (): Date => new Date();

  // The seed pages are not parsed when the snapshot is current: it already holds their papers.
  // Nor are they read while their stamps match the ones recorded beside the snapshot.
  const { index, source, entryCount, problems } = await loadOrBuildIndex({
    openCorpus: (known) => seedCorpusSource(config.seedsDir, { known }),
    snapshotPath: config.indexSnapshotPath,
    logger,
  });
  for (const problem of problems) {
    logger.warn({ file: problem.file, line: problem.line }, `seed ${problem.file}:${problem.line}: ${problem.message}`);
  }
  logger.info({ papers: paperCount(index), entries: entryCount, seedsDir: config.seedsDir, source }, 'search index ready');

  const store = await openStore(databaseUrl(config));
  logger.info({ database: config.database.kind }, 'store ready');
  // Metrics, /healthz and /metrics (src/ops/operations.ts).
  const ops = createOperations({ config, logger, papers: () => paperCount(index), store });

  // One delivery use case for the scheduler and `/papers digest now` alike.
  const delivery: RunDueDigestsDeps = {
    store,
    client: createDigestClient(config.slack.botToken, { fetch: ops.fetch, ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}) }),
    compose: createComposeDigest({ ...indexSource(() => index), maxPapers: config.digest.maxPapers }),
    logger: logger.child({ component: 'digest' }),
    claimant: `${hostname()}:${process.pid}`,
    onOutcome: ops.onDigestOutcome,
  };

  const { app, requests } = createTrackedSlackApp(config, {
    searchIndex: () => index,
    logger,
    now,
    store,
    subcommands: buildDigestSubcommands({
      store,
      config: config.digest,
      deliver: (subscription, at) => deliverDigest(delivery, subscription, at),
      topicHasMatches: (topic) => searchPapers(index, topic, { limit: 1 }).kind === 'results',
    }),
    observeSearchSeconds: (seconds) => ops.metrics.searchSeconds.observe(seconds),
  }, { metrics: ops.metrics, http: { routes: ops.routes, bodyLimitBytes: config.ops.maxBodyBytes } });
  registerDigestUpvote(app, { store, logger, now, findPaper: (id) => getPaper(index, id) });

  await verifySlackConnection(app, config);
  if (config.slack.mode === 'socket') await app.start();
  else await app.start(config.port);
  const opsServer = await ops.startOpsServer();
  // The store's copy of the papers is refreshed once the app is up, not before, in slices that
  // leave the event loop free between them (storePapers): serving never waits on it (search,
  // saves and digests find papers through the index). A failure is logged, not fatal: the
  // previous copy stays and the next start tries again.
  let stopping = false;
  const papersStored = storePapers(index, store, () => stopping)
    .then((stored) => logger.info({ papers: stored }, 'papers stored'))
    .catch((error: unknown) => logger.error({ err: error }, 'could not store the papers; search is unaffected, the next start tries again'));

  // After the app is up, so the catch-up pass at start can already post.
  const scheduler = startScheduler(delivery, { clock: now });

  // src/shutdown.ts: stop taking work, let in-flight work finish (bounded), close the store.
  installShutdown({
    logger,
    beginStopping: () => {
      stopping = true;
      ops.beginStopping();
    },
    drain: [
      { name: 'digest scheduler', done: () => scheduler.stop() },
      { name: 'slack requests', done: async () => (await app.stop(), await requests.drained(60_000)) },
      // Not closed under a write in progress (storePapers stops after its current slice).
      { name: 'papers write', done: () => papersStored },
      { name: 'ops server', done: async () => opsServer?.close() },
    ],
    close: () => store.close(),
  });

  // Said last, once a stop signal would be handled: whoever waits for this line may stop us.
  if (config.slack.mode === 'socket') logger.info({ mode: 'socket' }, 'listening (Socket Mode)');
  else logger.info({ mode: 'http', port: config.port, path: '/slack/events' }, 'listening');
  // What loading the snapshot left for later (the typo-correction word map), built now rather
  // than by the first typo query, in slices with requests served in between.
  const warmUp = (): void => {
    if (!warmUpSearchIndex(index, 5000)) setImmediate(warmUp);
  };
  setImmediate(warmUp);
}

main().catch((error: unknown) => {
  console.error(`paperboy failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
