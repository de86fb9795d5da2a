/**
 * The on-disk index snapshot: used when it matches the corpus and settings, and otherwise
 * rebuilt and rewritten, whether it is stale, from other settings, truncated or garbage.
 * A current snapshot is recognised from the seed files' fingerprint, without parsing them.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, appendFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_PARSER_VERSION, type Corpus } from '../../src/core/seeds/build-corpus.js';
import { searchPapers } from '../../src/core/search/search-index.js';
import { DEFAULT_SEARCH_SETTINGS, type SearchSettings } from '../../src/core/search/search-settings.js';
import { DEFAULT_SEEDS_DIR, seedCorpusSource, type CorpusSource } from '../../src/corpus/load-seeds.js';
import { loadOrBuildIndex } from '../../src/corpus/snapshot.js';
import { createLogger } from '../../src/logger.js';
import { logSink } from '../support/log-sink.js';

function logCollector(): { logger: ReturnType<typeof createLogger>; lines: () => Record<string, unknown>[] } {
  const { stream, sink } = logSink();
  return { logger: createLogger({ level: 'info', pretty: false, destination: stream }), lines: sink.lines };
}

/** A copy of the shipped seeds in a temporary folder, so a test can edit them. */
function seedCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-seeds-'));
  cpSync(DEFAULT_SEEDS_DIR, dir, { recursive: true });
  return dir;
}

/** Counts parses, so a test can tell a snapshot start (no parse) from a rebuild. */
function counting(source: CorpusSource): CorpusSource & { parses: () => number } {
  let parses = 0;
  return {
    fingerprint: source.fingerprint,
    description: source.description,
    load: (): Corpus => {
      parses++;
      return source.load();
    },
    parses: () => parses,
  };
}

const snapshotIn = (name = 'index.json'): string => join(mkdtempSync(join(tmpdir(), 'paperboy-snap-')), name);

const top = (index: Parameters<typeof searchPapers>[0], query: string): string[] => {
  const outcome = searchPapers(index, query, { limit: 5 });
  return outcome.kind === 'results' ? outcome.hits.map((h) => `${h.paper.id} ${h.score.toFixed(6)}`) : [];
};

