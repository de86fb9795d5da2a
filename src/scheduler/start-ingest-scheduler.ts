/**
 * The ingest clock: a node-cron task on PAPERBOY_INGEST_CRON (UTC) that runs runIngest, once
 * per schedule slot however many replicas share the database. Every replica's cron fires; each
 * asks the store for the slot (Store.claimJobRun: the first INSERT of (job, slot) wins), and only
 * the winner reads the feeds. The slot is the fire time cut to the cron's own resolution (the
 * minute, or the second for a six-field expression), so replicas whose clocks agree within that
 * resolution name the same slot.
 *
 * A run cut short (the replica dies mid-ingest) is not taken over: the next slot reads from the
 * day before its own date again (runIngest's default window), and a second read of the same
 * items changes nothing, so the papers are picked up then. Runs never overlap on one replica.
 */
import cron from 'node-cron';
import type { Logger } from 'pino';
import type { IngestSummary } from '../ingest/ingest.js';
import type { Store } from '../store/store.js';

export const INGEST_JOB = 'ingest';

export interface IngestSchedulerDeps {
  readonly store: Pick<Store, 'claimJobRun'>;
  /** runIngest over the configured feeds at `now` (the composition root binds the rest). */
  readonly ingest: (now: Date) => Promise<IngestSummary>;
  readonly logger: Logger;
  /** Names this process in the claim ("hostname:pid"). */
  readonly claimant: string;
  readonly clock: () => Date;
}

export interface IngestSchedulerOptions {
  /** node-cron expression, evaluated in UTC. */
  readonly cron: string;
}

/** What one fire of the schedule did on this replica. */
export type IngestSlotOutcome =
  | { readonly kind: 'ran'; readonly slot: string; readonly summary: IngestSummary }
  | { readonly kind: 'claimed-elsewhere'; readonly slot: string }
  | { readonly kind: 'busy'; readonly slot: string }
  | { readonly kind: 'failed'; readonly slot: string; readonly error: string };

export interface RunningIngestScheduler {
  /** What the cron runs at each fire; tests call it with the time of a fire. */
  runSlot(at: Date): Promise<IngestSlotOutcome>;
  /** Stops the cron task and resolves once a run in progress has finished. */
  stop(): Promise<void>;
}

/** The slot a fire at `at` is for: "2026-12-01T06:00Z", or "2026-12-01T06:00:05Z" for a seconds cron. */
export function ingestSlot(at: Date, cronExpression: string): string {
  const withSeconds = cronExpression.trim().split(/\s+/).length === 6;
  return `${at.toISOString().slice(0, withSeconds ? 19 : 16)}Z`;
}

export function startIngestScheduler(deps: IngestSchedulerDeps, options: IngestSchedulerOptions): RunningIngestScheduler {
  const logger = deps.logger.child({ component: 'ingest-scheduler' });
  let current: Promise<IngestSlotOutcome> | null = null;
  let stopped = false;

  const runSlot = (at: Date): Promise<IngestSlotOutcome> => {
    const slot = ingestSlot(at, options.cron);
    if (current) return Promise.resolve({ kind: 'busy', slot });
    const run = (async (): Promise<IngestSlotOutcome> => {
      try {
        if (!(await deps.store.claimJobRun(INGEST_JOB, slot, deps.claimant, at))) {
          logger.info({ slot }, 'scheduled ingest claimed by another replica');
          return { kind: 'claimed-elsewhere', slot };
        }
        logger.info({ slot }, 'scheduled ingest started');
        const summary = await deps.ingest(at);
        const failed = summary.sources.filter((s) => s.failure !== null).map((s) => ({ source: s.source, reason: s.failure }));
        logger.info({ slot, sources: summary.sources.map((s) => ({ source: s.source, fetched: s.fetched, new: s.new, updated: s.updated, merged: s.merged, rejected: s.rejected.length })), failed }, 'scheduled ingest finished');
        return { kind: 'ran', slot, summary };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        logger.error({ slot, err: error }, 'scheduled ingest failed; the next slot tries again');
        return { kind: 'failed', slot, error: message.slice(0, 300) };
      }
    })();
    current = run;
    void run.finally(() => {
      current = null;
    });
    return run;
  };

  const task = cron.schedule(
    options.cron,
    async () => {
      if (!stopped) await runSlot(deps.clock());
    },
    { name: 'paperboy-ingest', timezone: 'UTC', noOverlap: true },
  );
  logger.info({ cron: options.cron }, 'ingest scheduler started');

  return {
    runSlot,
    async stop() {
      stopped = true;
      await task.stop();
      await task.destroy();
      if (current) await current;
      logger.info('ingest scheduler stopped');
    },
  };
}
