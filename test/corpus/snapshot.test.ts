/**
 * The on-disk index snapshot: used when it matches the corpus and settings, and otherwise
 * rebuilt and rewritten, whether it is stale, from other settings, truncated or garbage.
 * A current snapshot is recognised from the seed files' fingerprint, without parsing them.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_PARSER_VERSION } from '../../src/core/seeds/build-corpus.js';
import { searchPapers, serializeIndex } from '../../src/core/search/search-index.js';
import { addPapersSteps, mergeAllSteps, segmentedIndex } from '../../src/core/search/segments.js';
import { runSteps } from '../../src/core/search/work-steps.js';
import { crc32 } from 'node:zlib';
import type { Paper } from '../../src/core/paper.js';
import { DEFAULT_SEARCH_SETTINGS, type SearchSettings } from '../../src/core/search/search-settings.js';
import { defaultSeedsDir, seedCorpusSource, type CorpusSource, type KnownPages, type LoadedCorpus } from '../../src/corpus/load-seeds.js';
import { pageStampsPath } from '../../src/corpus/page-stamps-file.js';
import { createIndexBuilder } from '../../src/corpus/index-builder.js';
import { loadOrBuildIndex, saveIndexSnapshot, saveIndexSnapshotInSlices, writeSnapshotFile } from '../../src/corpus/snapshot.js';
import { createLogger } from '../../src/logger.js';
import { logSink } from '../support/log-sink.js';

function logCollector(): { logger: ReturnType<typeof createLogger>; lines: () => Record<string, unknown>[] } {
  const { stream, sink } = logSink();
  return { logger: createLogger({ level: 'info', pretty: false, destination: stream }), lines: sink.lines };
}

/** A copy of the shipped seeds in a temporary folder, so a test can edit them. */
function seedCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-seeds-'));
  cpSync(defaultSeedsDir(), dir, { recursive: true });
  return dir;
}

/**
 * The corpus opener main.ts passes to loadOrBuildIndex, for the seeds in `dir` (the shipped ones
 * by default). `now` is the clock that decides whether a page is too fresh for its stamp: the
 * copies tests make are seconds old, so tests that want stamps to vouch pass a later clock.
 */
function opener(dir?: string, now?: () => number): (known: KnownPages | undefined) => Promise<CorpusSource> {
  return (known) => seedCorpusSource(dir, { known, ...(now ? { now } : {}) });
}

const inAMinute = (): number => Date.now() + 60_000;

/** `work`'s result and how many turns the event loop took while it ran. */
async function turnsDuring<T>(work: () => Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0;
  let running = true;
  const spin = (): void => {
    turns++;
    if (running) setImmediate(spin);
  };
  setImmediate(spin);
  try {
    const value = await work();
    return { value, turns };
  } finally {
    running = false;
  }
}

/** Counts parses, so a test can tell a snapshot start (no parse) from a rebuild. */
function counting(open: (known: KnownPages | undefined) => Promise<CorpusSource>): {
  openCorpus: (known: KnownPages | undefined) => Promise<CorpusSource>;
  parses: () => number;
} {
  let parses = 0;
  return {
    openCorpus: async (known) => {
      const source = await open(known);
      return {
        pages: source.pages,
        description: source.description,
        load: (): LoadedCorpus => {
          parses++;
          return source.load();
        },
      };
    },
    parses: () => parses,
  };
}

/** A snapshot file read as latin1, split where its header says: header, JSON and array block; then the papers. */
function fileParts(text: string): { head: string; papers: string } {
  const newline = text.indexOf('\n');
  // The header line is "<crc32 hex> <JSON>".
  const header = JSON.parse(text.slice(9, newline)) as { jsonBytes: number; arraysBytes: number };
  const papersStart = newline + 1 + header.jsonBytes + 1 + header.arraysBytes;
  return { head: text.slice(0, papersStart), papers: text.slice(papersStart) };
}

const snapshotIn = (name = 'index.json'): string => join(mkdtempSync(join(tmpdir(), 'paperboy-snap-')), name);

const top = (index: Parameters<typeof searchPapers>[0], query: string): string[] => {
  const outcome = searchPapers(index, query, { limit: 5 });
  return outcome.kind === 'results' ? outcome.hits.map((h) => `${h.paper.id} ${h.score.toFixed(6)}`) : [];
};

