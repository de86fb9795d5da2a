/**
 * The digest clock: a node-cron task every minute, plus one pass right at start so a digest
 * missed while the bot was down goes out now instead of at the next minute boundary.
 *
 * Every minute in UTC is enough for every zone: channels' times are whole minutes and all zone
 * offsets in use are whole minutes too, and runDueDigests decides per channel in its own zone,
 * DST included. Passes never overlap: a slow pass (rate limits, backoff) makes the next ticks skip.
 */
import cron from 'node-cron';
import { runDueDigests, type DueDigestResult, type RunDueDigestsDeps } from './run-due-digests.js';

export interface SchedulerOptions {
  readonly clock: () => Date;
  /** Called after each pass (tests and metrics); errors from it are ignored. */
  readonly onPass?: (results: DueDigestResult[]) => void;
}

export interface RunningScheduler {
  /** Stops the cron task and resolves once a pass in progress has finished. */
  stop(): Promise<void>;
}

export function startScheduler(deps: RunDueDigestsDeps, options: SchedulerOptions): RunningScheduler {
  const { logger } = deps;
  let current: Promise<void> | null = null;
  let stopped = false;

  const pass = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    // node-cron's noOverlap only covers its own ticks; the start-up pass is ours, so guard here too.
    if (current) return current;
    const run = (async () => {
      const now = options.clock();
      try {
        const results = await runDueDigests(deps, now);
        const attempted = results.filter((r) => r.outcome.kind !== 'already-done' && r.outcome.kind !== 'nothing-new');
        if (attempted.length > 0) {
          logger.info({ at: now.toISOString(), outcomes: attempted.map((r) => ({ channel: r.channelId, outcome: r.outcome.kind })) }, 'digest pass');
        }
        try {
          options.onPass?.(results);
        } catch {
          // An observer's bug must not look like a failed pass.
        }
      } catch (error) {
        logger.error({ err: error }, 'digest pass failed; the next minute tries again');
      }
    })();
    current = run.finally(() => {
      current = null;
    });
    return current;
  };

  const task = cron.schedule('* * * * *', () => pass(), { name: 'paperboy-digests', noOverlap: true });
  void pass();
  logger.info('digest scheduler started');

  return {
    async stop() {
      stopped = true;
      await task.stop();
      await task.destroy();
      if (current) await current;
      logger.info('digest scheduler stopped');
    },
  };
}
