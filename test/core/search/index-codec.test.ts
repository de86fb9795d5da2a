/**
 * The stepwise serializer the running bot saves its snapshot with: its byte chunks, end to end,
 * must be serializeIndex's parts exactly (the file is the same either way), made in many short
 * steps, the array block viewing the index's own arrays rather than copying them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/core/paper.js';
import { buildSearchIndex, loadSearchIndex, searchPapers, serializeIndex, serializeIndexChunksSteps, type SearchIndex, type SerializedChunks } from '../../../src/core/search/search-index.js';
import { addPapersSteps, mergeAllSteps, segmentedIndex } from '../../../src/core/search/segments.js';
import { runSteps } from '../../../src/core/search/work-steps.js';
import { loadSeedCorpus } from '../../../src/corpus/load-seeds.js';

let papers: readonly Paper[];
let index: SearchIndex;

beforeAll(async () => {
  papers = (await loadSeedCorpus()).papers;
  index = buildSearchIndex(papers);
});

function chunked(of: SearchIndex): { chunks: SerializedChunks; steps: number } {
  const work = serializeIndexChunksSteps(of);
  let steps = 1;
  for (;;) {
    const r = work.next();
    if (r.done) return { chunks: r.value, steps };
    steps++;
  }
}

const joined = (chunks: readonly Uint8Array[]): Buffer => Buffer.concat(chunks);

describe('serializeIndexChunksSteps', () => {
  it("gives serializeIndex's parts as bytes, in steps, with the arrays viewed where they lie", () => {
    const { chunks, steps } = chunked(index);
    const whole = serializeIndex(index);
    expect(joined(chunks.json).equals(Buffer.from(whole.json))).toBe(true);
    expect(joined(chunks.arrays).equals(Buffer.from(whole.arrays))).toBe(true);
    expect(joined(chunks.papers).equals(Buffer.from(whole.papers))).toBe(true);
    // 402 papers, 200 a step; the words likewise; the JSON's long lists a slice a step.
    expect(steps).toBeGreaterThan(5);
    expect(chunks.arrays.some((chunk) => chunk.buffer === index.postings.docs.buffer)).toBe(true);
  });

  it('is the same for a merged index with papers in other scripts, and loads back as it', () => {
    const odd: Paper = { ...papers[3]!, id: 'odd-\u00e9', title: 'Schrödinger 🚀 bridges – naïve Ωmega', abstract: `${papers[3]!.abstract} Ünïcödé ✓` };
    const renewed: Paper = { ...papers[7]!, abstract: `${papers[7]!.abstract} (revised 🚀)` };
    const merged = runSteps(mergeAllSteps(runSteps(addPapersSteps(segmentedIndex(index), [odd, renewed])))).index;
    const { chunks } = chunked(merged);
    const whole = serializeIndex(merged);
    expect(joined(chunks.json).equals(Buffer.from(whole.json))).toBe(true);
    expect(joined(chunks.arrays).equals(Buffer.from(whole.arrays))).toBe(true);
    expect(joined(chunks.papers).equals(Buffer.from(whole.papers))).toBe(true);
    const loaded = loadSearchIndex({ json: joined(chunks.json), arrays: new Uint8Array(joined(chunks.arrays)), papers: joined(chunks.papers) });
    expect(loaded.papers.get(odd.id)).toEqual(odd);
    expect(loaded.papers.get(renewed.id)).toEqual(renewed);
    for (const query of ['naïve schrodinger', 'diffusion quantization', '"linear mode connectivity"']) expect(searchPapers(loaded, query)).toEqual(searchPapers(merged, query));
  });
});
