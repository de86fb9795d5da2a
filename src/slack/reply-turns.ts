/**
 * Acks before replies. A listener acks, then waits for its turn here before the work its reply
 * needs (a search and its rendering: a few milliseconds of CPU each at 100,000 papers). Turns
 * are taken one per event-loop iteration, in arrival order, so between two searches the loop
 * polls the network again and acks every command that has come in meanwhile. Without this, a
 * command's ack waited behind the searches of every command ahead of it (the search ran in the
 * same callback as the ack that preceded it): at 200 commands/s on a busy machine, acks took
 * seconds and Slack's 3-second deadline was missed while the work itself kept up.
 *
 * Only the order changes: every turn is taken, none is dropped, and a listener waiting for its
 * turn is still in flight for shutdown (src/slack/request-tracker.ts).
 */

export type TakeTurn = () => Promise<void>;

export function replyTurns(): TakeTurn {
  const waiting: (() => void)[] = [];
  let scheduled = false;
  const next = (): void => {
    // The turn's work runs in the microtasks after this callback, before the next iteration;
    // the next turn is an immediate queued now, so it runs after the next poll.
    waiting.shift()?.();
    scheduled = waiting.length > 0;
    if (scheduled) setImmediate(next);
  };
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (!scheduled) {
        scheduled = true;
        setImmediate(next);
      }
    });
}
