/**
 * The search index snapshot on disk: start-up loads it instead of parsing the corpus and
 * building the index, and rebuilds (then saves) whenever the snapshot is missing, corrupt, or
 * made from another corpus or with other search settings. A snapshot is a cache: it is never
 * trusted over the corpus.
 *
 * File layout: one JSON header line, then the index's three parts as serializeIndex makes them:
 * the index JSON and a newline, the typed arrays' raw bytes, then the papers (one JSON line
 * each). The header names the corpus by its source fingerprint (see seedCorpusSource, and
 * page-stamps-file.ts for how it is known without reading the pages), so a current snapshot is
 * recognised without parsing the corpus; it carries
 * the parse problems so they are reported on every start, not only the one that parsed; and it
 * gives the lengths of the JSON and of the arrays, so each part is read into a buffer of its
 * own, in parallel: the arrays are then used where they lie (aligned, as a buffer of their own
 * is), and the papers stay as bytes for the life of the bot (paper-list.ts) without keeping
 * the rest of the file.
 *
 * Every section is checksummed (CRC-32, zlib's, native in Node): the header line starts with the
 * checksum of its own JSON, and the header holds those of the index JSON, the array block and
 * the papers. A load checks each part as soon as it is read, while the others are still being
 * read (~80 ms for 260 MB); a damaged byte anywhere means a rebuild, logged with the section.
 * Without this, 64 bytes overwritten inside an abstract loaded as valid and were served.
 */
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';
import type { Logger } from 'pino';
import type { ParseProblem } from '../core/paper.js';
import {
  buildSearchIndexSteps,
  loadSearchIndex,
  serializeIndexChunksSteps,
  snapshotStamp,
  SnapshotError,
  stampProblem,
  type SearchIndex,
  type SerializedBytes,
  type SerializedChunks,
  type SerializedIndex,
  type SnapshotStamp,
} from '../core/search/search-index.js';
import { DEFAULT_SEARCH_SETTINGS, type SearchSettings } from '../core/search/search-settings.js';
import type { CorpusSource, KnownPages } from './load-seeds.js';
import { pageStampsPath, readPageStamps, samePages, writePageStamps } from './page-stamps-file.js';
import { BuilderClosedError, type IndexBuilder } from './index-builder.js';
import { runSteps } from '../core/search/work-steps.js';
import { runInSlices } from './run-in-slices.js';


/** What a snapshot says about the corpus it was built from. */
export interface CorpusFacts {
  readonly fingerprint: string;
  readonly entryCount: number;
  readonly problems: readonly ParseProblem[];
}

/**
 * The header leads with the index's stamp (format, version, settings fingerprint: the same one
 * the index JSON carries, checked by the same stampProblem), so a snapshot of another version
 * or other settings is refused before its body is read.
 */
interface SnapshotHeader extends SnapshotStamp {
  readonly corpus: string;
  readonly entryCount: number;
  readonly problems: readonly ParseProblem[];
  /** Bytes of the index JSON after the header, its newline excluded. */
  readonly jsonBytes: number;
  /** Bytes of the typed arrays after the JSON's newline; the papers take the rest of the file. */
  readonly arraysBytes: number;
  /** CRC-32 of each section: the index JSON (its newline excluded), the array block, the papers. */
  readonly checksums: Readonly<Record<Section, number>>;
}

type Section = 'json' | 'arrays' | 'papers';

const SECTION_NAMES: Readonly<Record<Section, string>> = { json: 'the index JSON', arrays: 'the array block', papers: 'the papers' };

/** The header line's text: its checksum (8 hex digits), a space, its JSON. */
function headerLine(json: string): string {
  return `${crc32(json).toString(16).padStart(8, '0')} ${json}`;
}

export type SnapshotSource = 'snapshot' | 'built';

