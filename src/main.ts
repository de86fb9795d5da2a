/**
 * `npm start`: the process around paperboy. It reads the config from the environment (the only
 * reader of process.env), creates paperboy (src/paperboy.ts, the composition root), starts it,
 * turns signals into a bounded, graceful stop (src/shutdown.ts) and failures into exit codes, and
 * says when it is listening.
 */
import { ConfigError, loadConfig, type Config } from './config/load-config.js';
import { createLogger } from './logger.js';
import { createPaperboy } from './paperboy.js';
import { installShutdown } from './shutdown.js';
import { secretValues } from './config/secret-values.js';
import { lowerBackgroundThreads } from './corpus/thread-priority.js';

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
  // The threads started with the process (V8's GC and compilation helpers, libuv's pool) at the
  // lowest priority, so that the index worker and its garbage do not keep requests waiting for a CPU
  // (src/corpus/thread-priority.ts).
  const lowered = lowerBackgroundThreads();
  const config = readConfig();
  const logger = createLogger({ level: config.logLevel, secrets: secretValues(config) });
  logger.debug({ threads: lowered }, 'background threads lowered to the lowest CPU priority');
  const paperboy = await createPaperboy(config, { logger });
  await paperboy.start();
  // Without a snapshot the index is built after listening; a build that fails ends the process.
  paperboy.ready.catch((error: unknown) => {
    logger.fatal({ err: error }, 'could not build the search index');
    process.exit(1);
  });

  // src/shutdown.ts: on SIGTERM/SIGINT stop taking work, let in-flight work finish (bounded),
  // close the store, exit 0; a second signal exits at once.
  installShutdown({ logger, ...paperboy.shutdown });

  // Said last, once a stop signal would be handled: whoever waits for this line may stop us.
  if (config.slack.mode === 'socket') logger.info({ mode: 'socket' }, 'listening (Socket Mode)');
  else logger.info({ mode: 'http', port: config.port, path: '/slack/events' }, 'listening');
}

main().catch((error: unknown) => {
  console.error(`paperboy failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
