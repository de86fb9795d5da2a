/**
 * The composition root: the only place that wires paperboy together, in order:
 * config -> store -> search index (snapshot; the seeds plus what an ingest stored) -> digest delivery -> Slack app; start() then
 * checks the token, starts the app, refreshes the stored papers and starts the scheduler.
 * main.ts (the process: environment, signals, exit codes) and the end-to-end tests both call
 * createPaperboy; tests pass overrides (a store, a clock, an index, a logger) instead of
 * rebuilding the wiring, so what they drive is what runs.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Config } from './config/load-config.js';
import { buildSearchIndex, paperCount, searchPapers, type SearchIndex } from './core/search/search-index.js';
import { seedCorpusSource } from './corpus/load-seeds.js';
import { createLiveCorpus, type LiveCorpus } from './corpus/live-corpus.js';
import { createForeground } from './corpus/foreground.js';
import { BuilderClosedError, createIndexBuilder, type IndexBuilder } from './corpus/index-builder.js';
import { loadOrBuildIndex, saveIndexSnapshotInSlices, type LoadedIndex } from './corpus/snapshot.js';
import { storePapers } from './corpus/store-papers.js';
import { corpusFingerprintSteps, seedPagesKnown, withIngestedPapers } from './corpus/stored-corpus-source.js';
import { runInSlices } from './corpus/run-in-slices.js';
import type { Paper } from './core/paper.js';
import { composeDigest, indexSource, type ComposeDigestDeps } from './digest/compose-digest.js';
import { deliverDigest } from './digest/deliver-digest.js';
import { createDigestClient, createSlackDigestChannel } from './digest/slack-poster.js';
import { createLogger } from './logger.js';
import { createOperations } from './ops/operations.js';
import { secretValues } from './config/secret-values.js';
import type { OpsServer } from './http/ops-server.js';
import type { ShutdownPlan } from './shutdown.js';
import type { RequestTracker } from './slack/request-tracker.js';
import type { RunDueDigestsDeps } from './scheduler/run-due-digests.js';
import { startScheduler, type RunningScheduler } from './scheduler/start-scheduler.js';
import { startIngestScheduler, type RunningIngestScheduler } from './scheduler/start-ingest-scheduler.js';
import { configuredSources, type FeedOptions } from './ingest/configured-sources.js';
import { runIngest } from './ingest/ingest.js';
import { startHousekeeping, type RunningHousekeeping } from './scheduler/start-housekeeping.js';
import { buildDigestSubcommands } from './slack/subcommands/subscription-subcommands.js';
import { createTrackedSlackApp, verifySlackConnection, type SlackAppOptions } from './slack/create-slack-app.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';

export interface PaperboyOverrides {
  readonly logger?: Logger;
  /** The clock every listener, the scheduler and the digest read. Default: the system clock. */
  readonly clock?: () => Date;
  /** Default: the store config.database names, opened and migrated (and closed by stop()). */
  readonly store?: Store;
  /** Default: the snapshot at config.indexSnapshotPath, or the seed pages in config.seedsDir. */
  readonly searchIndex?: SearchIndex;
  /** How the interactive Web API client retries (see SlackAppOptions). */
  readonly slackRetry?: SlackAppOptions['retryConfig'];
  /** The digest poster's sleep between retries. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Names this process in digest claims. Default "hostname:pid". */
  readonly claimant?: string;
  /** The HTTP port, instead of config.port (0: any free port). */
  readonly port?: number;
  /** Whether start() starts the digest scheduler and, with PAPERBOY_SOURCES set, the ingest scheduler. Default true. */
  readonly scheduler?: boolean;
  /** How the scheduled ingest reads the feeds (timeouts, the rate limiter's clock). */
  readonly feeds?: FeedOptions;
  /** Papers added while running that start a merge of the index segments (default DEFAULT_MERGE_AT). */
  readonly segmentMergeAt?: number;
}

export type ShutdownSteps = Pick<ShutdownPlan, 'beginStopping' | 'drain' | 'close'>;