export interface LoadOrBuildOptions {
  /**
   * Opens the corpus, given what the last start recorded of its pages (page-stamps-file.ts;
   * nothing when there is no usable record). When it has to hash the pages, that goes on while
   * the snapshot is read.
   */
  readonly openCorpus: (known: KnownPages | undefined) => Promise<CorpusSource>;
  readonly snapshotPath: string;
  readonly logger: Logger;
  readonly settings?: SearchSettings;
  /**
   * Told when the index has to be built (no usable snapshot), then how far the build is (0..1).
   * The build runs in slices, so the bot can serve meanwhile.
   */
  readonly onBuildProgress?: (progress: number) => void;
  /**
   * Awaited before the corpus is parsed for a build (no usable snapshot): the bot starts
   * listening first, so a cold start answers "warming up" instead of ~1 min of silence.
   */
  readonly beforeBuild?: () => Promise<void>;
  /**
   * Builds the index in a worker thread and saves the snapshot there (index-builder.ts), so the
   * build holds up no request; without one, or when it fails (logged), the index is built here in
   * slices.
   */
  readonly builder?: Pick<IndexBuilder, 'index'>;
}

export interface LoadedIndex {
  readonly index: SearchIndex;
  readonly source: SnapshotSource;
  /** The fingerprint of the corpus it holds (what a snapshot of it is known by). */
  readonly fingerprint: string;
  /** Entries on the seed pages before duplicates merged. */
  readonly entryCount: number;
  /** What the parser could not take as it stands (file and line), from this parse or the snapshot's. */
  readonly problems: readonly ParseProblem[];
}

/**
 * The index for this corpus: from the snapshot when it matches the corpus and the settings,
 * otherwise parsed, built and saved for next time. A snapshot that cannot be written is
 * logged, not fatal: the bot serves from memory either way.
 */
export async function loadOrBuildIndex(options: LoadOrBuildOptions): Promise<LoadedIndex> {
  const { snapshotPath, logger } = options;
  const settings = options.settings ?? DEFAULT_SEARCH_SETTINGS;
  const stampsPath = pageStampsPath(snapshotPath);
  const known = await readPageStamps(stampsPath);
  /** Keeps the pages' stamps for the next start, when they vouch for the pages and are news. */
  const recordPages = async (pages: KnownPages): Promise<void> => {
    if (pages.stamps === null) return;
    const record = { fingerprint: pages.fingerprint, stamps: pages.stamps };
    if (samePages(known, record)) return;
    try {
      await writePageStamps(stampsPath, record);
    } catch (error) {
      logger.warn({ path: stampsPath, err: error }, "could not record the seed pages' stamps; the next start reads and hashes the pages again");
    }
  };

  const corpusOpened = options.openCorpus(known);
  const loaded = await readIndexSnapshot(
    snapshotPath,
    corpusOpened.then((c) => c.pages.fingerprint),
    settings,
  );
  const corpus = await corpusOpened;
  if (loaded.ok) {
    await recordPages(corpus.pages);
    return { index: loaded.index, source: 'snapshot', fingerprint: loaded.header.corpus, entryCount: loaded.header.entryCount, problems: loaded.header.problems };
  }
  if (loaded.reason !== 'missing') {
    logger.warn({ snapshotPath, reason: loaded.reason }, 'index snapshot not usable; rebuilding the index from the corpus');
  }

  options.onBuildProgress?.(0);
  await options.beforeBuild?.();
  // Parsed a page at a time in slices too, when the source can (the seed folder can).
  const { corpus: parsed, pages } = corpus.loadSteps ? await runInSlices(corpus.loadSteps()) : corpus.load();
  const facts: CorpusFacts = { fingerprint: pages.fingerprint, entryCount: parsed.entryCount, problems: parsed.problems };
  const saved = async (): Promise<void> => {
    logger.info({ snapshotPath, papers: parsed.papers.length }, 'index snapshot saved');
    // After the snapshot: stamps recorded first would make a crash in between cost a hash, no more.
    await recordPages(pages);
  };
  const notSaved = (error: unknown): void => logger.warn({ snapshotPath, err: error }, 'could not save the index snapshot; the next start will rebuild the index');
  if (options.builder) {
    try {
      const built = await options.builder.index(parsed.papers, settings, { ...(options.onBuildProgress ? { onProgress: options.onBuildProgress } : {}), snapshot: { path: snapshotPath, corpus: facts } });
      options.onBuildProgress?.(1);
      if (built.snapshotError === null) await saved();
      else notSaved(new Error(built.snapshotError));
      return { index: built.index, source: 'built', fingerprint: pages.fingerprint, entryCount: parsed.entryCount, problems: parsed.problems };
    } catch (error) {
      // Closed: the bot is stopping, and builds nothing more.
      if (error instanceof BuilderClosedError) throw error;
      logger.warn({ err: error }, 'could not build the index in the worker thread; building it on the main thread');
    }
  }
  const index = await runInSlices(buildSearchIndexSteps(parsed.papers, settings), { onProgress: options.onBuildProgress });
  options.onBuildProgress?.(1);
  try {
    await saveIndexSnapshot(snapshotPath, facts, index);
    await saved();
  } catch (error) {
    notSaved(error);
  }
  return { index, source: 'built', fingerprint: pages.fingerprint, entryCount: parsed.entryCount, problems: parsed.problems };
}