describe('loadOrBuildIndex', () => {
  it('builds and saves on first start; the next start serves the same results from the snapshot without parsing', async () => {
    const snapshotPath = join(snapshotIn(), 'deep', 'index.json');
    const first = await loadOrBuildIndex({ corpus: await seedCorpusSource(), snapshotPath, logger: logCollector().logger });
    expect(first.source).toBe('built');
    expect(first.entryCount).toBe(454);
    expect(first.index.papers).toHaveLength(402);

    const source = counting(await seedCorpusSource());
    const second = await loadOrBuildIndex({ corpus: source, snapshotPath, logger: logCollector().logger });
    expect(second.source).toBe('snapshot');
    expect(source.parses()).toBe(0);
    expect(second.entryCount).toBe(454);
    expect(second.problems).toEqual(first.problems);
    for (const query of ['diffusion quantization', 'difusion', '"linear mode connectivity"', 'schrodinger -equation']) {
      expect(top(second.index, query)).toEqual(top(first.index, query));
    }
  });

  it('rebuilds when a seed file changes, is added or is renamed, and then uses the new snapshot', async () => {
    const seeds = seedCopy();
    const snapshotPath = snapshotIn();
    await loadOrBuildIndex({ corpus: await seedCorpusSource(seeds), snapshotPath, logger: logCollector().logger });

    const first = readdirSync(seeds).filter((f) => f.endsWith('.txt')).sort()[0]!;
    appendFileSync(join(seeds, first), '\nZebrafish Larvae Learn Diffusion\nWe study zebrafish larvae and diffusion models together.\n');
    const log = logCollector();
    const rebuilt = await loadOrBuildIndex({ corpus: await seedCorpusSource(seeds), snapshotPath, logger: log.logger });
    expect(rebuilt.source).toBe('built');
    expect(log.lines().some((l) => String(l['reason']).includes('stale'))).toBe(true);
    expect(top(rebuilt.index, 'zebrafish').length).toBeGreaterThan(0);
    expect((await loadOrBuildIndex({ corpus: await seedCorpusSource(seeds), snapshotPath, logger: logCollector().logger })).source).toBe('snapshot');

    writeFileSync(join(seeds, 'zz_new.txt'), readFileSync(join(seeds, first)));
    expect((await loadOrBuildIndex({ corpus: await seedCorpusSource(seeds), snapshotPath, logger: logCollector().logger })).source).toBe('built');
  });

  it('rebuilds when the search settings changed', async () => {
    const snapshotPath = snapshotIn();
    await loadOrBuildIndex({ corpus: await seedCorpusSource(), snapshotPath, logger: logCollector().logger });
    const other: SearchSettings = { ...DEFAULT_SEARCH_SETTINGS, boost: { ...DEFAULT_SEARCH_SETTINGS.boost, title: 5 } };
    const log = logCollector();
    const result = await loadOrBuildIndex({ corpus: await seedCorpusSource(), snapshotPath, settings: other, logger: log.logger });
    expect(result.source).toBe('built');
    expect(result.index.settings.boost.title).toBe(5);
    expect(log.lines().some((l) => String(l['reason']).includes('other search settings'))).toBe(true);
  });

  it.each([
    ['truncated', (text: string) => text.slice(0, Math.floor(text.length * 0.6))],
    ['garbage', () => 'not a snapshot at all'],
    ['empty', () => ''],
    ['header-only', (text: string) => text.slice(0, text.indexOf('\n') + 1)],
    ['tampered index', (text: string) => text.replace('"documentCount":', '"documentCount":1,"x":')],
    ['papers cut short', (text: string) => text.slice(0, text.length - 200)],
    ['papers with a line dropped', (text: string) => text.slice(0, text.lastIndexOf('\n', text.length - 2) + 1)],
    ['papers swapped', (text: string) => {
      const lines = text.split('\n');
      [lines[5], lines[6]] = [lines[6]!, lines[5]!];
      return lines.join('\n');
    }],
    ['header with a wrong index length', (text: string) => text.replace(/"indexBytes":(\d+)/, (_m, n: string) => `"indexBytes":${Number(n) - 1}`)],
    ['previous layout', (text: string) => text.replace('"version":3', '"version":2')],
  ])('never trusts a %s snapshot: rebuilds, warns, and rewrites it', async (_name, damage) => {
    const snapshotPath = snapshotIn();
    await loadOrBuildIndex({ corpus: await seedCorpusSource(), snapshotPath, logger: logCollector().logger });
    writeFileSync(snapshotPath, damage(readFileSync(snapshotPath, 'utf8')));

    const log = logCollector();
    const result = await loadOrBuildIndex({ corpus: await seedCorpusSource(), snapshotPath, logger: log.logger });
    expect(result.source).toBe('built');
    expect(top(result.index, 'diffusion').length).toBe(5);
    expect(log.lines().some((l) => l['level'] === 40 && typeof l['reason'] === 'string')).toBe(true);
    expect((await loadOrBuildIndex({ corpus: await seedCorpusSource(), snapshotPath, logger: logCollector().logger })).source).toBe('snapshot');
  });

  it('takes the corpus still in flight (pages hashed while the snapshot is read), and fails when it fails', async () => {
    const snapshotPath = snapshotIn();
    expect((await loadOrBuildIndex({ corpus: seedCorpusSource(), snapshotPath, logger: logCollector().logger })).source).toBe('built');
    expect((await loadOrBuildIndex({ corpus: seedCorpusSource(), snapshotPath, logger: logCollector().logger })).source).toBe('snapshot');
    const missingSeeds = join(snapshotIn(), 'no-seeds');
    await expect(loadOrBuildIndex({ corpus: seedCorpusSource(missingSeeds), snapshotPath, logger: logCollector().logger })).rejects.toThrow(/cannot read the seed folder/);
    await expect(loadOrBuildIndex({ corpus: seedCorpusSource(missingSeeds), snapshotPath: snapshotIn(), logger: logCollector().logger })).rejects.toThrow(/cannot read the seed folder/);
  });

  it('serves from memory and says so when the snapshot cannot be written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-snap-'));
    const blocker = join(dir, 'file');
    writeFileSync(blocker, 'x');
    const log = logCollector();
    // A path under a regular file cannot be created.
    const result = await loadOrBuildIndex({ corpus: await seedCorpusSource(), snapshotPath: join(blocker, 'index.json'), logger: log.logger });
    expect(result.source).toBe('built');
    expect(log.lines().some((l) => String(l['msg']).includes('could not save'))).toBe(true);
  });
});

describe('seedCorpusSource', () => {
  it('fingerprints the files without parsing them, and parses the same corpus loadSeedCorpus does', async () => {
    const a = await seedCorpusSource();
    const b = await seedCorpusSource(seedCopy());
    expect(b.fingerprint).toBe(a.fingerprint);
    expect(a.load().papers.map((p) => p.id)).toEqual(b.load().papers.map((p) => p.id));
    const edited = seedCopy();
    const name = readdirSync(edited).filter((f) => f.endsWith('.txt'))[2]!;
    writeFileSync(join(edited, name), readFileSync(join(edited, name), 'utf8').replace('a', 'b'));
    expect((await seedCorpusSource(edited)).fingerprint).not.toBe(a.fingerprint);
  });

  it('keeps the fingerprint of the pages\' text (snapshots made before stay current)', async () => {
    const hash = createHash('sha256').update(`seed-pages parser v${CORPUS_PARSER_VERSION}\u0000`);
    for (const name of readdirSync(DEFAULT_SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort()) {
      hash.update(name).update('\u0000').update(readFileSync(join(DEFAULT_SEEDS_DIR, name), 'utf8')).update('\u0000');
    }
    expect((await seedCorpusSource()).fingerprint).toBe(hash.digest('hex').slice(0, 32));
  });

  it('does not parse pages other than the fingerprinted ones: load() fails when they changed since', async () => {
    const dir = seedCopy();
    const source = await seedCorpusSource(dir);
    const name = readdirSync(dir).filter((f) => f.endsWith('.txt'))[0]!;
    appendFileSync(join(dir, name), '\n');
    expect(() => source.load()).toThrow(/^paperboy: the seed pages in .* changed while paperboy was starting/);
  });
});
