/**
 * Start-up from an index snapshot, in a fresh process, through the bot's own code path:
 *   node --expose-gc --import tsx bench/speed/startup.ts --mode MODE --pages DIR --snapshot FILE --query TEXT --out FILE
 *
 * Modes:
 * - prepare:   loadSeedCorpus(pages) + loadOrBuildIndex, which builds and saves the snapshot when
 *              it is missing or stale (e.g. the search settings changed). Also warms the page cache.
 * - run:       what main.ts does before it can answer: loadSeedCorpus(seedsDir), then
 *              loadOrBuildIndex({ papers, snapshotPath, logger }), then one searchPapers. Prints
 *              "ANSWERED" on stdout the moment the first query is answered (the parent times
 *              spawn → that line), and reports its own timings from the process's time origin.
 * - breakdown: the same steps, taken apart with the functions loadOrBuildIndex calls
 *              (corpusFingerprint, readFile, the header parse, loadSearchIndex), each timed.
 *
 * Imports are dynamic so their cost shows as its own phase.
 */
import { writeFileSync } from 'node:fs';

const scriptStartedAt = performance.now();

function flag(name: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? process.argv[i + 1] : undefined;
  if (value === undefined) throw new Error(`startup: --${name} is required`);
  return value;
}

function heapMB(): number | null {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return null;
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1048576;
}

async function main(): Promise<void> {
  const mode = flag('mode');
  const pages = flag('pages');
  const snapshotPath = flag('snapshot');
  const query = flag('query');
  const out = flag('out');
  const marks: Record<string, number> = { scriptStarted: scriptStartedAt };
  const mark = (name: string): void => {
    marks[name] = performance.now();
  };

  const { loadSeedCorpus } = await import('../../src/corpus/load-seeds.js');
  const snapshotModule = await import('../../src/corpus/snapshot.js');
  const search = await import('../../src/core/search/search-index.js');
  const { pino } = await import('pino');
  const logger = pino({ level: 'warn' }, pino.destination(2));
  mark('imported');

  if (mode === 'breakdown') {
    const { readFile } = await import('node:fs/promises');
    const corpus = await loadSeedCorpus(pages);
    mark('corpusParsed');
    snapshotModule.corpusFingerprint(corpus.papers);
    mark('fingerprinted');
    const text = await readFile(snapshotPath, 'utf8');
    mark('snapshotRead');
    const newline = text.indexOf('\n');
    JSON.parse(text.slice(0, newline));
    const body = text.slice(newline + 1);
    mark('headerChecked');
    const index = search.loadSearchIndex(body);
    mark('indexLoaded');
    search.searchPapers(index, query, { limit: 5 });
    mark('answered');
    const heap = heapMB();
    writeFileSync(out, JSON.stringify({ mode, marks, snapshotBytes: Buffer.byteLength(text), heapServingMB: heap, papers: corpus.papers.length }));
    return;
  }

  const corpus = await loadSeedCorpus(pages);
  mark('corpusParsed');
  const { index, source } = await snapshotModule.loadOrBuildIndex({ papers: corpus.papers, snapshotPath, logger });
  mark('indexReady');
  const outcome = search.searchPapers(index, query, { limit: 5 });
  mark('answered');
  process.stdout.write('ANSWERED\n');
  // The bot keeps both: corpus.papers (upserted into the store) and the index (its own papers).
  const heap = heapMB();
  writeFileSync(
    out,
    JSON.stringify({ mode, source, marks, heapServingMB: heap, papers: corpus.papers.length, firstAnswerHits: outcome.kind === 'results' ? outcome.hits.length : 0 }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