type ReadResult = { ok: true; index: SearchIndex; header: SnapshotHeader } | { ok: false; reason: string };

/** Exactly `length` bytes at `position`, in a buffer of their own; null when the file is shorter. */
async function readRange(handle: FileHandle, position: number, length: number): Promise<Uint8Array | null> {
  // One large read per part (not readFile's 512 KiB chunks, one event-loop turn each): the parts
  // are read side by side in the thread pool, while the main thread checks (or hashes) the pages.
  const buffer = Buffer.allocUnsafeSlow(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) return null;
    done += bytesRead;
  }
  return buffer;
}

/** The header line's text and where the body starts, or null when there is no header line. */
async function readHeaderLine(handle: FileHandle, size: number): Promise<{ text: string; bodyStart: number } | null> {
  // Headers are small (unless the corpus has many parse problems): grow the read until the newline.
  for (let length = Math.min(size, 65536); ; length = Math.min(size, length * 4)) {
    const bytes = await readRange(handle, 0, length);
    if (bytes === null) return null;
    const newline = bytes.indexOf(10);
    if (newline >= 0) return { text: Buffer.from(bytes.buffer, bytes.byteOffset, newline).toString('utf8'), bodyStart: newline + 1 };
    if (length === size) return null;
  }
}

/**
 * The snapshot at `path` if it was built from this corpus with these settings, else why not.
 * The header is checked before anything else is decoded; the corpus fingerprint may still be
 * on its way (it is awaited only once the body is being read).
 */
async function readIndexSnapshot(path: string, corpusFingerprint: string | Promise<string>, settings: SearchSettings): Promise<ReadResult> {
  const corpusKnown = Promise.resolve(corpusFingerprint);
  // Awaited below, but maybe only after it failed (the file reads come first): a rejection is
  // not "unhandled" meanwhile. Every way out awaits it, so its error still reaches the caller.
  corpusKnown.catch(() => undefined);
  const refuse = async (reason: string): Promise<ReadResult> => {
    await corpusKnown;
    return { ok: false, reason };
  };
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return refuse(code === 'ENOENT' ? 'missing' : `cannot read it (${code ?? (error as Error).message})`);
  }
  try {
    const opened = await readOpenHeader(handle, settings);
    if (!opened.ok) return await refuse(opened.reason);
    return await readOpenBody(handle, opened, corpusKnown, settings);
  } finally {
    await handle.close();
  }
}

interface OpenedSnapshot {
  readonly ok: true;
  readonly header: SnapshotHeader;
  readonly bodyStart: number;
  readonly size: number;
}

async function readOpenHeader(handle: FileHandle, settings: SearchSettings): Promise<OpenedSnapshot | { ok: false; reason: string }> {
  let size: number;
  try {
    size = (await handle.stat()).size;
  } catch (error) {
    return { ok: false, reason: `cannot read it (${(error as Error).message})` };
  }
  const line = await readHeaderLine(handle, size);
  if (line === null) return { ok: false, reason: 'corrupt (no header line)' };
  const check = /^([0-9a-f]{8}) /.exec(line.text);
  if (check === null) return { ok: false, reason: 'not a paperboy index snapshot of this layout (no header checksum)' };
  const headerJson = line.text.slice(9);
  if (crc32(headerJson) !== Number.parseInt(check[1]!, 16)) return { ok: false, reason: 'damaged (the header does not match its checksum)' };
  let header: Partial<SnapshotHeader>;
  try {
    header = JSON.parse(headerJson) as Partial<SnapshotHeader>;
  } catch {
    return { ok: false, reason: 'corrupt (header is not JSON)' };
  }
  const refused = headerProblem(header, settings);
  if (refused !== null) return { ok: false, reason: refused };
  return { ok: true, header: header as SnapshotHeader, bodyStart: line.bodyStart, size };
}

