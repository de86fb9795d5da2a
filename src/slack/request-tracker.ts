/**
 * Counts the Slack requests being handled (from the receiver handing one to Bolt until its
 * listener and any error reply are done), so shutdown can wait for them, and times each one into
 * the request histogram. It wraps App.processEvent, the one entry both receivers (HTTP and
 * Socket Mode) call, so acks, listener work and the global error handler are all inside.
 */
import type { App, ReceiverEvent } from '@slack/bolt';
import { performance } from 'node:perf_hooks';
import type { Metrics } from '../metrics/metrics.js';
import { surfaceOf } from './request-surface.js';

export interface RequestTracker {
  readonly inFlight: () => number;
  /** Resolves true once nothing is in flight, false if that took longer than timeoutMs. */
  drained(timeoutMs: number): Promise<boolean>;
}

export function trackRequests(app: App, metrics?: Metrics): RequestTracker {
  let inFlight = 0;
  const waiters = new Set<() => void>();
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent): Promise<void> => {
    inFlight++;
    const started = performance.now();
    try {
      await processEvent(event);
    } finally {
      inFlight--;
      metrics?.requestSeconds.observe(surfaceOf(event.body), (performance.now() - started) / 1000);
      if (inFlight === 0) for (const wake of [...waiters]) wake();
    }
  };
  return {
    inFlight: () => inFlight,
    drained: (timeoutMs) =>
      new Promise<boolean>((resolve) => {
        if (inFlight === 0) return resolve(true);
        const timer = setTimeout(() => {
          waiters.delete(wake);
          resolve(false);
        }, timeoutMs);
        const wake = (): void => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(true);
        };
        waiters.add(wake);
      }),
  };
}