export interface Paperboy {
  readonly app: App;
  readonly store: Store;
  readonly logger: Logger;
  /** The Slack requests being handled, for shutdown (and tests) to wait on. */
  readonly requests: RequestTracker;
  /** The index served now: the one loaded at start, with what was ingested since as segments. */
  readonly searchIndex: () => SearchIndex;
  /** The digest use case's dependencies, as the scheduler and `/papers digest now` use them. */
  readonly delivery: RunDueDigestsDeps;
  /** The scheduled ingest once started (PAPERBOY_SOURCES set, schedulers on), else null. */
  readonly ingestScheduler: () => RunningIngestScheduler | null;
  /**
   * Settles once start() has run and the index is served (at once from a snapshot, after the
   * build otherwise), with the store copy and the scheduler started; rejects if the build failed.
   */
  readonly ready: Promise<void>;
  /** Checks the bot token, starts the app; resolves with the HTTP port (null in Socket Mode). */
  start(): Promise<{ readonly port: number | null }>;
  /** The steps of a graceful stop, for src/shutdown.ts (installShutdown) to run on a signal. */
  readonly shutdown: ShutdownSteps;
  /** Runs the shutdown steps to the end: stops taking work, lets it finish, closes an opened store. */
  stop(): Promise<void>;
}

export async function createPaperboy(config: Config, overrides: PaperboyOverrides = {}): Promise<Paperboy> {
  const logger = overrides.logger ?? createLogger({ level: config.logLevel, secrets: secretValues(config) });
  const now = overrides.clock ?? ((): Date => new Date());

  // Without a usable snapshot the index is built after the app listens, in slices; until then
  // searches answer "warming up, N% indexed" and the index is an empty one.
  let index: SearchIndex = overrides.searchIndex ?? buildSearchIndex([]);
  let indexProgress: number | null = null;
  let listening!: () => void;
  const listened = new Promise<void>((resolve) => (listening = resolve));
  const ownStore = overrides.store === undefined;
  const store = overrides.store ?? (await openStore(config.database));
  if (ownStore) logger.info({ database: config.database.kind }, 'store ready');
  // Read before the index's papers are: whatever is written after it is picked up by the polls.
  const mark = await store.paperMark().catch((error: unknown) => {
    logger.warn({ err: error }, 'could not read the papers high-water mark; the first poll reads every ingested paper again');
    return 0;
  });
  // A cold start's index and the segments of papers ingested later are built in a worker thread
  // (index-builder.ts), started when first needed.
  // Its builds wait while a search runs (foreground.ts): on a small machine they share caches
  // and memory with it even on the other core.
  const foreground = createForeground();
  const indexBuilder = createIndexBuilder({ foreground });
  // What the loaded index was made of, for the snapshot saved after a merge (none for an index given).
  let loadedFrom: { readonly loaded: LoadedIndex; readonly ingested: readonly Paper[] } | null = null;
  const indexReady: Promise<void> = overrides.searchIndex
    ? Promise.resolve()
    : (await loadIndex(config, logger, store, {
        listened,
        builder: indexBuilder,
        onProgress: (progress) => (indexProgress = progress),
        onReady: (loaded, ingested) => {
          index = loaded.index;
          loadedFrom = { loaded, ingested };
          indexProgress = null;
        },
      })).ready;
  // Papers ingested after start, as index segments (live-corpus.ts); set once the index is ready.
  let live: LiveCorpus | null = null;
  let pollTimer: NodeJS.Timeout | null = null;
  const searchIndex = (): SearchIndex => live?.index() ?? index;

  // Metrics, /healthz and /metrics (src/ops/operations.ts). No papers yet while the index builds.
  const ops = createOperations({ config, logger, papers: () => (indexProgress === null ? paperCount(searchIndex()) : null), store });

  const digestSource: ComposeDigestDeps = { ...indexSource(searchIndex), maxPapers: config.digest.maxPapers, trendingDays: config.digest.trendingDays };
  const claimant = overrides.claimant ?? `${hostname()}:${process.pid}`;
  // One delivery use case for the scheduler and `/papers digest now` alike.
  const delivery: RunDueDigestsDeps = {
    store,
    channel: createSlackDigestChannel(
      createDigestClient(config.slack.botToken, { fetch: ops.fetch, ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}) }),
      overrides.sleep ? { sleep: overrides.sleep } : {},
    ),
    compose: (request) => foreground.run(() => composeDigest(digestSource, request)),
    logger: logger.child({ component: 'digest' }),
    claimant,
    onOutcome: ops.onDigestOutcome,
  };

  const { app, requests } = createTrackedSlackApp(
    config,
    {
      searchIndex,
      runSearch: foreground.run,
      indexProgress: () => indexProgress,
      logger,
      now,
      store,
      voteReactions: config.votes.reactions,
      subcommands: buildDigestSubcommands({
        store,
        config: config.digest,
        deliver: (subscription, at) => deliverDigest(delivery, subscription, at),
        topicHasMatches: (topic) => foreground.run(() => searchPapers(searchIndex(), topic, { limit: 1 })).kind === 'results',
      }),
      observeSearchSeconds: (seconds) => ops.metrics.searchSeconds.observe(seconds),
    },
    {
      metrics: ops.metrics,
      http: { routes: ops.routes, bodyLimitBytes: config.ops.maxBodyBytes },
      ...(overrides.slackRetry ? { retryConfig: overrides.slackRetry } : {}),
    },
  );
  let opsServer: OpsServer | null = null;

  let stopping = false;
  let papersStored: Promise<void> = Promise.resolve();
  let scheduler: RunningScheduler | null = null;
  let ingestScheduler: RunningIngestScheduler | null = null;
  let housekeeping: RunningHousekeeping | null = null;

  // The store copy, the scheduler and the word-map warm-up need the real index: at once from a
  // snapshot, after the build otherwise.
  const startWithIndex = (): void => {
    if (stopping) return;
    // The store's copy of the papers is refreshed once the app is up, not before, in slices that
    // leave the event loop free between them (storePapers): serving never waits on it (search,
    // saves and digests find papers through the index). A failure is logged, not fatal: the
    // previous copy stays and the next start tries again.
    live = createLiveCorpus({
      index,
      store,
      mark,
      ingested: loadedFrom?.ingested ?? [],
      logger,
      indexBuilder,
      ...(overrides.segmentMergeAt === undefined ? {} : { mergeAt: overrides.segmentMergeAt }),
      ...(loadedFrom === null ? {} : { saveSnapshot: snapshotSaver(config, loadedFrom.loaded) }),
    });
    // Every replica looks for what an ingest anywhere stored; at once too, for what was written
    // between reading the mark and now.
    const poll = (): void => {
      live?.poll().catch((error: unknown) => logger.warn({ err: error }, 'could not add the newly ingested papers to the index; the next poll tries again'));
    };
    poll();
    pollTimer = setInterval(poll, config.corpus.pollSeconds * 1000);
    pollTimer.unref();
    papersStored = storePapers(index, store, () => stopping)
      .then((stored) => logger.info({ papers: stored }, 'papers stored'))
      .catch((error: unknown) => logger.error({ err: error }, 'could not store the papers; search is unaffected, the next start tries again'));
    // After the app is up, so the catch-up pass at start can already post.
    if (overrides.scheduler !== false) {
      scheduler = startScheduler(delivery, { clock: now });
      housekeeping = startHousekeeping(store, { clock: now, logger });
    }
    // The feeds on PAPERBOY_INGEST_CRON, once per slot across replicas (the store's job claim).
    // The seeds are in the store by then (papersStored), which is where the ingest finds them to merge.
    if (overrides.scheduler !== false && config.ingest.sources.length > 0) {
      ingestScheduler = startIngestScheduler(
        {
          store,
          claimant,
          clock: now,
          logger,
          ingest: async (at) => {
            await papersStored;
            const summary = await runIngest({ store, sources: configuredSources(config.ingest, overrides.feeds), seedPapers: [], logger, now: at });
            // This replica searches what it stored at once; the others at their next poll.
            await live?.poll().catch((error: unknown) => logger.warn({ err: error }, 'could not add the ingested papers to the index; the next poll tries again'));
            return summary;
          },
        },
        { cron: config.ingest.cron },
      );
    }
  };
  let started!: () => void;
  const afterIndex: Promise<void> = new Promise<void>((resolve) => (started = resolve)).then(() => indexReady).then(startWithIndex);
  // Unobserved until main.ts or stop() looks: not an unhandled rejection in between.
  afterIndex.catch(() => undefined);

  // What stopping means, in the shape src/shutdown.ts runs it (bounded, on a signal) and stop()
  // runs it (unbounded, for tests). An index still being built is left to the process's exit.
  const shutdown: ShutdownSteps = {
    beginStopping: () => {
      stopping = true;
      ops.beginStopping();
    },
    drain: [
      { name: 'digest scheduler', done: async () => scheduler?.stop() },
      // An ingest under way finishes its current page's write; the feeds' timeouts bound the rest.
      { name: 'ingest scheduler', done: async () => ingestScheduler?.stop() },
      { name: 'housekeeping', done: async () => housekeeping?.stop() },
      {
        name: 'index segments',
        done: async () => {
          if (pollTimer) clearInterval(pollTimer);
          await live?.stop();
          await indexBuilder.close();
        },
      },
      { name: 'slack requests', done: async () => (await app.stop(), await requests.drained(60_000)) },
      // Not closed under a write in progress (storePapers stops after its current slice).
      { name: 'papers write', done: () => papersStored },
      { name: 'ops server', done: async () => opsServer?.close() },
    ],
    close: async () => {
      if (ownStore) await store.close();
    },
  };

  return {
    app,
    store,
    logger,
    requests,
    searchIndex,
    delivery,
    ingestScheduler: () => ingestScheduler,
    ready: afterIndex,
    async start() {
      await verifySlackConnection(app, config);
      let port: number | null = null;
      if (config.slack.mode === 'socket') await app.start();
      else {
        const server = (await app.start(overrides.port ?? config.port)) as Server;
        port = (server.address() as AddressInfo).port;
      }
      opsServer = await ops.startOpsServer();
      listening();
      started();
      return { port };
    },
    shutdown,
    async stop() {
      shutdown.beginStopping();
      await Promise.all(shutdown.drain.map((step) => step.done()));
      await shutdown.close();
    },
  };
}

