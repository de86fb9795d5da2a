/**
 * The configured values that must never reach a log line: the logger scrubs them from every
 * line it writes (createLogger's `secrets`), whatever field or message they turn up in.
 */
import type { Config } from './load-config.js';

export function secretValues(config: Pick<Config, 'slack' | 'database'>): string[] {
  const out = [config.slack.botToken, config.slack.appToken, config.slack.signingSecret].filter((s): s is string => !!s);
  if (config.database.kind === 'postgres') {
    try {
      const password = decodeURIComponent(new URL(config.database.url).password);
      if (password) out.push(password);
    } catch {
      // Not parseable as a URL: pg will refuse it at start, and loadConfig never echoes it.
    }
  }
  return out;
}
