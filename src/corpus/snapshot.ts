/**
 * The search index snapshot on disk: start-up loads it instead of parsing the corpus and
 * building the index, and rebuilds (then saves) whenever the snapshot is missing, corrupt, or
 * made from another corpus or with other search settings. A snapshot is a cache: it is never
 * trusted over the corpus.
 *
 * File layout: one JSON header line, then the index as serializeIndex writes it (papers
 * included). The header names the corpus by its source fingerprint (see CorpusSource), so a
 * current snapshot is recognised without parsing the corpus, and it carries the parse problems
 * so they are reported on every start, not only the one that parsed.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import type { ParseProblem } from '../core/paper.js';
import { buildSearchIndex, loadSearchIndex, serializeIndex, type SearchIndex } from '../core/search/search-index.js';
import { DEFAULT_SEARCH_SETTINGS, settingsFingerprint, type SearchSettings } from '../core/search/search-settings.js';
import { bufferBase64 } from './buffer-codec.js';
import type { CorpusSource } from './load-seeds.js';

const HEADER_FORMAT = 'paperboy-index-snapshot';
const HEADER_VERSION = 2;

/** What a snapshot says about the corpus it was built from. */
export interface CorpusFacts {
  readonly fingerprint: string;
  readonly entryCount: number;
  readonly problems: readonly ParseProblem[];
}

interface SnapshotHeader {
  readonly format: typeof HEADER_FORMAT;
  readonly version: typeof HEADER_VERSION;
  readonly corpus: string;
  readonly settings: string;
  readonly entryCount: number;
  readonly problems: readonly ParseProblem[];
}

export type SnapshotSource = 'snapshot' | 'built';

export interface LoadOrBuildOptions {
  readonly corpus: CorpusSource;
  readonly snapshotPath: string;
  readonly logger: Logger;
  readonly settings?: SearchSettings;
}

export interface LoadedIndex {
  readonly index: SearchIndex;
  readonly source: SnapshotSource;
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
  const { corpus, snapshotPath, logger } = options;
  const settings = options.settings ?? DEFAULT_SEARCH_SETTINGS;

  const loaded = await readIndexSnapshot(snapshotPath, corpus.fingerprint, settings);
  if (loaded.ok) return { index: loaded.index, source: 'snapshot', entryCount: loaded.header.entryCount, problems: loaded.header.problems };
  if (loaded.reason !== 'missing') {
    logger.warn({ snapshotPath, reason: loaded.reason }, 'index snapshot not usable; rebuilding the index from the corpus');
  }

  const parsed = corpus.load();
  const index = buildSearchIndex(parsed.papers, settings);
  const facts: CorpusFacts = { fingerprint: corpus.fingerprint, entryCount: parsed.entryCount, problems: parsed.problems };
  try {
    await saveIndexSnapshot(snapshotPath, facts, index);
    logger.info({ snapshotPath, papers: parsed.papers.length }, 'index snapshot saved');
  } catch (error) {
    logger.warn({ snapshotPath, err: error }, 'could not save the index snapshot; the next start will rebuild the index');
  }
  return { index, source: 'built', entryCount: parsed.entryCount, problems: parsed.problems };
}

type ReadResult = { ok: true; index: SearchIndex; header: SnapshotHeader } | { ok: false; reason: string };

/** The snapshot at `path` if it was built from this corpus with these settings, else why not. */
export async function readIndexSnapshot(path: string, corpusFingerprint: string, settings: SearchSettings): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'missing' : `cannot read it (${code ?? (error as Error).message})` };
  }
  const newline = bytes.indexOf(10);
  if (newline < 0) return { ok: false, reason: 'corrupt (no header line)' };
  let header: Partial<SnapshotHeader>;
  try {
    header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as Partial<SnapshotHeader>;
  } catch {
    return { ok: false, reason: 'corrupt (header is not JSON)' };
  }
  if (header === null || typeof header !== 'object' || header.format !== HEADER_FORMAT) return { ok: false, reason: 'not a paperboy index snapshot' };
  if (header.version !== HEADER_VERSION) return { ok: false, reason: `snapshot layout ${String(header.version)} is not ${HEADER_VERSION}` };
  if (header.settings !== settingsFingerprint(settings)) return { ok: false, reason: 'built with other search settings' };
  if (header.corpus !== corpusFingerprint) return { ok: false, reason: 'built from another corpus (stale)' };
  if (typeof header.entryCount !== 'number' || !Array.isArray(header.problems)) return { ok: false, reason: 'corrupt (incomplete header)' };
  try {
    // Decoded straight from the bytes after the header: one copy of a large text, not two.
    const index = loadSearchIndex(bytes.subarray(newline + 1).toString('utf8'), settings, bufferBase64);
    return { ok: true, index, header: header as SnapshotHeader };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

/** Saves the index as the snapshot of this corpus. */
export async function saveIndexSnapshot(path: string, corpus: CorpusFacts, index: SearchIndex): Promise<void> {
  await writeSnapshotFile(path, corpus, index.fingerprint, serializeIndex(index, bufferBase64));
}

/**
 * Writes a snapshot from an index already serialized (serializeIndex) with the settings whose
 * fingerprint is given. Written to a temporary file and renamed, so a crash mid-write never
 * leaves a half snapshot.
 */
export async function writeSnapshotFile(path: string, corpus: CorpusFacts, settingsFingerprint: string, serializedIndex: string): Promise<void> {
  const header: SnapshotHeader = {
    format: HEADER_FORMAT,
    version: HEADER_VERSION,
    corpus: corpus.fingerprint,
    settings: settingsFingerprint,
    entryCount: corpus.entryCount,
    problems: corpus.problems,
  };
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(header)}\n${serializedIndex}`);
  await rename(temporary, path);
}
