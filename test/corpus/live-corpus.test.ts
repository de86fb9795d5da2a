/**
 * The live corpus reads past the store's seed listings: the bot's store copy writes every seed
 * paper after the mark it started from, and a poll must pass them (a page at a time, the event
 * loop given back between pages) to reach what an ingest wrote after them. Polls past
 * MAX_ADDED_SEGMENTS replace the added segments with one built in the worker. A segment the
 * worker thread cannot build is built on the main thread.
 */
import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/core/paper.js';
import { buildSearchIndex, searchPapers } from '../../src/core/search/search-index.js';
import { MAX_ADDED_SEGMENTS } from '../../src/core/search/segments.js';
import { createIndexBuilder } from '../../src/corpus/index-builder.js';
import { createLiveCorpus } from '../../src/corpus/live-corpus.js';
import { loadSeedCorpus } from '../../src/corpus/load-seeds.js';
import { createLogger } from '../../src/logger.js';
import { createMemoryStore } from '../support/memory-store.js';
import { logSink } from '../support/log-sink.js';

const hits = (index: Parameters<typeof searchPapers>[0], query: string): string[] => {
  const outcome = searchPapers(index, query, { limit: 5 });
  return outcome.kind === 'results' ? outcome.hits.map((h) => h.paper.id) : [];
};

describe('the live corpus', () => {
  it('passes thousands of seed listings written after its mark and adds the ingested paper behind them', async () => {
    const seeds = (await loadSeedCorpus()).papers;
    const store = createMemoryStore();
    const mark = await store.paperMark();
    // More seed rows than one poll page (1,000) holds: copies of the seed papers under other ids.
    const listings: Paper[] = [];
    for (let i = 0; i < 2500; i++) listings.push({ ...seeds[i % seeds.length]!, id: `listing-${i}` });
    await store.upsertPapers(listings);
    const fresh: Paper = { ...seeds[0]!, id: 'ingested-1', arxivId: '2612.00001', title: 'Zorblaxine Gates for Sparse Experts', abstract: 'Zorblaxine gates route tokens to sparse experts.' };
    await store.upsertPapers([fresh]);

    const { stream } = logSink();
    const live = createLiveCorpus({ index: buildSearchIndex(seeds), store, mark, ingested: [], logger: createLogger({ level: 'info', pretty: false, destination: stream }) });
    try {
      expect(hits(live.index(), 'zorblaxine')).toEqual([]);
      expect(await live.poll()).toBe(1);
      expect(hits(live.index(), 'zorblaxine')[0]).toBe('ingested-1');
      // The mark is past them all now: the next poll reads nothing.
      expect(await live.poll()).toBe(0);
    } finally {
      await live.stop();
    }
  });

  it('takes in more polls than MAX_ADDED_SEGMENTS through the worker, and searches as a fresh build over the same papers', async () => {
    const seeds = (await loadSeedCorpus()).papers;
    const store = createMemoryStore();
    const mark = await store.paperMark();
    const { stream, sink } = logSink();
    const builder = createIndexBuilder();
    const live = createLiveCorpus({ index: buildSearchIndex(seeds), store, mark, ingested: [], indexBuilder: builder, mergeAt: 1_000_000, logger: createLogger({ level: 'info', pretty: false, destination: stream }) });
    const polls = MAX_ADDED_SEGMENTS + 2;
    const ingested = new Map<string, Paper>();
    try {
      for (let p = 0; p < polls; p++) {
        const batch: Paper[] = [];
        for (let i = 0; i < 5; i++) batch.push({ ...seeds[(p * 5 + i) % seeds.length]!, id: `ingested-${p}-${i}`, arxivId: `2612.${String(10000 + p * 5 + i)}`, title: `Vexillum ${p} ${i}: ${seeds[(p * 5 + i) % seeds.length]!.title}` });
        // A new version of a paper an earlier poll added.
        if (p > 0) batch.push({ ...ingested.get(`ingested-${p - 1}-0`)!, abstract: `Revised in poll ${p}: gossamer routing.`, arxivVersion: 2 });
        await store.upsertPapers(batch);
        expect(await live.poll()).toBe(batch.length);
        // Arrival order, as a fresh build is given the papers: a new version moves to the end.
        for (const paper of batch) {
          ingested.delete(paper.id);
          ingested.set(paper.id, paper);
        }
      }
      const lines = sink.lines().filter((l) => l['msg'] === 'ingested papers added to the index');
      expect(lines.map((l) => l['builtIn'])).toEqual(Array.from({ length: polls }, () => 'worker'));
      // The poll after the eighth replaced the added segments with one: the first, it, and the last poll's.
      expect(lines.map((l) => l['segments'])).toEqual([...Array.from({ length: MAX_ADDED_SEGMENTS }, (_, i) => i + 2), 2, 3]);
      const fresh = buildSearchIndex([...seeds, ...ingested.values()]);
      expect(live.index().papers.ids).toEqual(fresh.papers.ids);
      for (const q of ['vexillum', 'gossamer routing', 'revised in poll', '"vexillum 3"', 'diffusion -vexillum']) expect(searchPapers(live.index(), q, { limit: 20 })).toEqual(searchPapers(fresh, q, { limit: 20 }));
    } finally {
      await live.stop();
      await builder.close();
    }
  });

  it('builds a segment on the main thread, saying so, when the worker cannot', async () => {
    const seeds = (await loadSeedCorpus()).papers;
    const store = createMemoryStore();
    const mark = await store.paperMark();
    await store.upsertPapers([{ ...seeds[0]!, id: 'ingested-2', arxivId: '2612.00002', title: 'Quillwort Attention', abstract: 'Quillwort attention for long contexts.' }]);
    const { stream, sink } = logSink();
    const failing = { segment: () => Promise.reject(new Error('the index build worker exited (code 1)')), index: () => Promise.reject(new Error('unused')), close: async () => undefined };
    const live = createLiveCorpus({ index: buildSearchIndex(seeds), store, mark, ingested: [], indexBuilder: failing, logger: createLogger({ level: 'info', pretty: false, destination: stream }) });
    try {
      expect(await live.poll()).toBe(1);
      expect(hits(live.index(), 'quillwort')[0]).toBe('ingested-2');
      expect(sink.lines().some((l) => String(l['msg']).includes('building it on the main thread'))).toBe(true);
      expect(sink.lines().find((l) => l['msg'] === 'ingested papers added to the index')?.['builtIn']).toBe('main thread');
    } finally {
      await live.stop();
    }
  });
});
