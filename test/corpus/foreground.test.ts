/**
 * The foreground flag: up while a search runs (nested runs and throws included), and the index
 * build worker's wait on it, which ends when the flag drops (woken by another thread) or at its
 * bound, so a build is slowed by searches but never stopped by them.
 */
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/core/paper.js';
import { buildSearchIndex, searchPapers } from '../../src/core/search/search-index.js';
import { createForeground, inline, waitForBackground } from '../../src/corpus/foreground.js';
import { createIndexBuilder, type IndexBuilder } from '../../src/corpus/index-builder.js';
import { loadSeedCorpus } from '../../src/corpus/load-seeds.js';

const flagOf = (buffer: SharedArrayBuffer): number => Atomics.load(new Int32Array(buffer), 0);

let builder: IndexBuilder | null = null;
afterEach(async () => {
  await builder?.close();
  builder = null;
});

describe('the foreground flag', () => {
  it('is up while work runs, nested work included, and down after it returns or throws', () => {
    const foreground = createForeground();
    expect(flagOf(foreground.buffer)).toBe(0);
    const seen = foreground.run(() => [flagOf(foreground.buffer), foreground.run(() => flagOf(foreground.buffer)), flagOf(foreground.buffer)]);
    expect(seen).toEqual([1, 2, 1]);
    expect(flagOf(foreground.buffer)).toBe(0);
    expect(() =>
      foreground.run(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(flagOf(foreground.buffer)).toBe(0);
    expect(foreground.run(() => 'value')).toBe('value');
    expect(inline(() => 'value')).toBe('value');
  });

  it('lets the waiting side go at once when it is down, and after the bound when it stays up', () => {
    const foreground = createForeground();
    expect(waitForBackground(foreground.buffer, 10_000)).toBeLessThan(1_000);
    Atomics.store(new Int32Array(foreground.buffer), 0, 1);
    expect(waitForBackground(foreground.buffer, 40)).toBeGreaterThanOrEqual(39);
  });

  it('wakes the waiting side when another thread lowers it', async () => {
    const foreground = createForeground();
    Atomics.store(new Int32Array(foreground.buffer), 0, 1);
    // Another thread lowers it after 100 ms, as the main thread does when its search ends.
    const worker = new Worker(
      `const { workerData } = require('node:worker_threads');
       const count = new Int32Array(workerData);
       setTimeout(() => { Atomics.store(count, 0, 0); Atomics.notify(count, 0); }, 100);`,
      { eval: true, workerData: foreground.buffer },
    );
    const waited = waitForBackground(foreground.buffer, 20_000);
    expect(waited).toBeGreaterThan(0);
    expect(waited).toBeLessThan(15_000);
    expect(flagOf(foreground.buffer)).toBe(0);
    await worker.terminate();
  });
});

describe('the index builder with a foreground flag', () => {
  it('builds the same segment, and still builds it while a search that never ends holds the flag', async () => {
    // Three seed papers: a held build waits its bound at each of its steps.
    const papers: readonly Paper[] = (await loadSeedCorpus()).papers.slice(0, 3);
    const foreground = createForeground();
    builder = createIndexBuilder({ foreground });
    const expected = buildSearchIndex(papers);
    const words = papers[0]!.title.split(' ').slice(0, 2).join(' ');
    const built = await builder.segment(papers, expected.settings);
    expect(searchPapers(built, words)).toEqual(searchPapers(expected, words));
    expect(searchPapers(built, words).kind).toBe('results');
    // Held from here on, as by a search that never ends: each step waits its bound, then goes on.
    Atomics.store(new Int32Array(foreground.buffer), 0, 1);
    const heldAt = performance.now();
    const held = await builder.segment(papers, expected.settings);
    // The worker did wait (each of its many steps up to 100 ms): a lower bound, so a slow machine cannot fail it.
    expect(performance.now() - heldAt).toBeGreaterThanOrEqual(500);
    expect(searchPapers(held, words)).toEqual(searchPapers(expected, words));
  }, 60_000);
});