interface IndexLoading {
  /** Resolves once the app listens: a build (no usable snapshot) waits for it. */
  readonly listened: Promise<void>;
  readonly onProgress: (progress: number) => void;
  readonly onReady: (loaded: LoadedIndex, ingested: readonly Paper[]) => void;
  readonly builder: IndexBuilder;
}

/** Saves a merged index as the snapshot of the seed pages the loaded one came from plus these ingested papers. */
function snapshotSaver(config: Config, loaded: LoadedIndex): (index: SearchIndex, ingested: readonly Paper[]) => Promise<void> {
  return async (index, ingested) => {
    const fingerprint = await runInSlices(corpusFingerprintSteps(loaded.fingerprint, ingested));
    await saveIndexSnapshotInSlices(config.indexSnapshotPath, { fingerprint, entryCount: loaded.entryCount, problems: loaded.problems }, index);
  };
}

/** The ingested papers in the store; none (with a warning) when it cannot be read, so start-up serves the seeds. */
async function storedIngestedPapers(store: Pick<Store, 'listIngestedPapers'>, logger: Logger): Promise<Paper[]> {
  try {
    return await store.listIngestedPapers();
  } catch (error) {
    logger.warn({ err: error }, 'could not read the stored papers; serving the seed corpus, the next start tries again');
    return [];
  }
}

