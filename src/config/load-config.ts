/**
 * The one reader of the environment. main.ts and the CLI pass process.env; tests pass plain objects.
 * Every problem is collected and reported together, each naming its variable and how to fix it,
 * so an admin fixes the whole setup in one go instead of one restart per mistake.
 * Secret values are never echoed back.
 */
import cron from 'node-cron';
import { z } from 'zod';
import { defaultSeedsDir } from '../corpus/load-seeds.js';
import { DEFAULT_VOTE_REACTIONS, parseVoteReactions } from './vote-reactions.js';
import { DEFAULT_ARXIV_API_URL, DEFAULT_HF_PAPERS_API_URL, parseSources, SOURCES_FORMS, type SourceConfig } from './sources-config.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export type DatabaseConfig =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly url: string };

export interface IngestConfig {
  /** Empty: no feeds, the seed corpus alone. */
  readonly sources: readonly SourceConfig[];
  readonly hfApiUrl: string;
  readonly arxivApiUrl: string;
  /** node-cron expression, evaluated in UTC. */
  readonly cron: string;
}

/** What commands that use the store but not Slack need (`paperboy ingest`, `paperboy search`). */
export interface StoreConfig {
  readonly logLevel: LogLevel;
  readonly database: DatabaseConfig;
  /** Whether DATABASE_URL was set (else `database` is the default SQLite file). */
  readonly databaseConfigured: boolean;
  readonly seedsDir: string;
  readonly ingest: IngestConfig;
}

export interface Config extends StoreConfig {
  readonly slack: {
    readonly botToken: string;
    /** Set => Socket Mode (no public URL needed). */
    readonly appToken: string | null;
    /** Required in HTTP mode; null in Socket Mode when not given. */
    readonly signingSecret: string | null;
    /** Web API base URL, always ending with '/', or null for Slack's own. */
    readonly apiUrl: string | null;
    readonly mode: 'socket' | 'http';
  };
  readonly port: number;
  readonly indexSnapshotPath: string;
  readonly ops: {
    /** Socket Mode: the port serving /healthz and /metrics, or null for none (HTTP mode serves them on PORT). */
    readonly metricsPort: number | null;
    /** Slack request bodies over this many bytes get 413 unread. */
    readonly maxBodyBytes: number;
  };
  readonly digest: {
    /** "HH:MM" */
    readonly defaultTime: string;
    readonly defaultTimezone: string;
    readonly maxPapers: number;
    /** Overall trending looks this many days back first (DIGEST_TRENDING_DAYS). */
    readonly trendingDays: number;
  };
  /** Emoji names whose reaction on a post about one paper is a vote (PAPERBOY_VOTE_REACTIONS). */
  readonly votes: { readonly reactions: readonly string[] };
  /** How often the store is polled for papers an ingest stored on any replica (PAPERBOY_CORPUS_POLL_SECONDS). */
  readonly corpus: { readonly pollSeconds: number };
}

/** What the CLI's search and digest preview read: the bot's settings without Slack's. */
export type CliConfig = Omit<Config, 'slack'>;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(configReport('paperboy cannot start', problems));
    this.name = 'ConfigError';
  }

  /** The same report, led by what could not run (a CLI command, say) instead of the bot. */
  reportAs(lead: string): string {
    return configReport(lead, this.problems);
  }
}

