/**
 * `npm start`: the only place that wires paperboy together, in order:
 * config (from the environment) -> logger -> corpus -> search index -> store -> Slack app -> start.
 * Everything below takes explicit arguments; nothing else reads process.env.
 */
import { ConfigError, loadConfig, type Config } from './config/load-config.js';
import { buildSearchIndex } from './core/search/search-index.js';
import { loadSeedCorpus } from './corpus/load-seeds.js';
import { createLogger } from './logger.js';
import { createSlackApp } from './slack/create-slack-app.js';

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

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger({ level: config.logLevel });

  const corpus = await loadSeedCorpus(config.seedsDir);
  for (const problem of corpus.problems) {
    logger.warn({ file: problem.file, line: problem.line }, `seed ${problem.file}:${problem.line}: ${problem.message}`);
  }
  const index = buildSearchIndex(corpus.papers);
  logger.info({ papers: corpus.papers.length, entries: corpus.entryCount, seedsDir: config.seedsDir }, 'search index built');
  // TODO(lead): load/save the index snapshot at config.indexSnapshotPath once the search module
  // exposes it (issue 3), so start-up does not rebuild the index.

  // TODO(lead): open the store selected by config.database (SQLite or Postgres adapter, issue 4),
  // run store.migrate(), pass it as `store` below (event dedupe across processes) together with
  // `subcommands: buildDigestSubcommands(...)` (src/slack/commands/issue4-subcommands.ts), call
  // registerDigestUpvote(app, ...) after createSlackApp, start the digest scheduler, and close
  // the store in stop(). Until then /papers subscribe|digest answer "not available yet".
  const app = createSlackApp(config, {
    searchIndex: () => index,
    logger,
    now: () => new Date(),
    store: null,
  });

  if (config.slack.mode === 'socket') {
    await app.start();
    logger.info({ mode: 'socket' }, 'listening (Socket Mode)');
  } else {
    await app.start(config.port);
    logger.info({ mode: 'http', port: config.port, path: '/slack/events' }, 'listening');
  }

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    try {
      await app.stop();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'could not stop cleanly');
      process.exit(1);
    }
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`paperboy failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
