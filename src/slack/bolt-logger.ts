/**
 * Bolt (and its WebClient / Socket Mode client) log through this adapter into our pino logger,
 * so every line is structured JSON with the same redaction, instead of Bolt's console output.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';

const SDK_LINE_MAX = 200;

/**
 * One SDK log line, bounded. The WebClient logs whole request and response bodies at debug
 * (message text, titles, user queries): those lines keep only their size, and every other line
 * is cut short, so SDK logs never carry user or corpus text beyond a short prefix.
 */
function format(parts: unknown[]): string {
  const line = parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : JSON.stringify(p))).join(' ');
  const payload = /^(http request (?:body|result|headers)):\s*/.exec(line);
  if (payload) return `${payload[1]}: ${line.length - payload[0].length} characters, not logged`;
  const points = Array.from(line);
  return points.length <= SDK_LINE_MAX ? line : `${points.slice(0, SDK_LINE_MAX - 1).join('')}…`;
}

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