function configReport(lead: string, problems: readonly string[]): string {
  return (
    `${lead}: ${problems.length === 1 ? 'one setting needs' : `${problems.length} settings need`} fixing.\n` +
    problems.map((p) => `  - ${p}`).join('\n') +
    '\nSee README.md ("Configuration") for every variable.'
  );
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export type Env = NodeJS.ProcessEnv | Readonly<Record<string, string | undefined>>;

/** Blank values count as unset: `FOO=` in a .env file usually means "not configured". */
const opt = (env: Env, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
};

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** Before the default digest time (09:00 UTC), so the morning digest has the night's papers. */
export const DEFAULT_INGEST_CRON = '0 6 * * *';

function httpUrl(env: Env, name: string, fallback: string, problems: string[]): string {
  const raw = opt(env, name);
  if (raw === undefined) return fallback;
  if (z.url({ protocol: /^https?$/ }).safeParse(raw).success) return raw;
  problems.push(`${name} must be an http(s) URL such as ${fallback} (got "${raw}"). Unset it to use ${fallback}.`);
  return fallback;
}

function readIngest(env: Env, problems: string[]): IngestConfig {
  let sources: readonly SourceConfig[] = [];
  const rawSources = opt(env, 'PAPERBOY_SOURCES');
  if (rawSources !== undefined) {
    const parsed = parseSources(rawSources);
    if ('sources' in parsed) sources = parsed.sources;
    else problems.push(`PAPERBOY_SOURCES "${rawSources}": ${parsed.problems.join('; ')}. ${SOURCES_FORMS}.`);
  }
  const rawCron = opt(env, 'PAPERBOY_INGEST_CRON');
  if (rawCron !== undefined && !cron.validate(rawCron)) {
    problems.push(`PAPERBOY_INGEST_CRON must be a cron expression (minute hour day month weekday, UTC), e.g. "${DEFAULT_INGEST_CRON}" (got "${rawCron}").`);
  }
  return {
    sources,
    hfApiUrl: httpUrl(env, 'HF_PAPERS_API_URL', DEFAULT_HF_PAPERS_API_URL, problems),
    arxivApiUrl: httpUrl(env, 'ARXIV_API_URL', DEFAULT_ARXIV_API_URL, problems),
    cron: rawCron !== undefined && cron.validate(rawCron) ? rawCron : DEFAULT_INGEST_CRON,
  };
}

/** The settings every entry point shares: log level, database, seeds, feeds. */
function readStoreConfig(env: Env, problems: string[]): StoreConfig {
  let logLevel: LogLevel = 'info';
  const rawLevel = opt(env, 'LOG_LEVEL');
  if (rawLevel !== undefined) {
    const parsed = z.enum(LOG_LEVELS).safeParse(rawLevel.toLowerCase());
    if (parsed.success) logLevel = parsed.data;
    else problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${rawLevel}").`);
  }

  let database: DatabaseConfig = { kind: 'sqlite', path: './data/paperboy.db' };
  const rawDb = opt(env, 'DATABASE_URL');
  if (rawDb !== undefined) {
    if (/^postgres(ql)?:\/\/./.test(rawDb)) {
      database = { kind: 'postgres', url: rawDb };
    } else if (/^sqlite:./.test(rawDb)) {
      database = { kind: 'sqlite', path: rawDb.slice('sqlite:'.length) };
    } else {
      // The value may hold a password: describe it, never print it.
      problems.push(
        'DATABASE_URL must be postgres://USER:PASSWORD@HOST:PORT/DB or sqlite:PATH (e.g. sqlite:./data/paperboy.db). Unset it to use the default SQLite file.',
      );
    }
  }

  const seedsDir = opt(env, 'PAPERBOY_SEEDS_DIR') ?? defaultSeedsDir();
  return { logLevel, database, databaseConfigured: rawDb !== undefined, seedsDir, ingest: readIngest(env, problems) };
}

/** The configuration of a command that uses the store and the feeds but not Slack. */
export function loadStoreConfig(env: Env): StoreConfig {
  const problems: string[] = [];
  const config = readStoreConfig(env, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** How many papers a digest may hold (DIGEST_MAX_PAPERS, and the CLI's digest --max): one range for both. */
export const DIGEST_PAPERS = { min: 1, max: 10, fallback: 5 } as const;

/** How many days back overall trending looks first (DIGEST_TRENDING_DAYS). */
export const DIGEST_TRENDING_DAYS = { min: 1, max: 365, fallback: 7 } as const;

/** The bot's config: every setting, Slack's required. */
export function loadConfig(env: Env): Config {
  const problems: string[] = [];
  const slack = readSlack(env, problems);
  const rest = readSettings(env, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return { slack, ...rest };
}

/** The CLI's config: the same variables and defaults, the Slack ones neither needed nor read. */
export function loadCliConfig(env: Env): CliConfig {
  const problems: string[] = [];
  const settings = readSettings(env, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return settings;
}

function readSlack(env: Env, problems: string[]): Config['slack'] {
  const botToken = opt(env, 'SLACK_BOT_TOKEN');
  if (botToken === undefined) {
    problems.push(
      'SLACK_BOT_TOKEN is missing. Create the app from manifest.yml, install it to your workspace, then copy the Bot User OAuth Token (xoxb-...) from OAuth & Permissions.',
    );
  } else if (!botToken.startsWith('xoxb-')) {
    problems.push(
      'SLACK_BOT_TOKEN does not look like a bot token (it must start with "xoxb-"). Copy the Bot User OAuth Token from OAuth & Permissions, not a user (xoxp-) or app-level (xapp-) token.',
    );
  }

  const appToken = opt(env, 'SLACK_APP_TOKEN');
  if (appToken !== undefined && !appToken.startsWith('xapp-')) {
    problems.push(
      'SLACK_APP_TOKEN does not look like an app-level token (it must start with "xapp-"). In Basic Information > App-Level Tokens, generate one with the connections:write scope, or unset SLACK_APP_TOKEN to use HTTP mode.',
    );
  }
  const mode = appToken !== undefined ? 'socket' : 'http';

  const signingSecret = opt(env, 'SLACK_SIGNING_SECRET');
  if (mode === 'http' && signingSecret === undefined) {
    problems.push(
      'SLACK_SIGNING_SECRET is missing, and HTTP mode needs it (SLACK_APP_TOKEN is not set). Copy the Signing Secret from Basic Information > App Credentials, or set SLACK_APP_TOKEN (xapp-...) to use Socket Mode instead.',
    );
  }

  let apiUrl: string | null = null;
  const rawApiUrl = opt(env, 'SLACK_API_URL');
  if (rawApiUrl !== undefined) {
    const parsed = z.url({ protocol: /^https?$/ }).safeParse(rawApiUrl);
    if (parsed.success) apiUrl = rawApiUrl.endsWith('/') ? rawApiUrl : `${rawApiUrl}/`;
    else
      problems.push(
        `SLACK_API_URL must be an http(s) URL such as https://slack.com/api/ (got "${rawApiUrl}"). Unset it to talk to Slack directly.`,
      );
  }

  return {
    botToken: botToken as string,
    appToken: appToken ?? null,
    signingSecret: signingSecret ?? null,
    apiUrl,
    mode,
  };
}

/**
 * A whole-number variable within a range: its value, or `fallback` when unset; a malformed or
 * out-of-range value adds `problem(raw)` to the problems and gives the fallback.
 */
function wholeNumber<T extends number | null>(
  env: Env,
  name: string,
  range: { readonly min: number; readonly max: number },
  fallback: T,
  problems: string[],
  problem: (raw: string) => string,
): number | T {
  const raw = opt(env, name);
  if (raw === undefined) return fallback;
  const parsed = z.coerce.number().int().min(range.min).max(range.max).safeParse(raw);
  if (parsed.success && /^\d+$/.test(raw)) return parsed.data;
  problems.push(problem(raw));
  return fallback;
}

function readSettings(env: Env, problems: string[]): CliConfig {
  const port = wholeNumber(env, 'PORT', { min: 1, max: 65535 }, 3000, problems, (raw) => `PORT must be a whole number from 1 to 65535 (got "${raw}"). Unset it to use 3000.`);

  const shared = readStoreConfig(env, problems);
  const indexSnapshotPath = opt(env, 'PAPERBOY_INDEX_SNAPSHOT') ?? './data/index.json';

  let defaultTime = '09:00';
  const rawTime = opt(env, 'DIGEST_DEFAULT_TIME');
  if (rawTime !== undefined) {
    if (hhmm.safeParse(rawTime).success) defaultTime = rawTime;
    else problems.push(`DIGEST_DEFAULT_TIME must be a 24-hour time HH:MM, e.g. 09:00 or 17:30 (got "${rawTime}").`);
  }

  let defaultTimezone = 'UTC';
  const rawZone = opt(env, 'DIGEST_DEFAULT_TIMEZONE');
  if (rawZone !== undefined) {
    if (isValidTimeZone(rawZone)) defaultTimezone = rawZone;
    else
      problems.push(
        `DIGEST_DEFAULT_TIMEZONE must be an IANA time zone such as UTC, Europe/Berlin or America/New_York (got "${rawZone}").`,
      );
  }

  const maxPapers = wholeNumber(
    env,
    'DIGEST_MAX_PAPERS',
    DIGEST_PAPERS,
    DIGEST_PAPERS.fallback,
    problems,
    (raw) => `DIGEST_MAX_PAPERS must be a whole number from ${DIGEST_PAPERS.min} to ${DIGEST_PAPERS.max} (got "${raw}"). Unset it to use ${DIGEST_PAPERS.fallback}.`,
  );

  const trendingDays = wholeNumber(
    env,
    'DIGEST_TRENDING_DAYS',
    DIGEST_TRENDING_DAYS,
    DIGEST_TRENDING_DAYS.fallback,
    problems,
    (raw) =>
      `DIGEST_TRENDING_DAYS must be a whole number of days from ${DIGEST_TRENDING_DAYS.min} to ${DIGEST_TRENDING_DAYS.max} (got "${raw}"): how far back the overall trending digest looks first. Unset it to use ${DIGEST_TRENDING_DAYS.fallback}.`,
  );

  let reactions = DEFAULT_VOTE_REACTIONS;
  const rawReactions = opt(env, 'PAPERBOY_VOTE_REACTIONS');
  if (rawReactions !== undefined) {
    const parsed = parseVoteReactions(rawReactions);
    if (parsed.ok) reactions = parsed.reactions;
    else problems.push(parsed.message);
  }

  const metricsPort = wholeNumber<number | null>(
    env,
    'PAPERBOY_METRICS_PORT',
    { min: 1, max: 65535 },
    null,
    problems,
    (raw) => `PAPERBOY_METRICS_PORT must be a whole number from 1 to 65535 (got "${raw}"): the port for /healthz and /metrics in Socket Mode. Unset it to serve neither.`,
  );

  const pollSeconds = wholeNumber(
    env,
    'PAPERBOY_CORPUS_POLL_SECONDS',
    { min: 1, max: 3600 },
    30,
    problems,
    (raw) =>
      `PAPERBOY_CORPUS_POLL_SECONDS must be a whole number of seconds from 1 to 3600 (got "${raw}"): how often each replica looks in the database for papers an ingest stored. Unset it to use 30.`,
  );

  const maxBodyBytes = wholeNumber(
    env,
    'PAPERBOY_MAX_BODY_BYTES',
    { min: 1024, max: 16 * 1024 * 1024 },
    64 * 1024,
    problems,
    (raw) =>
      `PAPERBOY_MAX_BODY_BYTES must be a whole number of bytes from 1024 to 16777216 (got "${raw}"). Unset it to use 65536 (64 KiB; Slack's own requests are far smaller).`,
  );

  return {
    port,
    ...shared,
    indexSnapshotPath,
    ops: { metricsPort, maxBodyBytes },
    digest: { defaultTime, defaultTimezone, maxPapers, trendingDays },
    votes: { reactions },
    corpus: { pollSeconds },
  };
}
