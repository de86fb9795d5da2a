/**
 * The worker thread that builds the running bot's segments and, on a cold start, its whole
 * index: what it builds is the index a build on the main thread gives (searches, papers,
 * serialized bytes, the snapshot file), bad input comes back as an error without losing the
 * worker, and a closed builder starts a new worker when used again.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/core/paper.js';
import { buildSearchIndex, searchPapers, serializeIndex, type SearchIndex } from '../../src/core/search/search-index.js';
import { DEFAULT_SEARCH_SETTINGS } from '../../src/core/search/search-settings.js';
import { addPapersSteps, addSegmentSteps, freshPapers, MAX_ADDED_SEGMENTS, segmentBuildOptions, segmentedIndex, segmentPapersSteps } from '../../src/core/search/segments.js';
import { commonWords } from '../../src/core/search/phrase-positions.js';
import { runSteps } from '../../src/core/search/work-steps.js';
import { loadSeedCorpus } from '../../src/corpus/load-seeds.js';
import { BuilderClosedError, createIndexBuilder, type IndexBuilder } from '../../src/corpus/index-builder.js';
import { saveIndexSnapshot } from '../../src/corpus/snapshot.js';

let corpus: readonly Paper[];
let builder: IndexBuilder | null = null;
beforeAll(async () => {
  corpus = (await loadSeedCorpus()).papers;
});
afterEach(async () => {
  await builder?.close();
  builder = null;
});

/** The same serialized bytes and the same answers. */
function expectSameIndex(actual: SearchIndex, expected: SearchIndex): void {
  const a = serializeIndex(actual);
  const b = serializeIndex(expected);
  expect(a.json).toBe(b.json);
  expect(a.papers).toBe(b.papers);
  expect(Buffer.from(a.arrays).equals(Buffer.from(b.arrays))).toBe(true);
  for (const q of ['diffusion', '"language model"', 'transformr', 'vision -video']) expect(searchPapers(actual, q)).toEqual(searchPapers(expected, q));
}

