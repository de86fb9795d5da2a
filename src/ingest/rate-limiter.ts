/**
 * At most one call every `intervalMs` (arXiv asks for one request every 3 s). The clock and the
 * sleep are injected so tests run at once on a fake clock; waits queue in call order.
 */
export interface Clock {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export type RateLimiter = () => Promise<void>;

export function createRateLimiter(intervalMs: number, clock: Clock = realClock): RateLimiter {
  let last = Number.NEGATIVE_INFINITY;
  let queue: Promise<void> = Promise.resolve();
  return () => {
    const turn = queue.then(async () => {
      const wait = last + intervalMs - clock.now();
      if (wait > 0) await clock.sleep(wait);
      last = clock.now();
    });
    queue = turn.catch(() => undefined);
    return turn;
  };
}