/**
 * Loads the snapshot, or builds the index from the seed pages and the ingested papers. Resolves when a snapshot has
 * loaded (`ready` then is already settled) or when a build is about to start (`ready` settles
 * when it is done), so the app can listen during a build.
 */
async function loadIndex(config: Config, logger: Logger, store: Pick<Store, 'listIngestedPapers'>, loading: IndexLoading): Promise<{ readonly ready: Promise<void> }> {
  let building!: () => void;
  const buildStarts = new Promise<void>((resolve) => (building = resolve));
  // The seed pages are not parsed when the snapshot is current: it already holds their papers.
  // Nor are they read while their stamps match the ones recorded beside the snapshot.
  let ingested: readonly Paper[] = [];
  const ready = loadOrBuildIndex({
    // Plus the papers an ingest stored, so a restart serves them (stored-corpus-source.ts).
    openCorpus: async (known) => {
      const seeds = await seedCorpusSource(config.seedsDir, { known: seedPagesKnown(known) });
      ingested = await storedIngestedPapers(store, logger);
      return withIngestedPapers(seeds, ingested);
    },
    snapshotPath: config.indexSnapshotPath,
    logger,
    beforeBuild: () => {
      building();
      return loading.listened;
    },
    onBuildProgress: loading.onProgress,
    builder: loading.builder,
  }).then((loaded) => {
    const { index, source, entryCount, problems } = loaded;
    for (const problem of problems) {
      logger.warn({ file: problem.file, line: problem.line }, `seed ${problem.file}:${problem.line}: ${problem.message}`);
    }
    logger.info({ papers: paperCount(index), entries: entryCount, seedsDir: config.seedsDir, source }, 'search index ready');
    loading.onReady(loaded, ingested);
  }, (error: unknown) => {
    // Shutdown closed the builder under the build: the bot is stopping, nothing failed.
    if (error instanceof BuilderClosedError) return logger.info('the index build was given up: the bot is stopping');
    throw error;
  });
  const built = await Promise.race([ready.then(() => false), buildStarts.then(() => true)]);
  if (built) {
    loading.onProgress(0);
    logger.info('no usable index snapshot: listening first, building the index in a worker thread');
  }
  // Wrapped: an async function returning the promise itself would wait for the build.
  return { ready };
}