async function readOpenBody(handle: FileHandle, opened: OpenedSnapshot, corpusKnown: Promise<string>, settings: SearchSettings): Promise<ReadResult> {
  const { header, bodyStart, size } = opened;
  const { jsonBytes, arraysBytes } = header;
  const arraysStart = bodyStart + jsonBytes + 1;
  const papersStart = arraysStart + arraysBytes;
  if (papersStart > size) return { ok: false, reason: 'corrupt (truncated)' };
  // Each part checked as soon as it is read, on the main thread while the others are read.
  const checked = (section: Section, read: Promise<Uint8Array | null>, length: number): Promise<{ bytes: Uint8Array | null; damaged: boolean }> =>
    read.then((bytes) => ({ bytes, damaged: bytes !== null && crc32(bytes.subarray(0, length)) !== header.checksums[section] }));
  const [json, arrays, papers, corpus] = await Promise.all([
    // The JSON with its newline, so a wrong jsonBytes is caught.
    checked('json', readRange(handle, bodyStart, jsonBytes + 1), jsonBytes),
    checked('arrays', readRange(handle, arraysStart, arraysBytes), arraysBytes),
    checked('papers', readRange(handle, papersStart, size - papersStart), size - papersStart),
    corpusKnown,
  ]);
  if (header.corpus !== corpus) return { ok: false, reason: 'built from another corpus (stale)' };
  if (json.bytes === null || arrays.bytes === null || papers.bytes === null) return { ok: false, reason: 'corrupt (truncated)' };
  for (const [section, part] of [['json', json], ['arrays', arrays], ['papers', papers]] as const) {
    if (part.damaged) return { ok: false, reason: `damaged (${SECTION_NAMES[section]} do${section === 'papers' ? '' : 'es'} not match ${section === 'papers' ? 'their' : 'its'} checksum)` };
  }
  if (json.bytes[jsonBytes] !== 10) return { ok: false, reason: 'corrupt (the index JSON does not end where the header says)' };
  try {
    return { ok: true, index: loadSearchIndex({ json: json.bytes.subarray(0, jsonBytes), arrays: arrays.bytes, papers: papers.bytes }, settings), header };
  } catch (error) {
    if (!(error instanceof SnapshotError)) throw error;
    return { ok: false, reason: error.detail };
  }
}

/** Why a header is not one of a usable snapshot (the corpus aside), or null when it is. */
function headerProblem(header: Partial<SnapshotHeader> | null, settings: SearchSettings): string | null {
  const refused = stampProblem(header, settings);
  if (refused !== null) return refused.detail;
  if (
    header === null ||
    typeof header.corpus !== 'string' ||
    typeof header.entryCount !== 'number' ||
    !Array.isArray(header.problems) ||
    !Number.isSafeInteger(header.jsonBytes) ||
    header.jsonBytes! < 0 ||
    !Number.isSafeInteger(header.arraysBytes) ||
    header.arraysBytes! < 0 ||
    typeof header.checksums !== 'object' ||
    header.checksums === null ||
    !(['json', 'arrays', 'papers'] as const).every((s) => Number.isInteger(header.checksums![s]))
  ) {
    return 'corrupt (incomplete header)';
  }
  return null;
}

/**
 * saveIndexSnapshot for a bot that is serving: the index serialized in slices with the event
 * loop given back between them (runInSlices), then written likewise.
 */
export async function saveIndexSnapshotInSlices(path: string, corpus: CorpusFacts, index: SearchIndex, sliceMs?: number): Promise<void> {
  const slices = sliceMs === undefined ? {} : { sliceMs };
  const serialized = await runInSlices(serializeIndexChunksSteps(index), slices);
  await writeSnapshotFile(path, corpus, index.fingerprint, serialized, slices);
}

