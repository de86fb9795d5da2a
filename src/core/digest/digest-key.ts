/**
 * Which subscription a digest belongs to. The digest log is keyed by (team, channel, local date,
 * topics key): a channel that unsubscribes and subscribes to other topics has a new subscription,
 * which gets that day's digest once, while re-subscribing to the same topics (in any order) is
 * the same subscription and does not repeat the day's digest.
 *
 * Topics are normalised (trimmed, single-spaced, lower-cased) and can hold commas when quoted,
 * but never a newline, so sorted topics joined by "\n" are unambiguous. The migration that
 * introduced the key computes the same string in SQL (migrations.ts, version 2).
 */
export const digestTopicsKey = (topics: readonly string[]): string => [...topics].sort().join('\n');
