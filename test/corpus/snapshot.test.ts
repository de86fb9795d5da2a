/**
 * The on-disk index snapshot: used when it matches the corpus and settings, and otherwise
 * rebuilt and rewritten, whether it is stale, from other settings, truncated or garbage.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/core/paper.js';
import { searchPapers } from '../../src/core/search/search-index.js';
import { DEFAULT_SEARCH_SETTINGS, type SearchSettings } from '../../src/core/search/search-settings.js';
import { loadSeedCorpus } from '../../src/corpus/load-seeds.js';
import { corpusFingerprint, loadOrBuildIndex } from '../../src/corpus/snapshot.js';
import { createLogger } from '../../src/logger.js';

function logCollector(): { logger: ReturnType<typeof createLogger>; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ level: 'info', pretty: false, destination: stream });
  return { logger, lines: () => chunks.join('').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

let papers: readonly Paper[];
beforeAll(async () => {
  papers = (await loadSeedCorpus()).papers;
});

const topTitles = (index: Parameters<typeof searchPapers>[0], query: string): string[] => {
  const outcome = searchPapers(index, query, { limit: 5 });
  return outcome.kind === 'results' ? outcome.hits.map((h) => `${h.paper.id} ${h.score.toFixed(6)}`) : [];
};

describe('loadOrBuildIndex', () => {
  it('builds and saves on first start, then serves the same results from the snapshot', async () => {
    const snapshotPath = join(mkdtempSync(join(tmpdir(), 'paperboy-snap-')), 'deep', 'index.json');
    const first = await loadOrBuildIndex({ papers, snapshotPath, logger: logCollector().logger });
    expect(first.source).toBe('built');

    const second = await loadOrBuildIndex({ papers, snapshotPath, logger: logCollector().logger });
    expect(second.source).toBe('snapshot');
    for (const query of ['diffusion quantization', 'difusion', '"linear mode connectivity"', 'schrodinger -equation']) {
      expect(topTitles(second.index, query)).toEqual(topTitles(first.index, query));
    }
  });

  it('rebuilds when the corpus changed, and the new snapshot is then used', async () => {
    const snapshotPath = join(mkdtempSync(join(tmpdir(), 'paperboy-snap-')), 'index.json');
    await loadOrBuildIndex({ papers, snapshotPath, logger: logCollector().logger });

    const edited = papers.map((p, i) => (i === 7 ? { ...p, abstract: `${p.abstract} zebrafish` } : p));
    const log = logCollector();
    const rebuilt = await loadOrBuildIndex({ papers: edited, snapshotPath, logger: log.logger });
    expect(rebuilt.source).toBe('built');
    expect(log.lines().some((l) => String(l['reason']).includes('stale'))).toBe(true);
    expect(topTitles(rebuilt.index, 'zebrafish')).toHaveLength(1);

    expect((await loadOrBuildIndex({ papers: edited, snapshotPath, logger: logCollector().logger })).source).toBe('snapshot');
    // Dropping a paper is a different corpus too.
    expect((await loadOrBuildIndex({ papers: edited.slice(1), snapshotPath, logger: logCollector().logger })).source).toBe('built');
  });

  it('rebuilds when the search settings changed', async () => {
    const snapshotPath = join(mkdtempSync(join(tmpdir(), 'paperboy-snap-')), 'index.json');
    await loadOrBuildIndex({ papers, snapshotPath, logger: logCollector().logger });
    const other: SearchSettings = { ...DEFAULT_SEARCH_SETTINGS, boost: { ...DEFAULT_SEARCH_SETTINGS.boost, title: 5 } };
    const log = logCollector();
    const result = await loadOrBuildIndex({ papers, snapshotPath, settings: other, logger: log.logger });
    expect(result.source).toBe('built');
    expect(result.index.settings.boost.title).toBe(5);
    expect(log.lines().some((l) => String(l['reason']).includes('other search settings'))).toBe(true);
  });

  it.each([
    ['truncated', (text: string) => text.slice(0, Math.floor(text.length * 0.6))],
    ['garbage', () => 'not a snapshot at all'],
    ['empty', () => ''],
    ['tampered index', (text: string) => text.replace('"documentCount":', '"documentCount":1,"x":')],
  ])('never trusts a %s snapshot: rebuilds, warns, and rewrites it', async (_name, damage) => {
    const snapshotPath = join(mkdtempSync(join(tmpdir(), 'paperboy-snap-')), 'index.json');
    await loadOrBuildIndex({ papers, snapshotPath, logger: logCollector().logger });
    writeFileSync(snapshotPath, damage(readFileSync(snapshotPath, 'utf8')));

    const log = logCollector();
    const result = await loadOrBuildIndex({ papers, snapshotPath, logger: log.logger });
    expect(result.source).toBe('built');
    expect(topTitles(result.index, 'diffusion').length).toBe(5);
    expect(log.lines().some((l) => l['level'] === 40 && typeof l['reason'] === 'string')).toBe(true);
    expect((await loadOrBuildIndex({ papers, snapshotPath, logger: logCollector().logger })).source).toBe('snapshot');
  });

  it('serves from memory and says so when the snapshot cannot be written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-snap-'));
    const blocker = join(dir, 'file');
    writeFileSync(blocker, 'x');
    const log = logCollector();
    // A path under a regular file cannot be created.
    const result = await loadOrBuildIndex({ papers, snapshotPath: join(blocker, 'index.json'), logger: log.logger });
    expect(result.source).toBe('built');
    expect(log.lines().some((l) => String(l['msg']).includes('could not save'))).toBe(true);
  });
});

describe('corpusFingerprint', () => {
  it('depends on every paper and their order', () => {
    const base = corpusFingerprint(papers);
    expect(corpusFingerprint([...papers])).toBe(base);
    expect(corpusFingerprint([...papers].reverse())).not.toBe(base);
    expect(corpusFingerprint(papers.map((p, i) => (i === 100 ? { ...p, title: `${p.title}!` } : p)))).not.toBe(base);
  });
});
