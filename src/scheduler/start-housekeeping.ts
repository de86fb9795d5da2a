/**
 * Hourly upkeep of what the store only needs for a while: the ids of handled events and signed
 * requests (markEventSeen) older than a day. Slack retries an event within minutes and a signed
 * request is refused after 5, so a day keeps every duplicate recognised with a wide margin.
 * Every replica may run it: deleting rows that are already gone is harmless.
 */
import cron from 'node-cron';
import type { Logger } from 'pino';
import type { Store } from '../store/store.js';

export const SEEN_EVENTS_KEPT_MS = 24 * 3_600_000;

export interface RunningHousekeeping {
  /** Stops the task; resolves once a run in progress has finished. */
  stop(): Promise<void>;
}

export async function runHousekeeping(store: Pick<Store, 'forgetSeenEvents'>, now: Date, logger: Logger): Promise<void> {
  try {
    const forgotten = await store.forgetSeenEvents(new Date(now.getTime() - SEEN_EVENTS_KEPT_MS));
    if (forgotten > 0) logger.info({ forgotten }, 'forgot handled event ids older than a day');
  } catch (error) {
    logger.warn({ err: error }, 'could not forget old event ids; the next hour tries again');
  }
}

export function startHousekeeping(store: Pick<Store, 'forgetSeenEvents'>, options: { readonly clock: () => Date; readonly logger: Logger }): RunningHousekeeping {
  let current: Promise<void> = Promise.resolve();
  const task = cron.schedule(
    '17 * * * *',
    () => {
      current = runHousekeeping(store, options.clock(), options.logger);
      return current;
    },
    { name: 'paperboy-housekeeping', noOverlap: true },
  );
  return {
    async stop() {
      await task.stop();
      await task.destroy();
      await current;
    },
  };
}
