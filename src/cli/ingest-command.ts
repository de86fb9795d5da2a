/**
 * `paperboy ingest [--since YYYY-MM-DD] [--dry-run]`
 *
 * Reads the feeds PAPERBOY_SOURCES turns on into the store the bot uses (DATABASE_URL), through
 * the same runIngest the bot's schedule will call, and prints what each feed brought. Exit codes:
 * 0 every feed read, 1 a feed failed (stderr says which and why; what it gave is kept), 2 bad
 * usage or configuration.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { ConfigError, loadStoreConfig, type Env } from '../config/load-config.js';
import { loadSeedCorpus } from '../corpus/load-seeds.js';
import { configuredSources, type FeedOptions } from '../ingest/configured-sources.js';
import { defaultSince, runIngest, type SourceSummary } from '../ingest/ingest.js';
import { REDACT_PATHS } from '../logger.js';
import { openStore } from '../store/open-store.js';
import { HELP_OPTION, parseCliArgs, usageError, usageOf, type CliSpec } from './cli-args.js';
import { EXIT_USAGE, type CliIo } from './cli-io.js';

export const INGEST_SPEC: CliSpec = {
  name: 'ingest',
  summary:
    'Reads the feeds PAPERBOY_SOURCES turns on (hf, arxiv:CAT+CAT) into the database the bot uses\n' +
    '(DATABASE_URL) and prints, per feed: fetched, new, updated, merged, unchanged, rejected.\n' +
    'Exit codes: 0 every feed read, 1 a feed failed (what it gave is kept), 2 bad usage or settings.',
  options: {
    since: { type: 'string', value: 'YYYY-MM-DD', description: 'read from this UTC date (default yesterday); a line per page on stderr' },
    'dry-run': { type: 'boolean', description: 'read and merge, store nothing' },
    help: HELP_OPTION,
  },
};

export interface IngestCliDeps {
  readonly env: Env;
  readonly feeds?: FeedOptions;
}

/** Most rejections printed per feed; the rest are counted. */
const SHOWN_REJECTIONS = 10;

function summaryLines(summary: SourceSummary): string[] {
  const counts = `fetched ${summary.fetched} · new ${summary.new} · updated ${summary.updated} · merged ${summary.merged} · unchanged ${summary.unchanged} · rejected ${summary.rejected.length}`;
  const lines = [`  ${summary.source}: ${counts}${summary.failure ? ` · FAILED: ${summary.failure}` : ''}`];
  for (const r of summary.rejected.slice(0, SHOWN_REJECTIONS)) lines.push(`    rejected ${r.item}: ${r.reason}`);
  if (summary.rejected.length > SHOWN_REJECTIONS) lines.push(`    ... and ${summary.rejected.length - SHOWN_REJECTIONS} more rejected`);
  return lines;
}

/** Warnings and errors as JSON lines on stderr (the summary says the rest). */
function stderrLogger(io: CliIo, level: string): pino.Logger {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      io.stderr(chunk.toString().trimEnd());
      done();
    },
  });
  return pino({ level: level === 'info' ? 'warn' : level, redact: REDACT_PATHS }, stream);
}

export async function runIngestCommand(argv: readonly string[], io: CliIo, deps: IngestCliDeps = { env: io.env }): Promise<number> {
  const bad = (message: string): number => {
    io.stderr(usageError(INGEST_SPEC, message));
    return EXIT_USAGE;
  };
  const parsed = parseCliArgs(INGEST_SPEC, argv);
  if ('error' in parsed) return bad(parsed.error);
  const values = parsed.values as { since?: string; 'dry-run'?: boolean; help?: boolean };
  if (values.help) {
    io.stdout(usageOf(INGEST_SPEC));
    return 0;
  }
  const now = io.now();
  const since = values.since ?? defaultSince(now);
  if (values.since !== undefined) {
    const day = /^\d{4}-\d{2}-\d{2}$/.test(values.since) ? new Date(`${values.since}T00:00:00Z`) : null;
    if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== values.since) {
      return bad(`--since must be a calendar date YYYY-MM-DD, e.g. --since ${defaultSince(now)} (got "${values.since}").`);
    }
    if (values.since > now.toISOString().slice(0, 10)) return bad(`--since ${values.since} is after today (${now.toISOString().slice(0, 10)}, UTC).`);
  }

  let config;
  try {
    config = loadStoreConfig(deps.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr(error.message.replace('paperboy cannot start', 'paperboy ingest cannot run'));
    return EXIT_USAGE;
  }
  if (config.ingest.sources.length === 0) {
    io.stderr('paperboy ingest: no feeds are on. Set PAPERBOY_SOURCES, e.g. PAPERBOY_SOURCES=hf,arxiv:cs.LG+cs.CV (see README, "Configuration").');
    return EXIT_USAGE;
  }
  let seedPapers;
  try {
    seedPapers = (await loadSeedCorpus(config.seedsDir)).papers;
  } catch (error) {
    io.stderr(`paperboy ingest: ${(error as Error).message.replace(/^paperboy: /, '')}`);
    return EXIT_USAGE;
  }
  let store;
  try {
    store = await openStore(config.database);
  } catch (error) {
    io.stderr(`paperboy ingest: cannot open the database (${config.database.kind}): ${(error as Error).message}`);
    return 1;
  }
  const dryRun = values['dry-run'] ?? false;
  try {
    const summary = await runIngest(
      { store, sources: configuredSources(config.ingest, deps.feeds), seedPapers, logger: stderrLogger(io, config.logLevel), now },
      { since, dryRun, storeSeeds: true, onProgress: (line) => io.stderr(line) },
    );
    io.stdout([`Ingest since ${since}${dryRun ? ' (dry run: nothing stored)' : ''}:`, ...summary.sources.flatMap(summaryLines)].join('\n'));
    const failed = summary.sources.filter((s) => s.failure !== null);
    for (const s of failed) io.stderr(`paperboy ingest: ${s.source} failed: ${s.failure}. What it fetched before that is ${dryRun ? 'counted' : 'stored'}; the next run tries again.`);
    return failed.length > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}
