/**
 * Start-up from an index snapshot, in a fresh process, through the bot's own code path:
 *   node --expose-gc bench/.cache/speed/startup.mjs --mode MODE --pages DIR --snapshot FILE --query TEXT --out FILE
 * (run.ts bundles this file there first, with bin/build.js, as `npm start` bundles the bot).
 *
 * Modes:
 * - prepare:   loadOrBuildIndex over the pages, which builds and saves the snapshot when it is
 *              missing or stale (e.g. the search settings changed). Also warms the page cache.
 * - run:       what main.ts does before it can answer: loadOrBuildIndex({ openCorpus:
 *              seedCorpusSource(pages, { known }), snapshotPath, logger }) (the pages checked
 *              against the stamps recorded beside the snapshot, read and hashed only when one
 *              changed), then one searchPapers. Prints "ANSWERED" on stdout the moment the first
 *              query is answered (the parent times spawn → that line), and reports its own
 *              timings from the process's time origin.
 * - breakdown: the same steps, taken apart with the functions loadOrBuildIndex calls (the
 *              header read, seedCorpusSource, the snapshot's parts read, loadSearchIndex), one
 *              after the other, each timed; then every paper parsed, for the heap after.
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
  const stampsModule = await import('../../src/corpus/page-stamps-file.js');
  const search = await import('../../src/core/search/search-index.js');
  const { pino } = await import('pino');
  const logger = pino({ level: 'warn' }, pino.destination(2));
  mark('imported');

  if (mode === 'breakdown') {
    const { openSync, fstatSync, readSync, closeSync } = await import('node:fs');
    const zlib = await import('node:zlib');
    // As snapshot.ts reads it: the header line, then the seed pages checked against the stamps
    // recorded beside the snapshot, then the index JSON, the array block and the papers each
    // into a buffer of its own (sequential here, to time each step).
    const fd = openSync(snapshotPath, 'r');
    const size = fstatSync(fd).size;
    const readAt = (position: number, length: number): Buffer => {
      const buffer = Buffer.allocUnsafeSlow(length);
      for (let done = 0; done < length; ) {
        const n = readSync(fd, buffer, done, length - done, position + done);
        if (n === 0) throw new Error('startup breakdown: the snapshot is truncated');
        done += n;
      }
      return buffer;
    };
    const head = readAt(0, Math.min(size, 1 << 22));
    const newline = head.indexOf(10);
    // The header line is "<crc32 hex> <JSON>" (snapshot.ts).
    const header = JSON.parse(head.subarray(9, newline).toString('utf8')) as { corpus: string; jsonBytes: number; arraysBytes: number; checksums: Record<string, number> };
    mark('headerChecked');
    const known = await stampsModule.readPageStamps(stampsModule.pageStampsPath(snapshotPath));
    const source = await seedCorpusSource(pages, { known });
    if (header.corpus !== source.pages.fingerprint) throw new Error('startup breakdown: the snapshot is not of these pages');
    mark('fingerprinted');
    // In a function of its own, so the parts it reads are garbage once loaded, as in the bot.
    const loadParts = (): import('../../src/core/search/search-index.js').SearchIndex => {
      const json = readAt(newline + 1, header.jsonBytes);
      const arraysStart = newline + 1 + header.jsonBytes + 1;
      const arrays = readAt(arraysStart, header.arraysBytes);
      const papersStart = arraysStart + header.arraysBytes;
      const papersPart = readAt(papersStart, size - papersStart);
      closeSync(fd);
      mark('snapshotRead');
      const { crc32 } = zlib;
      if (crc32(json) !== header.checksums.json || crc32(arrays) !== header.checksums.arrays || crc32(papersPart) !== header.checksums.papers) {
        throw new Error('startup breakdown: the snapshot does not match its checksums');
      }
      mark('checksummed');
      return search.loadSearchIndex({ json, arrays, papers: papersPart });
    };
    const index = loadParts();
    mark('indexLoaded');
    search.searchPapers(index, query, { limit: 5 });
    mark('answered');
    const heap = heapMB();
    // What the bot holds once the store has taken every paper (they are all parsed by then, and
    // the papers' bytes dropped).
    search.allPapers(index);
    mark('allPapersParsed');
    const heapAllPapers = heapMB();
    writeFileSync(
      out,
      JSON.stringify({ mode, marks, snapshotBytes: size, heapServingMB: heap, heapAllPapersMB: heapAllPapers, papers: search.paperCount(index) }),
    );
    return;
  }

  // As main.ts does.
  const { index, source } = await snapshotModule.loadOrBuildIndex({ openCorpus: (known) => seedCorpusSource(pages, { known }), snapshotPath, logger });
  mark('indexReady');
  const outcome = search.searchPapers(index, query, { limit: 5 });
  mark('answered');
  process.stdout.write('ANSWERED\n');
  const heap = heapMB();
  writeFileSync(
    out,
    JSON.stringify({ mode, source, marks, heapServingMB: heap, papers: search.paperCount(index), firstAnswerHits: outcome.kind === 'results' ? outcome.hits.length : 0 }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
