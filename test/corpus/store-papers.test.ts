/**
 * The corpus copied into the store after start-up: every paper, in slices that let other work
 * (Slack requests) run in between, and stopping after the current slice when the bot stops.
 */
import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/core/paper.js';
import { buildSearchIndex, loadSearchIndex, serializeIndex } from '../../src/core/search/search-index.js';
import { storePapers } from '../../src/corpus/store-papers.js';
import { openStore } from '../../src/store/open-store.js';

const papers: Paper[] = Array.from({ length: 2_500 }, (_, i) => ({
  id: `p-${String(i).padStart(5, '0')}`,
  title: `Paper ${i} on diffusion ${i % 7 === 0 ? 'quantization' : 'sampling'}`,
  abstract: `We study topic ${i % 13} with méthode ${i}.`,
  searchAliases: '',
  listedOn: { month: 3, day: 1 + (i % 28) },
  sources: [{ file: 'synthetic.txt', line: i + 1, listedOn: { month: 3, day: 1 + (i % 28) } }],
  codeLinks: [],
  otherLinks: [],
  sourceUpvotes: null,
}));

describe('storePapers', () => {
  it('stores every paper of an index loaded from a snapshot, equal to the originals', async () => {
    const index = loadSearchIndex(serializeIndex(buildSearchIndex(papers)));
    const store = await openStore({ kind: 'sqlite', path: ':memory:' });
    expect(await storePapers(index, store)).toBe(papers.length);
    expect(await store.listPapers()).toEqual(papers);
    await store.close();
  });

  it('lets other work run between slices, and stops after the current slice when told to', async () => {
    const index = buildSearchIndex(papers);
    const writes: number[] = [];
    let interleaved = 0;
    let stop = false;
    const store = {
      upsertPapers: async (slice: readonly Paper[]) => {
        writes.push(slice.length);
        // Work queued during a slice (a request, say) must run before the next slice.
        setImmediate(() => interleaved++);
        if (writes.length === 2) stop = true;
      },
    };
    const stored = await storePapers(index, store, () => stop);
    expect(writes).toEqual([250, 250]);
    expect(stored).toBe(500);
    expect(interleaved).toBeGreaterThanOrEqual(1);
  });
});
