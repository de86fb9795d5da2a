/**
 * Graceful stop on SIGTERM/SIGINT. The first signal: stop taking new work (health turns 503 so
 * a balancer drains us, the cron stops, the listener closes), let what is in flight finish
 * (requests being answered, a digest pass posting, the papers write), all at once and bounded,
 * then close the store and exit 0. A second signal exits at once (128 + signal number, the
 * shell's convention), for an operator who does not want to wait.
 * A digest cut off by the bound is not lost: its claim goes stale and a replica, or this one
 * after restart, takes it over and checks the channel before posting (deliver-digest.ts).
 */
import type { Logger } from 'pino';

export interface ShutdownPlan {
  readonly logger: Logger;
  /** Runs first, synchronously: flip the flags that make health say 503 and loops stop. */
  readonly beginStopping: () => void;
  /** What to let finish, all started together, bounded by drainTimeoutMs. */
  readonly drain: ReadonlyArray<{ readonly name: string; readonly done: () => Promise<unknown> }>;
  /** Runs after the drain (the store), whether or not everything drained. */
  readonly close: () => Promise<void>;
  /** Default 7000 ms: with closing, well inside the 10 s an orchestrator usually grants. */
  readonly drainTimeoutMs?: number;
  /** If closing hangs too, exit 1 at this point after the signal. Default 9500 ms. */
  readonly hardDeadlineMs?: number;
  readonly exit?: (code: number) => void;
  readonly signals?: Pick<NodeJS.Process, 'on'>;
}

const SIGNAL_NUMBERS: Record<string, number> = { SIGINT: 2, SIGTERM: 15 };

export function installShutdown(plan: ShutdownPlan): { stop(signal: string): Promise<void> } {
  const exit = plan.exit ?? ((code: number) => process.exit(code));
  const drainTimeoutMs = plan.drainTimeoutMs ?? 7_000;
  let stopping: Promise<void> | null = null;

  const stop = (signal: string): Promise<void> => {
    if (stopping) {
      plan.logger.warn({ signal }, 'second stop signal; exiting now');
      exit(128 + (SIGNAL_NUMBERS[signal] ?? 1));
      return stopping;
    }
    stopping = (async () => {
      const started = Date.now();
      plan.logger.info({ signal, drainTimeoutMs }, 'stopping');
      const hard = setTimeout(() => {
        plan.logger.error({ signal }, 'could not stop in time; exiting');
        exit(1);
      }, plan.hardDeadlineMs ?? 9_500);
      hard.unref();
      try {
        plan.beginStopping();
        const pending = new Set(plan.drain.map((d) => d.name));
        const all = Promise.allSettled(
          plan.drain.map(async (d) => {
            try {
              await d.done();
            } catch (error) {
              plan.logger.warn({ err: error, step: d.name }, 'a step failed while stopping');
            } finally {
              pending.delete(d.name);
            }
          }),
        );
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), drainTimeoutMs)));
        const drained = await Promise.race([all.then(() => 'drained' as const), timedOut]);
        clearTimeout(timer);
        if (drained === 'timeout') plan.logger.warn({ unfinished: [...pending] }, 'stopping without waiting any longer for these');
        await plan.close();
        plan.logger.info({ ms: Date.now() - started }, 'stopped');
        clearTimeout(hard);
        exit(0);
      } catch (error) {
        plan.logger.error({ err: error }, 'could not stop cleanly');
        clearTimeout(hard);
        exit(1);
      }
    })();
    return stopping;
  };

  const signals = plan.signals ?? process;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) signals.on(signal, () => void stop(signal));
  return { stop };
}
