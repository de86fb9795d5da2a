import { describe, expect, it } from 'vitest';
import { replyTurns } from '../../src/slack/reply-turns.js';

describe('replyTurns', () => {
  it('takes turns in arrival order, one per event-loop iteration, so what became ready meanwhile runs between two', async () => {
    const takeTurn = replyTurns();
    const order: string[] = [];
    const first = takeTurn().then(() => {
      order.push('first');
      // Stands for a request that arrived while the first reply's search ran (a few ms of CPU).
      setTimeout(() => order.push('arrived meanwhile'), 1);
      const until = performance.now() + 5;
      while (performance.now() < until);
    });
    const second = takeTurn().then(() => order.push('second'));
    const third = takeTurn().then(() => order.push('third'));
    await Promise.all([first, second, third]);
    expect(order).toEqual(['first', 'arrived meanwhile', 'second', 'third']);
  });

  it('keeps serving turns after the queue has run dry', async () => {
    const takeTurn = replyTurns();
    await takeTurn();
    await new Promise((done) => setTimeout(done, 5));
    const order: number[] = [];
    await Promise.all([1, 2].map((n) => takeTurn().then(() => order.push(n))));
    expect(order).toEqual([1, 2]);
  });
});
