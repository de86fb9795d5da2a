/**
 * The ingest use case: read each configured feed, merge what it brings into the stored corpus,
 * and say what happened per feed. One function for every driver (`paperboy ingest` now; the
 * bot's schedule later). A feed that fails is reported with its reason and the others still run;
 * each page is stored as it comes, so a failure keeps what came before it and loses nothing.
 */
import type { Logger } from 'pino';
import { mergeIncoming, type IngestChange } from '../core/ingest/merge-incoming.js';
import type { Paper } from '../core/paper.js';
import { paperIdFor } from '../core/seeds/merge-papers.js';
import type { IncomingPaper, Rejection } from '../core/sources/incoming-paper.js';
import { titleKey } from '../core/text/normalize.js';
import type { Store } from '../store/store.js';
import type { FeedSource, SourcePage } from './feed-source.js';
import { SourceFailure } from './source-failure.js';

export interface SourceSummary {
  readonly source: string;
  /** Items the feed returned in the window, rejected ones included. */
  fetched: number;
  new: number;
  updated: number;
  /** Joined a paper known from a seed page or the other feed. */
  merged: number;
  unchanged: number;
  readonly rejected: Rejection[];
  /** Why the feed stopped early, or null when it was read to the end. */
  failure: string | null;
}

export interface IngestSummary {
  readonly since: string;
  readonly dryRun: boolean;
  readonly sources: readonly SourceSummary[];
}

export interface IngestDeps {
  readonly store: Pick<Store, 'upsertPapers' | 'findPapers'>;
  readonly sources: readonly FeedSource[];
  /** The seed corpus: a feed item with a seed paper's normalised title merges into it. */
  readonly seedPapers: readonly Paper[];
  readonly logger: Logger;
  readonly now: Date;
}

export interface IngestOptions {
  /** First UTC date to read ("YYYY-MM-DD"); default the day before `now`. */
  readonly since?: string;
  /** Read and merge, report, store nothing. */
  readonly dryRun?: boolean;
  /** Copy the seed papers into the store first, so the store holds the whole corpus (the CLI; the bot does it at start). */
  readonly storeSeeds?: boolean;
  /** A line per page read, for long backfills. */
  readonly onProgress?: (line: string) => void;
}

export const defaultSince = (now: Date): string => new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);

/** What this run has merged so far, over the store: a dry run stores nothing yet must not count a paper new twice. */
class Corpus {
  private readonly byId = new Map<string, Paper>();
  private readonly idByArxiv = new Map<string, string>();
  private readonly seeds: Map<string, Paper>;

  constructor(
    private readonly store: IngestDeps['store'],
    seedPapers: readonly Paper[],
  ) {
    this.seeds = new Map(seedPapers.map((p) => [p.id, p]));
  }

  /** Loads what the store holds for these items, so `resolve` needs no query per item. */
  async load(items: readonly IncomingPaper[]): Promise<void> {
    const found = await this.store.findPapers({
      ids: items.map((i) => paperIdFor(i.rawTitle)).filter((id) => !this.byId.has(id)),
      arxivIds: items.map((i) => i.arxivId).filter((id) => !this.idByArxiv.has(id)),
    });
    for (const paper of found) if (!this.byId.has(paper.id)) this.remember(paper);
  }

  remember(paper: Paper): void {
    this.byId.set(paper.id, paper);
    if (paper.arxivId != null) this.idByArxiv.set(paper.arxivId, paper.id);
  }

  forget(paper: Paper, previous: Paper | undefined): void {
    if (previous) this.remember(previous);
    else {
      this.byId.delete(paper.id);
      if (paper.arxivId != null && this.idByArxiv.get(paper.arxivId) === paper.id) this.idByArxiv.delete(paper.arxivId);
    }
  }

  /** The paper this item belongs to (by arXiv id, else by normalised title) and the id it goes under. */
  resolve(item: IncomingPaper): { existing: Paper | undefined; id: string } {
    const known = this.idByArxiv.get(item.arxivId);
    if (known !== undefined) return { existing: this.byId.get(known), id: known };
    const id = paperIdFor(item.rawTitle);
    const sameTitle = this.byId.get(id) ?? this.seeds.get(id);
    // Another arXiv paper with the same title is another paper: it gets an id of its own.
    if (sameTitle?.arxivId != null && sameTitle.arxivId !== item.arxivId) return { existing: undefined, id: paperIdFor(`arXiv ${item.arxivId}`) };
    return { existing: sameTitle, id };
  }
}