describe('loadOrBuildIndex', () => {
  it('builds and saves on first start; the next start serves the same results from the snapshot without parsing', async () => {
    const snapshotPath = join(snapshotIn(), 'deep', 'index.json');
    const first = await loadOrBuildIndex({ openCorpus: opener(), snapshotPath, logger: logCollector().logger });
    expect(first.source).toBe('built');
    expect(first.entryCount).toBe(454);
    expect(first.index.papers).toHaveLength(402);

    const source = counting(opener());
    const second = await loadOrBuildIndex({ openCorpus: source.openCorpus, snapshotPath, logger: logCollector().logger });
    expect(second.source).toBe('snapshot');
    expect(source.parses()).toBe(0);
    expect(second.entryCount).toBe(454);
    expect(second.problems).toEqual(first.problems);
    for (const query of ['diffusion quantization', 'difusion', '"linear mode connectivity"', 'schrodinger -equation']) {
      expect(top(second.index, query)).toEqual(top(first.index, query));
    }
  });

  it('builds in the index builder\'s worker thread when given one, and saves the snapshot there for the next start', async () => {
    const snapshotPath = snapshotIn();
    const builder = createIndexBuilder();
    try {
      const progress: number[] = [];
      const log = logCollector();
      const first = await loadOrBuildIndex({ openCorpus: opener(), snapshotPath, logger: log.logger, builder, onBuildProgress: (p) => progress.push(p) });
      expect(first.source).toBe('built');
      expect(first.index.papers).toHaveLength(402);
      expect(progress[0]).toBe(0);
      expect(progress.at(-1)).toBe(1);
      expect(progress.some((p) => p > 0 && p < 1)).toBe(true);
      expect(log.lines().some((l) => l['msg'] === 'index snapshot saved')).toBe(true);
      const second = await loadOrBuildIndex({ openCorpus: opener(), snapshotPath, logger: logCollector().logger });
      expect(second.source).toBe('snapshot');
      const here = await loadOrBuildIndex({ openCorpus: opener(), snapshotPath: snapshotIn(), logger: logCollector().logger });
      for (const query of ['diffusion quantization', 'difusion', '"linear mode connectivity"', 'schrodinger -equation']) {
        expect(top(first.index, query)).toEqual(top(here.index, query));
        expect(top(second.index, query)).toEqual(top(here.index, query));
      }
    } finally {
      await builder.close();
    }
  });

  it('builds on the main thread, saying so, when the worker cannot build', async () => {
    const log = logCollector();
    const failing = { index: () => Promise.reject(new Error('the index build worker exited (code 1)')) };
    const result = await loadOrBuildIndex({ openCorpus: opener(), snapshotPath: snapshotIn(), logger: log.logger, builder: failing });
    expect(result.source).toBe('built');
    expect(result.index.papers).toHaveLength(402);
    expect(log.lines().some((l) => String(l['msg']).includes('building it on the main thread'))).toBe(true);
    expect(log.lines().some((l) => l['msg'] === 'index snapshot saved')).toBe(true);
  });

  it('rebuilds when a seed file changes, is added or is renamed, and then uses the new snapshot', async () => {
    const seeds = seedCopy();
    const snapshotPath = snapshotIn();
    await loadOrBuildIndex({ openCorpus: opener(seeds), snapshotPath, logger: logCollector().logger });

    const first = readdirSync(seeds).filter((f) => f.endsWith('.txt')).sort()[0]!;
    appendFileSync(join(seeds, first), '\nZebrafish Larvae Learn Diffusion\nWe study zebrafish larvae and diffusion models together.\n');
    const log = logCollector();
    const rebuilt = await loadOrBuildIndex({ openCorpus: opener(seeds), snapshotPath, logger: log.logger });
    expect(rebuilt.source).toBe('built');
    expect(log.lines().some((l) => String(l['reason']).includes('stale'))).toBe(true);
    expect(top(rebuilt.index, 'zebrafish').length).toBeGreaterThan(0);
    expect((await loadOrBuildIndex({ openCorpus: opener(seeds), snapshotPath, logger: logCollector().logger })).source).toBe('snapshot');

    writeFileSync(join(seeds, 'zz_new.txt'), readFileSync(join(seeds, first)));
    expect((await loadOrBuildIndex({ openCorpus: opener(seeds), snapshotPath, logger: logCollector().logger })).source).toBe('built');
  });

  it('with stamps that vouch for the pages: serves from the snapshot without a parse, and still notices an edited page', async () => {
    const seeds = seedCopy();
    const snapshotPath = snapshotIn();
    expect((await loadOrBuildIndex({ openCorpus: opener(seeds, inAMinute), snapshotPath, logger: logCollector().logger })).source).toBe('built');
    const unchanged = counting(opener(seeds, inAMinute));
    expect((await loadOrBuildIndex({ openCorpus: unchanged.openCorpus, snapshotPath, logger: logCollector().logger })).source).toBe('snapshot');
    expect(unchanged.parses()).toBe(0);

    const first = readdirSync(seeds).filter((f) => f.endsWith('.txt')).sort()[0]!;
    appendFileSync(join(seeds, first), '\nZebrafish Larvae Learn Diffusion\nWe study zebrafish larvae and diffusion models together.\n');
    const log = logCollector();
    const rebuilt = await loadOrBuildIndex({ openCorpus: opener(seeds, inAMinute), snapshotPath, logger: log.logger });
    expect(rebuilt.source).toBe('built');
    expect(log.lines().some((l) => String(l['reason']).includes('stale'))).toBe(true);
    expect(top(rebuilt.index, 'zebrafish').length).toBeGreaterThan(0);
    expect((await loadOrBuildIndex({ openCorpus: opener(seeds, inAMinute), snapshotPath, logger: logCollector().logger })).source).toBe('snapshot');
  });

  it('records the pages\' stamps beside the snapshot, and trusts them: a record naming other pages makes the snapshot stale', async () => {
    const seeds = seedCopy();
    const snapshotPath = snapshotIn();
    await loadOrBuildIndex({ openCorpus: opener(seeds, inAMinute), snapshotPath, logger: logCollector().logger });
    const record = JSON.parse(readFileSync(pageStampsPath(snapshotPath), 'utf8')) as { fingerprint: string; stamps: unknown[] };
    expect(record.fingerprint).toBe(JSON.parse(readFileSync(snapshotPath, 'latin1').slice(9, readFileSync(snapshotPath, 'latin1').indexOf('\n'))).corpus);
    expect(record.stamps).toHaveLength(5);

    writeFileSync(pageStampsPath(snapshotPath), JSON.stringify({ ...record, fingerprint: 'other-pages' }));
    const log = logCollector();
    const result = await loadOrBuildIndex({ openCorpus: opener(seeds, inAMinute), snapshotPath, logger: log.logger });
    expect(result.source).toBe('built');
    expect(log.lines().some((l) => String(l['reason']).includes('stale'))).toBe(true);
    expect(JSON.parse(readFileSync(pageStampsPath(snapshotPath), 'utf8'))).toEqual(record);
  });

  it('pages touched but not changed: served from the snapshot, and their new stamps recorded', async () => {
    const seeds = seedCopy();
    const snapshotPath = snapshotIn();
    await loadOrBuildIndex({ openCorpus: opener(seeds, inAMinute), snapshotPath, logger: logCollector().logger });
    const before = readFileSync(pageStampsPath(snapshotPath), 'utf8');
    const page = join(seeds, readdirSync(seeds).filter((f) => f.endsWith('.txt')).sort()[2]!);
    writeFileSync(page, readFileSync(page));
    const source = counting(opener(seeds, inAMinute));
    expect((await loadOrBuildIndex({ openCorpus: source.openCorpus, snapshotPath, logger: logCollector().logger })).source).toBe('snapshot');
    expect(source.parses()).toBe(0);
    const after = JSON.parse(readFileSync(pageStampsPath(snapshotPath), 'utf8')) as { stamps: unknown[] };
    expect(JSON.stringify(after)).not.toBe(before);
    expect(after.stamps).toEqual((await seedCorpusSource(seeds, { now: inAMinute })).pages.stamps);
  });

  it.each([
    ['malformed', (path: string) => writeFileSync(path, '{"format":"paperboy-page-stamps","version":1,"fingerprint":3}')],
    ['not JSON', (path: string) => writeFileSync(path, 'garbage')],
  ])('a %s stamps record is ignored (the pages are hashed) and replaced', async (_what, damage) => {
    const seeds = seedCopy();
    const snapshotPath = snapshotIn();
    await loadOrBuildIndex({ openCorpus: opener(seeds, inAMinute), snapshotPath, logger: logCollector().logger });
    const record = readFileSync(pageStampsPath(snapshotPath), 'utf8');
    damage(pageStampsPath(snapshotPath));
    expect((await loadOrBuildIndex({ openCorpus: opener(seeds, inAMinute), snapshotPath, logger: logCollector().logger })).source).toBe('snapshot');
    expect(readFileSync(pageStampsPath(snapshotPath), 'utf8')).toBe(record);
  });

  it('says so, and still serves, when the stamps cannot be recorded', async () => {
    const seeds = seedCopy();
    const snapshotPath = snapshotIn();
    // A folder where the record should go: it can be neither read nor replaced.
    mkdirSync(pageStampsPath(snapshotPath), { recursive: true });
    const log = logCollector();
    expect((await loadOrBuildIndex({ openCorpus: opener(seeds, inAMinute), snapshotPath, logger: log.logger })).source).toBe('built');
    expect(log.lines().some((l) => String(l['msg']).includes("could not record the seed pages' stamps"))).toBe(true);
    expect((await loadOrBuildIndex({ openCorpus: opener(seeds, inAMinute), snapshotPath, logger: logCollector().logger })).source).toBe('snapshot');
  });

  it('rebuilds when the search settings changed', async () => {
    const snapshotPath = snapshotIn();
    await loadOrBuildIndex({ openCorpus: opener(), snapshotPath, logger: logCollector().logger });
    const other: SearchSettings = { ...DEFAULT_SEARCH_SETTINGS, boost: { ...DEFAULT_SEARCH_SETTINGS.boost, title: 5 } };
    const log = logCollector();
    const result = await loadOrBuildIndex({ openCorpus: opener(), snapshotPath, settings: other, logger: log.logger });
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
    ['papers with a line dropped', (text: string) => {
      const { head, papers } = fileParts(text);
      return head + papers.slice(0, papers.lastIndexOf('\n', papers.length - 2) + 1);
    }],
    ['papers swapped', (text: string) => {
      const { head, papers } = fileParts(text);
      const lines = papers.split('\n');
      [lines[5], lines[6]] = [lines[6]!, lines[5]!];
      return head + lines.join('\n');
    }],
    ['header with a wrong JSON length', (text: string) => text.replace(/"jsonBytes":(\d+)/, (_m, n: string) => `"jsonBytes":${Number(n) - 1}`)],
    ['header with a wrong array block length', (text: string) => text.replace(/"arraysBytes":(\d+)/, (_m, n: string) => `"arraysBytes":${Number(n) - 8}`)],
    ['array block with postings scrambled', (text: string) => {
      const { head, papers } = fileParts(text);
      const blockEnd = head.length;
      // The last 4 KiB of the block (the word terms and the postings' tail) reversed.
      return head.slice(0, blockEnd - 4096) + [...head.slice(blockEnd - 4096)].reverse().join('') + papers;
    }],
    ['previous layout', (text: string) => text.slice(9).replace(/"version":\d+/, '"version":7')],
  ])('never trusts a %s snapshot: rebuilds, warns, and rewrites it', async (_name, damage) => {
    const snapshotPath = snapshotIn();
    await loadOrBuildIndex({ openCorpus: opener(), snapshotPath, logger: logCollector().logger });
    // As latin1: one character per byte, so what is not damaged stays byte for byte.
    writeFileSync(snapshotPath, damage(readFileSync(snapshotPath, 'latin1')), 'latin1');

    const log = logCollector();
    const result = await loadOrBuildIndex({ openCorpus: opener(), snapshotPath, logger: log.logger });
    expect(result.source).toBe('built');
    expect(top(result.index, 'diffusion').length).toBe(5);
    expect(log.lines().some((l) => l['level'] === 40 && typeof l['reason'] === 'string')).toBe(true);
    expect((await loadOrBuildIndex({ openCorpus: opener(), snapshotPath, logger: logCollector().logger })).source).toBe('snapshot');
  });

  it('fails when the corpus cannot be opened, with or without a snapshot', async () => {
    const snapshotPath = snapshotIn();
    expect((await loadOrBuildIndex({ openCorpus: opener(), snapshotPath, logger: logCollector().logger })).source).toBe('built');
    expect((await loadOrBuildIndex({ openCorpus: opener(), snapshotPath, logger: logCollector().logger })).source).toBe('snapshot');
    const missingSeeds = join(snapshotIn(), 'no-seeds');
    await expect(loadOrBuildIndex({ openCorpus: opener(missingSeeds), snapshotPath, logger: logCollector().logger })).rejects.toThrow(/the seed folder .* does not exist/);
    await expect(loadOrBuildIndex({ openCorpus: opener(missingSeeds), snapshotPath: snapshotIn(), logger: logCollector().logger })).rejects.toThrow(/the seed folder .* does not exist/);
  });

  it.each([
    ['header', (head: { lineEnd: number; jsonEnd: number; arraysEnd: number; size: number }) => Math.floor(head.lineEnd / 2), /header does not match its checksum/],
    ['index JSON', (head: { lineEnd: number; jsonEnd: number }) => Math.floor((head.lineEnd + head.jsonEnd) / 2), /index JSON does not match its checksum/],
    ['array block', (head: { jsonEnd: number; arraysEnd: number }) => Math.floor((head.jsonEnd + head.arraysEnd) / 2), /array block does not match its checksum/],
    ['papers, at 90% of the file', (head: { size: number }) => Math.floor(head.size * 0.9), /papers do not match their checksum/],
  ])('a byte flipped in the %s: rebuilt, with a log line naming the damaged section', async (_name, where, reason) => {
    const snapshotPath = snapshotIn();
    await loadOrBuildIndex({ openCorpus: opener(), snapshotPath, logger: logCollector().logger });
    const bytes = readFileSync(snapshotPath);
    const lineEnd = bytes.indexOf(10);
    const header = JSON.parse(bytes.subarray(9, lineEnd).toString('utf8')) as { jsonBytes: number; arraysBytes: number };
    const jsonEnd = lineEnd + 1 + header.jsonBytes;
    const at = where({ lineEnd, jsonEnd, arraysEnd: jsonEnd + 1 + header.arraysBytes, size: bytes.length });
    // A letter for another letter: still valid JSON, still an ASCII text, so only the checksum can tell.
    bytes[at] = bytes[at] === 0x61 ? 0x62 : bytes[at]! ^ 0x01;
    writeFileSync(snapshotPath, bytes);

    const log = logCollector();
    const result = await loadOrBuildIndex({ openCorpus: opener(), snapshotPath, logger: log.logger });
    expect(result.source).toBe('built');
    const warning = log.lines().find((l) => l['level'] === 40);
    expect(String(warning?.['reason'])).toMatch(reason);
    expect(String(warning?.['msg'])).toMatch(/rebuilding the index/);
    expect((await loadOrBuildIndex({ openCorpus: opener(), snapshotPath, logger: logCollector().logger })).source).toBe('snapshot');
  });

  it('builds in slices without a snapshot: other work runs meanwhile, and progress is reported up to 1', async () => {
    const progress: number[] = [];
    const { value: result, turns } = await turnsDuring(() => loadOrBuildIndex({ openCorpus: opener(), snapshotPath: snapshotIn(), logger: logCollector().logger, onBuildProgress: (p) => progress.push(p) }));
    expect(result.source).toBe('built');
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(1);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    // The event loop got turns while the index was built, not only before and after.
    expect(turns).toBeGreaterThan(3);
    expect(progress.length).toBeGreaterThan(3);
  });

  it('serves from memory and says so when the snapshot cannot be written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-snap-'));
    const blocker = join(dir, 'file');
    writeFileSync(blocker, 'x');
    const log = logCollector();
    // A path under a regular file cannot be created.
    const result = await loadOrBuildIndex({ openCorpus: opener(), snapshotPath: join(blocker, 'index.json'), logger: log.logger });
    expect(result.source).toBe('built');
    expect(log.lines().some((l) => String(l['msg']).includes('could not save'))).toBe(true);
  });
});

