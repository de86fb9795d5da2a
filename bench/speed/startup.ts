/**
 * Start-up from an index snapshot, in a fresh process, through the bot's own code path:
 *   node --expose-gc --import tsx bench/speed/startup.ts --mode MODE --pages DIR --snapshot FILE --query TEXT --out FILE
 *
 * Modes:
 * - prepare:   seedCorpusSource(pages) + loadOrBuildIndex, which builds and saves the snapshot when
 *              it is missing or stale (e.g. the search settings changed). Also warms the page cache.
 * - run:       what main.ts does before it can answer: seedCorpusSource(seedsDir) (read and
 *              hash the pages), then loadOrBuildIndex({ corpus, snapshotPath, logger }), then one
 *              searchPapers. Prints
 *              "ANSWERED" on stdout the moment the first query is answered (the parent times
 *              spawn → that line), and reports its own timings from the process's time origin.
 * - breakdown: the same steps, taken apart with the functions loadOrBuildIndex calls
 *              (seedCorpusSource, readFile, the header check, loadSearchIndex), each timed.
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
  // Typed arrays keep their bytes outside the V8 heap: count them, or an index made of typed
  // arrays would look smaller than it is.
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 1048576;
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

  const { seedCorpusSource } = await import('../../src/corpus/load-seeds.js');
  const snapshotModule = await import('../../src/corpus/snapshot.js');
  const search = await import('../../src/core/search/search-index.js');
  const { bufferBase64 } = await import('../../src/corpus/buffer-codec.js');
  const { pino } = await import('pino');
  const logger = pino({ level: 'warn' }, pino.destination(2));
  mark('imported');

  if (mode === 'breakdown') {
    const { readFile } = await import('node:fs/promises');
    const source = await seedCorpusSource(pages);
    mark('fingerprinted');
    const bytes = await readFile(snapshotPath);
    mark('snapshotRead');
    const newline = bytes.indexOf(10);
    const header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as { corpus: string };
    if (header.corpus !== source.fingerprint) throw new Error('startup breakdown: the snapshot is not of these pages');
    const body = bytes.subarray(newline + 1).toString('utf8');
    mark('headerChecked');
    const index = search.loadSearchIndex(body, undefined, bufferBase64);
    mark('indexLoaded');
    search.searchPapers(index, query, { limit: 5 });
    mark('answered');
    const heap = heapMB();
    writeFileSync(out, JSON.stringify({ mode, marks, snapshotBytes: bytes.length, heapServingMB: heap, papers: index.papers.length }));
    return;
  }

  const corpus = await seedCorpusSource(pages);
  mark('fingerprinted');
  const { index, source } = await snapshotModule.loadOrBuildIndex({ corpus, snapshotPath, logger });
  mark('indexReady');
  const outcome = search.searchPapers(index, query, { limit: 5 });
  mark('answered');
  process.stdout.write('ANSWERED\n');
  const heap = heapMB();
  writeFileSync(
    out,
    JSON.stringify({ mode, source, marks, heapServingMB: heap, papers: index.papers.length, firstAnswerHits: outcome.kind === 'results' ? outcome.hits.length : 0 }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