/** Saves the index as the snapshot of this corpus (serialized in one go: nothing else is served meanwhile). */
export async function saveIndexSnapshot(path: string, corpus: CorpusFacts, index: SearchIndex): Promise<void> {
  await writeSnapshotFile(path, corpus, index.fingerprint, runSteps(serializeIndexChunksSteps(index)));
}

/** Bytes checksummed or written at a time (~1-2 ms of CRC-32): 4 MiB, as array-block.ts chunks the arrays. */
const CHUNK_BYTES = 4 * 1024 * 1024;

/** Characters of a string part encoded at a time (~1 ms). */
const CHUNK_CHARS = 1024 * 1024;

/**
 * A part as byte chunks of at most CHUNK_BYTES, a step per string chunk encoded. A string is cut
 * between UTF-16 code units that are not a surrogate pair's, so the chunks encode to its bytes.
 */
function* chunksOf(part: string | Uint8Array | readonly Uint8Array[]): Generator<void, Uint8Array[], void> {
  const out: Uint8Array[] = [];
  if (typeof part === 'string') {
    for (let from = 0; from < part.length; ) {
      let to = Math.min(part.length, from + CHUNK_CHARS);
      const last = part.charCodeAt(to - 1);
      if (to < part.length && last >= 0xd800 && last <= 0xdbff) to--;
      out.push(Buffer.from(part.slice(from, to)));
      from = to;
      yield;
    }
    return out;
  }
  for (const chunk of part instanceof Uint8Array ? [part] : part) {
    for (let from = 0; from < chunk.byteLength; from += CHUNK_BYTES) out.push(chunk.subarray(from, from + CHUNK_BYTES));
  }
  return out;
}

/** CRC-32 of the chunks end to end, a chunk a step (zlib's crc32 carries on from a running value). */
function* checksumSteps(chunks: readonly Uint8Array[]): Generator<void, number, void> {
  let crc = 0;
  for (const chunk of chunks) {
    crc = crc32(chunk, crc);
    yield;
  }
  return crc;
}

const byteCount = (chunks: readonly Uint8Array[]): number => chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);

/**
 * Writes a snapshot from an index already serialized (serializeIndex or
 * serializeIndexChunksSteps, its parts as text, bytes or byte chunks) with the settings whose
 * fingerprint is given. Written to a temporary file and renamed, so a crash mid-write never
 * leaves a half snapshot. Checksummed and written a chunk at a time, in slices (`slices`, as
 * runInSlices takes them), so a serving bot is never held for long: one crc32 and one write of
 * a 180 MB string hold the event loop for a few hundred ms each.
 */
export async function writeSnapshotFile(
  path: string,
  corpus: CorpusFacts,
  settingsFingerprint: string,
  serialized: SerializedIndex | SerializedBytes | SerializedChunks,
  slices: { readonly sliceMs?: number } = {},
): Promise<void> {
  const json = await runInSlices(chunksOf(serialized.json), slices);
  const arrays = await runInSlices(chunksOf(serialized.arrays), slices);
  const papers = await runInSlices(chunksOf(serialized.papers), slices);
  const header: SnapshotHeader = {
    ...snapshotStamp(settingsFingerprint),
    corpus: corpus.fingerprint,
    entryCount: corpus.entryCount,
    problems: corpus.problems,
    jsonBytes: byteCount(json),
    arraysBytes: byteCount(arrays),
    checksums: {
      json: await runInSlices(checksumSteps(json), slices),
      arrays: await runInSlices(checksumSteps(arrays), slices),
      papers: await runInSlices(checksumSteps(papers), slices),
    },
  };
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  const file = await open(temporary, 'w');
  try {
    for (const chunk of [Buffer.from(`${headerLine(JSON.stringify(header))}\n`), ...json, NEWLINE, ...arrays, ...papers]) await writeAll(file, chunk);
  } catch (error) {
    await file.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await file.close();
  await rename(temporary, path);
}

const NEWLINE = Buffer.from('\n');

/** Writes the chunk where the last write ended (one write may stop short). */
async function writeAll(file: FileHandle, chunk: Uint8Array): Promise<void> {
  for (let done = 0; done < chunk.byteLength; ) done += (await file.write(chunk, done, chunk.byteLength - done)).bytesWritten;
}
