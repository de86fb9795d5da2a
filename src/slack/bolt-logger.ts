/**
 * Bolt (and its WebClient / Socket Mode client) log through this adapter into our pino logger,
 * so every line is structured JSON with the same redaction, instead of Bolt's console output.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';

const format = (parts: unknown[]): string =>
  parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : JSON.stringify(p))).join(' ');

export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'slack-sdk' });
  return {
    debug: (...msg: unknown[]) => child.debug(format(msg)),
    // Bolt's info lines are start-up chatter and retry notes; they belong at debug in our logs.
    info: (...msg: unknown[]) => child.debug(format(msg)),
    warn: (...msg: unknown[]) => child.warn(format(msg)),
    error: (...msg: unknown[]) => child.error(format(msg)),
    // LOG_LEVEL is the one authority: the SDK clients call setLevel/setName on the shared logger
    // with their own defaults (Socket Mode forces INFO), which must not override it.
    setLevel: () => {},
    setName: () => {},
    getLevel: () => {
      const level = child.level;
      if (level === 'debug' || level === 'trace') return LogLevel.DEBUG;
      if (level === 'info') return LogLevel.INFO;
      if (level === 'warn') return LogLevel.WARN;
      return LogLevel.ERROR;
    },
  };
}