describe('saving a snapshot while serving (saveIndexSnapshotInSlices)', () => {
  it("writes the file saveIndexSnapshot and serializeIndex's parts write, with the event loop turning meanwhile, and it loads back as the index", async () => {
    const built = await loadOrBuildIndex({ openCorpus: opener(), snapshotPath: snapshotIn(), logger: logCollector().logger });
    const all = built.index.papers.all();
    const odd: Paper = { ...all[3]!, id: 'odd-\u00e9', title: 'Schrödinger 🚀 bridges – naïve Ωmega' };
    const renewed: Paper = { ...all[7]!, abstract: `${all[7]!.abstract} (revised ✓)` };
    const merged = runSteps(mergeAllSteps(runSteps(addPapersSteps(segmentedIndex(built.index), [odd, renewed])))).index;
    const facts = { fingerprint: built.fingerprint, entryCount: built.entryCount, problems: built.problems };

    const sliced = snapshotIn();
    const { turns } = await turnsDuring(() => saveIndexSnapshotInSlices(sliced, facts, merged, 0));
    expect(turns).toBeGreaterThan(20);

    const whole = snapshotIn();
    await saveIndexSnapshot(whole, facts, merged);
    const fromStrings = snapshotIn();
    await writeSnapshotFile(fromStrings, facts, merged.fingerprint, serializeIndex(merged));
    const bytes = readFileSync(sliced);
    expect(bytes.equals(readFileSync(whole))).toBe(true);
    expect(bytes.equals(readFileSync(fromStrings))).toBe(true);

    const source = counting(opener());
    const loaded = await loadOrBuildIndex({ openCorpus: source.openCorpus, snapshotPath: sliced, logger: logCollector().logger });
    expect(loaded.source).toBe('snapshot');
    expect(source.parses()).toBe(0);
    expect(loaded.index.papers.get(odd.id)).toEqual(odd);
    expect(loaded.index.papers.get(renewed.id)).toEqual(renewed);
    for (const query of ['naïve schrodinger', 'diffusion quantization', 'difusion', '"linear mode connectivity"']) expect(top(loaded.index, query)).toEqual(top(merged, query));
  });

  it('writes a part given as text as its UTF-8 bytes, even where a character spans two of the chunks it is encoded in', async () => {
    // Text is encoded 2^20 UTF-16 units at a time: a surrogate pair across that cut stays whole.
    const papers = `${'a'.repeat((1 << 20) - 1)}🚀é${'b'.repeat(10)}`;
    const json = '{"é":"🚀"}';
    const path = snapshotIn();
    await writeSnapshotFile(path, { fingerprint: 'f', entryCount: 1, problems: [] }, 'settings', { json, arrays: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), papers });
    const bytes = readFileSync(path);
    const lineEnd = bytes.indexOf(10);
    const header = JSON.parse(bytes.subarray(9, lineEnd).toString('utf8')) as { jsonBytes: number; arraysBytes: number; checksums: { json: number; arrays: number; papers: number } };
    expect(header.jsonBytes).toBe(Buffer.byteLength(json));
    expect(bytes.subarray(lineEnd + 1, lineEnd + 1 + header.jsonBytes).toString('utf8')).toBe(json);
    expect(bytes.subarray(bytes.length - Buffer.byteLength(papers)).equals(Buffer.from(papers))).toBe(true);
    expect(bytes.length).toBe(lineEnd + 1 + header.jsonBytes + 1 + 8 + Buffer.byteLength(papers));
    expect(header.checksums).toEqual({ json: crc32(json), arrays: crc32(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])), papers: crc32(papers) });
  });
});

