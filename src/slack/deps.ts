/**
 * Everything the Slack listeners need, passed in (no import-time singletons), so tests build the
 * real app with a fake clock, a small index and an in-memory store.
 */
import type { Logger } from 'pino';
import type { SearchIndex } from '../core/search/search-index.js';
import type { SignalStore, Store } from '../store/store.js';
import type { SubcommandHandler } from './commands/subcommand.js';

/** What the listeners use of the store: saves, event dedupe and the team's signal (votes, reading list). */
export type SlackStore = Pick<Store, 'markEventSeen' | 'addSave' | 'removeSave' | 'listSaves' | keyof SignalStore | 'votesSince' | 'listSubscriptions' | 'settledDigestDates'>;

export interface SlackDeps {
  /**
   * The current search index. A getter, not a value, so the index can be rebuilt (new corpus,
   * reloaded snapshot) and swapped in without re-registering listeners.
   */
  readonly searchIndex: () => SearchIndex;
  readonly logger: Logger;
  /** The clock; listeners read it once per request and pass the time down. */
  readonly now: () => Date;
  /**
   * Used to handle each retried event once (markEventSeen) and for saved papers. Optional:
   * without it, an in-memory set dedupes events within this process only, and Save answers that
   * saving is unavailable.
   */
  readonly store?: SlackStore | null;
  /**
   * Extra `/papers <word>` handlers, keyed by lower-case first word (issue 4 adds subscribe,
   * unsubscribe, subscriptions, digest). Merged over the built-ins, so they may also replace one.
   */
  readonly subcommands?: Readonly<Record<string, SubcommandHandler>>;
}