describe('the index builder', () => {
  it('builds in its worker the index the main thread builds', async () => {
    builder = createIndexBuilder();
    const papers = corpus.slice(0, 120);
    const built = await builder.segment(papers, DEFAULT_SEARCH_SETTINGS);
    expect(built.settings).toBe(DEFAULT_SEARCH_SETTINGS);
    expect(built.papers.all()).toEqual(papers);
    expectSameIndex(built, buildSearchIndex(papers));
  });

  it('gives a segment that, added in place, searches as the one added on the main thread', async () => {
    builder = createIndexBuilder();
    const base = segmentedIndex(buildSearchIndex(corpus.slice(0, 300)));
    const incoming = [...corpus.slice(300, 360), { ...corpus[5]!, abstract: `${corpus[5]!.abstract} a second version`, arxivVersion: 2 }];
    const fresh = freshPapers(base, incoming);
    const built = await builder.segment(fresh, base.index.settings, segmentBuildOptions(base));
    const viaWorker = runSteps(addSegmentSteps(base, fresh, built));
    const onMain = runSteps(addPapersSteps(base, incoming));
    // With the index's common words (phrase pairs), as the main thread builds a segment.
    expect(commonWords(built.phrases)).toEqual(commonWords(onMain.segments[1]!.index.phrases));
    expect(built.phrases.tokens).toEqual(onMain.segments[1]!.index.phrases.tokens);
    expect(commonWords(built.phrases)).toEqual(commonWords(base.index.phrases).filter((w) => built.phrases.tokens.includes(w)));
    expect(commonWords(buildSearchIndex(fresh).phrases)).not.toEqual(commonWords(built.phrases));
    expect(viaWorker.segments.length).toBe(2);
    expect(viaWorker.index.papers.ids).toEqual(onMain.index.papers.ids);
    for (const q of ['diffusion', 'second version', '"large language"', 'agent -robot']) expect(searchPapers(viaWorker.index, q)).toEqual(searchPapers(onMain.index, q));
    // The same papers again: nothing new to build.
    expect(freshPapers(viaWorker, incoming)).toEqual([]);
  });

  it('builds the segment that replaces the added ones (sent in several messages), and the view searches as the main thread\'s', async () => {
    builder = createIndexBuilder();
    let viaWorker = segmentedIndex(buildSearchIndex(corpus.slice(0, 100)));
    let onMain = viaWorker;
    // Batches of 30 with a new version of an added paper in each: the ninth replaces the eight, with 270 papers (two messages).
    for (let b = 0; b <= MAX_ADDED_SEGMENTS; b++) {
      const batch = [...corpus.slice(100 + b * 30, 130 + b * 30)];
      if (b > 0) batch.push({ ...corpus[100 + (b - 1) * 30]!, abstract: `${corpus[100 + (b - 1) * 30]!.abstract} revised in batch ${b}`, arxivVersion: 2 });
      const fresh = freshPapers(viaWorker, batch);
      const built = await builder.segment(runSteps(segmentPapersSteps(viaWorker, fresh)), viaWorker.index.settings);
      viaWorker = runSteps(addSegmentSteps(viaWorker, fresh, built));
      onMain = runSteps(addPapersSteps(onMain, batch));
    }
    expect(viaWorker.segments.length).toBe(2);
    expect(viaWorker.segments[1]!.index.papers.length).toBe(MAX_ADDED_SEGMENTS * 31 + 30 - MAX_ADDED_SEGMENTS);
    expect(viaWorker.index.papers.ids).toEqual(onMain.index.papers.ids);
    for (const q of ['diffusion', 'revised in batch', '"large language"', 'agent -robot']) expect(searchPapers(viaWorker.index, q)).toEqual(searchPapers(onMain.index, q));
  });

  it('reports papers it cannot take, and goes on building', async () => {
    builder = createIndexBuilder();
    // Not a paper a store gives, and not one a worker can be sent: the build is refused, not lost in the worker.
    const broken = { ...corpus[0]!, title: () => 'a function' } as unknown as Paper;
    await expect(builder.segment([broken], DEFAULT_SEARCH_SETTINGS)).rejects.toThrow();
    expect((await builder.segment(corpus.slice(0, 3), DEFAULT_SEARCH_SETTINGS)).papers.length).toBe(3);
  });

  it('builds the whole index in its worker, reports progress, saves the snapshot, and hands back the index a main-thread build gives', async () => {
    builder = createIndexBuilder();
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-builder-'));
    try {
      const progress: number[] = [];
      const facts = { fingerprint: 'seeds-abc', entryCount: corpus.length, problems: [] };
      const { index, snapshotError } = await builder.index(corpus, DEFAULT_SEARCH_SETTINGS, { onProgress: (p) => progress.push(p), snapshot: { path: join(dir, 'index.snapshot'), corpus: facts } });
      expect(snapshotError).toBeNull();
      expect(progress.length).toBeGreaterThan(5);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      const here = buildSearchIndex(corpus);
      expectSameIndex(index, here);
      // The snapshot the worker wrote is the one this thread writes.
      await saveIndexSnapshot(join(dir, 'here.snapshot'), facts, here);
      expect(readFileSync(join(dir, 'index.snapshot')).equals(readFileSync(join(dir, 'here.snapshot')))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says when the snapshot could not be written, and still gives the index', async () => {
    builder = createIndexBuilder();
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-builder-'));
    try {
      // A file where the snapshot's folder should be.
      writeFileSync(join(dir, 'taken'), '');
      const { index, snapshotError } = await builder.index(corpus.slice(0, 30), DEFAULT_SEARCH_SETTINGS, { snapshot: { path: join(dir, 'taken', 'index.snapshot'), corpus: { fingerprint: 'x', entryCount: 30, problems: [] } } });
      expect(snapshotError).toMatch(/EEXIST|ENOTDIR/);
      expect(index.papers.length).toBe(30);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects a build under way when it is closed', async () => {
    builder = createIndexBuilder();
    const building = builder.segment(corpus, DEFAULT_SEARCH_SETTINGS);
    await builder.close();
    await expect(building).rejects.toBeInstanceOf(BuilderClosedError);
  });

  it('starts a new worker after close', async () => {
    builder = createIndexBuilder();
    expect((await builder.segment(corpus.slice(0, 2), DEFAULT_SEARCH_SETTINGS)).papers.length).toBe(2);
    await builder.close();
    expect((await builder.segment(corpus.slice(2, 5), DEFAULT_SEARCH_SETTINGS)).papers.length).toBe(3);
  });
});
