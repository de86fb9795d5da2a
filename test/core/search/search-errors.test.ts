import { describe, expect, it } from 'vitest';
import { buildSearchIndex, loadSearchIndex, serializeIndex, SearchError, SnapshotError, stampProblem } from '../../../src/core/search/search-index.js';
import { DEFAULT_SEARCH_SETTINGS } from '../../../src/core/search/search-settings.js';
import type { Paper } from '../../../src/core/paper.js';

const paper = (id: string, title: string): Paper =>
  ({ id, arxivId: null, title, abstract: `${title} abstract`, searchAliases: '', listedOn: '2025-01-01', codeUrl: null, upvotes: 0 }) as unknown as Paper;
const index = buildSearchIndex([paper('a', 'diffusion models'), paper('b', 'quantized diffusion')]);

const thrown = (f: () => unknown): unknown => {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error('nothing was thrown');
};

describe('search errors carry a code', () => {
  it('a snapshot is refused with the code of why, and the message keeps its advice', () => {
    const serialized = serializeIndex(index);
    const other = { ...DEFAULT_SEARCH_SETTINGS, boost: { ...DEFAULT_SEARCH_SETTINGS.boost, title: 9 } };
    const cases: [() => unknown, string][] = [
      [() => loadSearchIndex(serialized, other), 'settings'],
      [() => loadSearchIndex({ ...serialized, json: '{"hello":1}' }), 'foreign'],
      [() => loadSearchIndex({ ...serialized, json: serialized.json.slice(0, 10) }), 'not-json'],
      [() => loadSearchIndex({ ...serialized, arrays: serialized.arrays.subarray(0, 8) }), 'corrupt'],
    ];
    for (const [load, code] of cases) {
      const error = thrown(load);
      expect(error).toBeInstanceOf(SnapshotError);
      expect((error as SnapshotError).code).toBe(code);
      expect((error as SnapshotError).message).toBe(`paperboy search: ${(error as SnapshotError).detail}; rebuild it from the corpus`);
    }
  });

  it('one stamp check for the index and the file header: another version is refused by code', () => {
    const stamp = JSON.parse(serializeIndex(index).json) as { format: string; version: number; fingerprint: string };
    expect(stampProblem(stamp as never, DEFAULT_SEARCH_SETTINGS)).toBeNull();
    expect(stampProblem({ ...stamp, version: stamp.version - 1 } as never, DEFAULT_SEARCH_SETTINGS)?.code).toBe('version');
  });

  it('duplicate paper ids are a SearchError with its own code', () => {
    const error = thrown(() => buildSearchIndex([paper('a', 'x y'), paper('a', 'z w')]));
    expect(error).toBeInstanceOf(SearchError);
    expect((error as SearchError).code).toBe('duplicate-id');
  });
});
