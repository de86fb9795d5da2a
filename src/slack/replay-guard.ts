/**
 * Each signed request takes effect once. Slack signs `v0:<timestamp>:<body>`, and Bolt rejects a
 * timestamp more than 5 minutes off, so a captured request can only be replayed inside that
 * window, with the very same signature. We remember every signature handled (in the store, so a
 * replay sent to another replica is caught too) and drop a repeat after acking it, so the
 * replayer learns nothing and nothing happens twice: a replayed `/papers saved` or Save click
 * gets no second reply and changes nothing.
 *
 * "Once" for a slash command therefore means once per signed request; Slack itself never sends
 * the same command twice (every invocation has its own trigger_id and timestamp), so a person
 * typing the same command again is a new request and is answered. Events are retried by Slack
 * with new signatures and are deduplicated by event id in their listener instead.
 * When the store cannot be reached, this process's memory stands in, so search keeps working.
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Metrics } from '../metrics/metrics.js';
import { isStoreUnavailable } from '../store/store-errors.js';
import type { Store } from '../store/store.js';
import { memoryEventDedupe } from './listeners/events/app-home-opened.js';
import { surfaceOf } from './request-surface.js';

/** Where Bolt's customPropertiesExtractor puts the request's signature (HTTP mode only). */
export const SIGNATURE_PROPERTY = 'slackRequestSignature';

export function replayGuard(deps: {
  readonly store: Pick<Store, 'markEventSeen'> | null;
  readonly now: () => Date;
  readonly logger: Logger;
  readonly metrics?: Metrics;
}): Middleware<AnyMiddlewareArgs> {
  const memory = memoryEventDedupe();
  const firstTime = async (key: string): Promise<boolean> => {
    if (!deps.store) return memory(key);
    try {
      return await deps.store.markEventSeen(key, deps.now());
    } catch (error) {
      if (!isStoreUnavailable(error)) throw error;
      return memory(key);
    }
  };
  return async (args) => {
    const signature = (args.context as Record<string, unknown>)[SIGNATURE_PROPERTY];
    if (typeof signature !== 'string' || signature === '') return args.next();
    const key = `sig:${createHash('sha256').update(signature).digest('hex')}`;
    if (await firstTime(key)) return args.next();
    const { surface } = surfaceOf(args.body);
    deps.metrics?.replaysIgnored.inc({ surface });
    deps.logger.warn({ surface }, 'replayed request ignored (this signed request was already handled)');
    if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
  };
}
