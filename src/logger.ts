/**
 * The one pino logger factory. Pretty output for people at a terminal, JSON lines for machines
 * (log shippers, CI). Token and secret fields are redacted wherever they appear, because Bolt
 * and WebClient errors sometimes carry request options.
 */
import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config/load-config.js';

export interface LoggerOptions {
  readonly level: LogLevel;
  /** Pretty-print (pino-pretty) instead of JSON; default: whether stdout is a terminal. */
  readonly pretty?: boolean;
  /** Where JSON lines go (tests pass a collector); ignored when pretty output is used. */
  readonly destination?: DestinationStream;
  /**
   * Values never to write, wherever they turn up (inside a message string, an error's text, a
   * field no redact path names): the configured tokens, signing secret, database password.
   */
  readonly secrets?: readonly (string | null | undefined)[];
}

/** Anything shaped like a Slack token (bot, user, app-level, refresh, config), configured or not. */
const SLACK_TOKEN = /\b(?:xox[abeoprs]|xapp|xoxe\.xox[bp])-[A-Za-z0-9-]{4,}/g;

/**
 * The last line of defence, on each finished line: redact paths only cover keys we thought of.
 * Secrets shorter than 8 characters are not searched for (they would blank ordinary words).
 */
export function scrubSecrets(secrets: readonly (string | null | undefined)[]): (line: string) => string {
  const needles = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= 8))]
    .flatMap((s) => [s, JSON.stringify(s).slice(1, -1)])
    .sort((a, b) => b.length - a.length);
  return (line) => {
    let out = line.replace(SLACK_TOKEN, '[redacted]');
    for (const needle of needles) if (out.includes(needle)) out = out.split(needle).join('[redacted]');
    return out;
  };
}

export const REDACT_PATHS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'secret',
  'password',
  'authorization',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.secret',
  '*.password',
  '*.authorization',
  '*.headers.authorization',
  '*.*.token',
  '*.*.botToken',
  '*.*.appToken',
  '*.*.signingSecret',
  '*.*.secret',
  '*.*.password',
  '*.*.authorization',
  'Authorization',
  '*.Authorization',
  '*.headers.Authorization',
  '*.*.headers.authorization',
  '*.*.headers.Authorization',
  '*.headers["x-slack-signature"]',
  '*.*.headers["x-slack-signature"]',
  'connectionString',
  '*.connectionString',
];

/** Longest piece of user text (a query, a topic) a log line may carry. */
export const LOG_TEXT_MAX = 32;

/**
 * User text as logs may hold it: a short prefix, enough to recognise a query in a bug report,
 * never a whole query or topic (they can be long and hold anything people paste).
 */
export function logPrefix(text: string): string {
  const points = Array.from(text);
  return points.length <= LOG_TEXT_MAX ? text : `${points.slice(0, LOG_TEXT_MAX - 1).join('')}…`;
}

function prettyAvailable(): boolean {
  // pino-pretty is a devDependency: a production install may not have it, and pino would then
  // fail inside a worker thread at the first log line. Check up front and fall back to JSON.
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

export function createLogger(options: LoggerOptions): Logger {
  const base = {
    name: 'paperboy',
    level: options.level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    hooks: { streamWrite: scrubSecrets(options.secrets ?? []) },
  };
  const wantPretty = options.pretty ?? (process.stdout.isTTY === true && options.destination === undefined);
  if (wantPretty && prettyAvailable()) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss' } } });
  }
  return options.destination ? pino(base, options.destination) : pino(base, stdoutDestination());
}

/**
 * stdout, written asynchronously: pino's default writes each line synchronously, and when the
 * reader of the pipe (a log shipper, a container runtime, bench:load's generator) falls behind,
 * a synchronous write waits for it with the event loop held, so every Slack request waits too
 * (up to ~0.5 s stalls under load). Written asynchronously, lines that come while a write is under
 * way go out together in the next one; pino flushes what is left when the process exits. The
 * buffer is bounded: past 16 MiB unwritten, lines are dropped rather than memory growing.
 */
function stdoutDestination(): DestinationStream {
  return pino.destination({ dest: 1, sync: false, maxLength: 16 * 1024 * 1024 });
}
