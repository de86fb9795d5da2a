/**
 * Composes one channel's digest in one step (composeDigest): selection (topics via the search
 * index, trending, never-delivered) and the Block Kit message. The delivery use case
 * (deliver-digest.ts) calls it for cron, `/papers digest now` and catch-up alike, and the CLI's
 * `digest --preview` prints what it returns. No I/O: the corpus and search come in as functions,
 * time and the channel's local date as arguments.
 */
import { renderDigestMessage } from '../core/blocks/digest-message.js';
import type { Block } from '../core/blocks/message.js';
import type { DigestSchedule } from '../core/digest/schedule.js';
import { selectDigest, type DigestSelection } from '../core/digest/select-digest.js';
import type { TrendingWeights } from '../core/digest/trending.js';
import type { Paper } from '../core/paper.js';
import { allPapers, searchPapers, type SearchIndex } from '../core/search/search-index.js';
import type { SearchOptions, SearchOutcome } from '../core/search/search-types.js';

export interface ComposeDigestDeps {
  /** The corpus now being served: candidates for an overall-trending digest. */
  readonly papers: () => readonly Paper[];
  /** The search module's query function over the current index (searchPapers bound to it). */
  readonly search: (query: string, options: SearchOptions) => SearchOutcome;
  /** At most this many papers per digest (config DIGEST_MAX_PAPERS). */
  readonly maxPapers: number;
  readonly weights?: TrendingWeights;
}

/**
 * Corpus and search from the live index; a getter, so a rebuilt or reloaded index is picked up
 * by the next digest without rewiring.
 */
export function indexSource(searchIndex: () => SearchIndex): Pick<ComposeDigestDeps, 'papers' | 'search'> {
  return {
    papers: () => allPapers(searchIndex()),
    search: (query, options) => searchPapers(searchIndex(), query, options),
  };
}

/** What a channel would get: the selection (for previews and logs) and the message to post. */
export interface DigestPlan {
  /** The channel's local date, "YYYY-MM-DD". */
  readonly digestDate: string;
  readonly selection: DigestSelection;
  readonly paperIds: string[];
  readonly text: string;
  readonly blocks: Block[];
}

export interface DigestTarget {
  readonly topics: readonly string[];
  readonly time: string;
  readonly timezone: string;
  readonly days: DigestSchedule['days'];
}

export interface DigestRequest {
  readonly target: DigestTarget;
  /** The channel's local date, "YYYY-MM-DD": the caller has it already (it keys the claim). */
  readonly digestDate: string;
  readonly delivered: ReadonlySet<string>;
  readonly votes: readonly { readonly paperId: string; readonly votedAt: readonly Date[] }[];
  readonly now: Date;
  /** Whether the message ends with the channel's schedule. Default true. */
  readonly showSchedule?: boolean;
}

/** Composes a digest; null when there is nothing this channel has not already received. */
export function composeDigest(deps: ComposeDigestDeps, request: DigestRequest): DigestPlan | null {
  const { target, digestDate } = request;
  const selection = selectDigest({
    topics: target.topics,
    papers: deps.papers(),
    searchTopic: (topic, limit) => {
      const outcome = deps.search(topic, { limit, offset: 0 });
      return outcome.kind === 'results' ? outcome.hits : [];
    },
    delivered: request.delivered,
    votes: request.votes,
    now: request.now,
    maxPapers: deps.maxPapers,
    ...(deps.weights ? { weights: deps.weights } : {}),
  });
  if (!selection) return null;
  const schedule = request.showSchedule === false ? null : { time: target.time, timezone: target.timezone, days: target.days };
  const message = renderDigestMessage({ selection, digestDate, schedule });
  return { digestDate, selection, paperIds: selection.items.map((item) => item.paper.id), text: message.text, blocks: message.blocks };
}

/** The compose step deliverDigest takes: composeDigest over the corpus being served. */
export type ComposeDigest = (request: DigestRequest) => Pick<DigestPlan, 'paperIds' | 'text' | 'blocks'> | null;
