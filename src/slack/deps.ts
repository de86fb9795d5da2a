/**
 * Everything the Slack listeners need, passed in (no import-time singletons), so tests build the
 * real app with a fake clock, a small index and an in-memory store.
 */
import type { Logger } from 'pino';
import type { SearchIndex } from '../core/search/search-index.js';
import type { RunSearch } from '../corpus/foreground.js';
import type { SignalStore, Store } from '../store/store.js';
import type { SubcommandHandler } from './subcommands/subcommand.js';

/** What the listeners use of the store: saves, event dedupe and the team's signal (votes, reading list). */
export type SlackStore = Pick<Store, 'markEventSeen' | 'addSave' | 'removeSave' | 'listSaves' | 'addVote' | 'removeVote' | keyof SignalStore | 'votesSince' | 'listSubscriptions' | 'settledDigestDates' | 'findPapers'>;

export interface SlackDeps {
  /**
   * The current search index. A getter, not a value, so the index can be rebuilt (new corpus,
   * reloaded snapshot) and swapped in without re-registering listeners.
   */
  readonly searchIndex: () => SearchIndex;
  /**
   * Runs the computation of a search or a results page (corpus/foreground.ts: index builds wait
   * meanwhile). Absent: run as it is.
   */
  readonly runSearch?: RunSearch;
  /**
   * While the index is still being built at start (no usable snapshot): the share of it done,
   * 0..1, and searches are answered with a "warming up" note. Null, or absent, once it is ready.
   */
  readonly indexProgress?: () => number | null;
  readonly logger: Logger;
  /** The clock; listeners read it once per request and pass the time down. */
  readonly now: () => Date;
  /**
   * Used to handle each retried event once (markEventSeen), for saved papers and digest votes.
   * Optional: without it, an in-memory set dedupes events within this process only, Save answers
   * that saving is unavailable, and the digest's Upvote button has no listener.
   */
  readonly store?: SlackStore | null;
  /**
   * Extra `/papers <word>` handlers, keyed by lower-case first word (the subscription ones:
   * subscribe, unsubscribe, subscriptions, digest). Merged over the built-ins, so they may also
   * replace one.
   */
  readonly subcommands?: Readonly<Record<string, SubcommandHandler>>;
  /** Emoji names whose reaction on a post about one paper is a vote (default +1 and fire). */
  readonly voteReactions?: readonly string[];
  /** Told how long each `/papers <query>` search took (the search latency metric). */
  readonly observeSearchSeconds?: (seconds: number) => void;
}