describe('seedCorpusSource', () => {
  const names = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();

  it('fingerprints the files without parsing them, and parses the same corpus loadSeedCorpus does', async () => {
    const a = await seedCorpusSource();
    const b = await seedCorpusSource(seedCopy());
    expect(b.pages.fingerprint).toBe(a.pages.fingerprint);
    expect(a.load().corpus.papers.map((p) => p.id)).toEqual(b.load().corpus.papers.map((p) => p.id));
    const edited = seedCopy();
    const name = names(edited)[2]!;
    writeFileSync(join(edited, name), readFileSync(join(edited, name), 'utf8').replace('a', 'b'));
    expect((await seedCorpusSource(edited)).pages.fingerprint).not.toBe(a.pages.fingerprint);
  });

  it('keeps the fingerprint of the pages\' text (snapshots made before stay current)', async () => {
    const hash = createHash('sha256').update(`seed-pages parser v${CORPUS_PARSER_VERSION}\u0000`);
    for (const name of names(defaultSeedsDir())) {
      hash.update(name).update('\u0000').update(readFileSync(join(defaultSeedsDir(), name), 'utf8')).update('\u0000');
    }
    const digest = hash.digest('hex').slice(0, 32);
    expect((await seedCorpusSource()).pages.fingerprint).toBe(digest);
    expect((await seedCorpusSource()).load().pages.fingerprint).toBe(digest);
  });

  it('load() parses the pages as they are then, and names them by their own fingerprint', async () => {
    const dir = seedCopy();
    const source = await seedCorpusSource(dir);
    appendFileSync(join(dir, names(dir)[0]!), '\nZebrafish Larvae Learn Diffusion\nWe study zebrafish larvae and diffusion models together.\n');
    const loaded = source.load();
    expect(loaded.pages.fingerprint).not.toBe(source.pages.fingerprint);
    expect(loaded.pages.fingerprint).toBe((await seedCorpusSource(dir)).pages.fingerprint);
    expect(loaded.corpus.papers.some((p) => p.title === 'Zebrafish Larvae Learn Diffusion')).toBe(true);
  });

  it('takes the known fingerprint without reading a page while every stamp matches', async () => {
    const dir = seedCopy();
    const first = await seedCorpusSource(dir, { now: inAMinute });
    expect(first.pages.stamps).toHaveLength(names(dir).length);
    // A fingerprint no hash could give: only trusting the stamps returns it.
    const known = { fingerprint: 'recorded-by-an-earlier-start', stamps: first.pages.stamps };
    expect((await seedCorpusSource(dir, { known, now: inAMinute })).pages).toBe(known);
  });

  it.each([
    ['rewritten with the same bytes and its modification time set back', (dir: string, name: string) => {
      const path = join(dir, name);
      const { atime, mtime } = statSync(path);
      writeFileSync(path, readFileSync(path));
      utimesSync(path, atime, mtime);
    }],
    ['edited in place, same size', (dir: string, name: string) => {
      const path = join(dir, name);
      const text = readFileSync(path, 'latin1');
      writeFileSync(path, text.replace('a', 'e'), 'latin1');
    }],
    ['added', (dir: string) => writeFileSync(join(dir, 'zz_new.txt'), 'Extra Paper\nAn abstract.\n')],
    ['replaced by a copy', (dir: string, name: string) => {
      const copy = join(dir, 'copy.tmp');
      cpSync(join(dir, name), copy);
      renameSync(copy, join(dir, name));
    }],
  ])('reads and hashes the pages again once a page is %s', async (_what, change) => {
    const dir = seedCopy();
    const first = await seedCorpusSource(dir, { now: inAMinute });
    change(dir, names(dir)[1]!);
    const known = { fingerprint: 'recorded-by-an-earlier-start', stamps: first.pages.stamps };
    const again = await seedCorpusSource(dir, { known, now: inAMinute });
    expect(again.pages.fingerprint).toBe((await seedCorpusSource(dir)).pages.fingerprint);
    expect(again.pages.stamps).not.toEqual(first.pages.stamps);
  });

  it('keeps no stamps for pages changed too recently for a stamp to vouch for them', async () => {
    const dir = seedCopy();
    expect((await seedCorpusSource(dir)).pages.stamps).toBeNull();
    expect((await seedCorpusSource(dir)).load().pages.stamps).toBeNull();
    expect((await seedCorpusSource(dir, { now: inAMinute })).load().pages.stamps).toHaveLength(names(dir).length);
    // Without stamps, a known fingerprint is never taken on trust.
    const known = { fingerprint: 'recorded-by-an-earlier-start', stamps: null };
    expect((await seedCorpusSource(dir, { known })).pages.fingerprint).not.toBe(known.fingerprint);
  });

  it('says which page it cannot read', async () => {
    const dir = seedCopy();
    const name = names(dir)[0]!;
    rmSync(join(dir, name));
    mkdirSync(join(dir, name));
    await expect(seedCorpusSource(dir)).rejects.toThrow(/seed page/);
  });
});