const emptySummary = (source: string): SourceSummary => ({ source, fetched: 0, new: 0, updated: 0, merged: 0, unchanged: 0, rejected: [], failure: null });

export async function runIngest(deps: IngestDeps, options: IngestOptions = {}): Promise<IngestSummary> {
  const since = options.since ?? defaultSince(deps.now);
  const dryRun = options.dryRun ?? false;
  const logger = deps.logger.child({ component: 'ingest' });
  if (options.storeSeeds && !dryRun) await deps.store.upsertPapers(deps.seedPapers);
  const corpus = new Corpus(deps.store, deps.seedPapers);
  const summaries: SourceSummary[] = [];

  for (const source of deps.sources) {
    const summary = emptySummary(source.name);
    summaries.push(summary);
    const reject = (rejection: Rejection): void => {
      summary.rejected.push(rejection);
      logger.warn({ source: source.name, item: rejection.item, reason: rejection.reason }, 'feed item rejected');
    };
    try {
      for await (const page of source.pages({ since, now: deps.now })) {
        await takePage(page, summary, corpus, deps.store, dryRun, reject);
        options.onProgress?.(`${source.name}: ${page.progress}: ${page.papers.length + page.rejected.length} items (${summary.fetched} so far)`);
      }
    } catch (error) {
      summary.failure = error instanceof SourceFailure ? error.reason : `unexpected error: ${(error as Error).message}`;
      logger.error({ source: source.name, reason: summary.failure, ...(error instanceof SourceFailure ? {} : { err: error }) }, 'feed failed; what it gave before is kept, the next run tries again');
    }
    logger.info({ ...summary, rejected: summary.rejected.length, dryRun }, 'feed ingested');
  }
  return { since, dryRun, sources: summaries };
}

async function takePage(
  page: SourcePage,
  summary: SourceSummary,
  corpus: Corpus,
  store: IngestDeps['store'],
  dryRun: boolean,
  reject: (rejection: Rejection) => void,
): Promise<void> {
  summary.fetched += page.papers.length + page.rejected.length;
  page.rejected.forEach(reject);
  await corpus.load(page.papers);
  const pending = new Map<string, { paper: Paper; previous: Paper | undefined; change: IngestChange }>();
  for (const item of page.papers) {
    if (titleKey(item.rawTitle) === '') {
      reject({ item: item.arxivId, reason: 'title has no letters or digits' });
      continue;
    }
    const { existing, id } = corpus.resolve(item);
    const { paper, change } = mergeIncoming(existing, item, id);
    summary[change] += 1;
    if (change === 'unchanged') continue;
    corpus.remember(paper);
    const earlier = pending.get(paper.id);
    pending.set(paper.id, { paper, previous: earlier ? earlier.previous : existing, change });
  }
  if (dryRun || pending.size === 0) return;
  const writes = [...pending.values()];
  try {
    await store.upsertPapers(writes.map((w) => w.paper));
  } catch (pageError) {
    // One record the store refuses must not keep the rest of the page out: store them one by one.
    const refused: { write: (typeof writes)[number]; error: Error }[] = [];
    for (const write of writes) {
      try {
        await store.upsertPapers([write.paper]);
      } catch (error) {
        refused.push({ write, error: error as Error });
      }
    }
    for (const { write } of refused) {
      summary[write.change] -= 1;
      corpus.forget(write.paper, write.previous);
    }
    // Nothing went in: the store itself is failing (down, full), not one record.
    if (refused.length === writes.length) throw new SourceFailure(`cannot store the papers: ${(pageError as Error).message.slice(0, 200)}`);
    for (const { write, error } of refused) reject({ item: write.paper.arxivId ?? write.paper.id, reason: `not stored: ${error.message.slice(0, 200)}` });
  }
}
