/**
 * The search index snapshot on disk: start-up loads it instead of rebuilding the index, and
 * rebuilds (then saves) whenever the snapshot is missing, corrupt, or made from another corpus
 * or with other search settings. A snapshot is a cache: it is never trusted over the corpus.
 *
 * File layout: one JSON header line, then the index as serializeIndex writes it. The header is
 * checked before the (large) index is parsed, so a stale snapshot costs a line read, not a parse.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import type { Paper } from '../core/paper.js';
import { buildSearchIndex, loadSearchIndex, serializeIndex, type SearchIndex } from '../core/search/search-index.js';
import { DEFAULT_SEARCH_SETTINGS, settingsFingerprint, type SearchSettings } from '../core/search/search-settings.js';

const HEADER_FORMAT = 'paperboy-index-snapshot';

interface SnapshotHeader {
  readonly format: typeof HEADER_FORMAT;
  /** Hash of every paper as indexed: another corpus (or another parse of it) means stale. */
  readonly corpus: string;
  readonly settings: string;
  readonly papers: number;
}

/** A hash of the papers exactly as the index would hold them, in order. */
export function corpusFingerprint(papers: readonly Paper[]): string {
  const hash = createHash('sha256');
  for (const paper of papers) {
    hash.update(JSON.stringify(paper));
    // A separator no JSON text contains, so two papers cannot hash like one.
    hash.update('\u0000');
  }
  return hash.digest('hex').slice(0, 32);
}

export type SnapshotSource = 'snapshot' | 'built';

export interface LoadOrBuildOptions {
  readonly papers: readonly Paper[];
  readonly snapshotPath: string;
  readonly logger: Logger;
  readonly settings?: SearchSettings;
}

/**
 * The index for these papers: from the snapshot when it matches them and the settings,
 * otherwise built and saved for next time. A snapshot that cannot be written is logged, not
 * fatal: the bot serves from memory either way.
 */
export async function loadOrBuildIndex(options: LoadOrBuildOptions): Promise<{ index: SearchIndex; source: SnapshotSource }> {
  const { papers, snapshotPath, logger } = options;
  const settings = options.settings ?? DEFAULT_SEARCH_SETTINGS;
  const header: SnapshotHeader = {
    format: HEADER_FORMAT,
    corpus: corpusFingerprint(papers),
    settings: settingsFingerprint(settings),
    papers: papers.length,
  };

  const loaded = await readSnapshot(snapshotPath, header, settings);
  if (loaded.index) return { index: loaded.index, source: 'snapshot' };
  if (loaded.reason !== 'missing') {
    logger.warn({ snapshotPath, reason: loaded.reason }, 'index snapshot not usable; rebuilding the index from the corpus');
  }

  const index = buildSearchIndex(papers, settings);
  try {
    await saveSnapshot(snapshotPath, header, index);
    logger.info({ snapshotPath, papers: papers.length }, 'index snapshot saved');
  } catch (error) {
    logger.warn({ snapshotPath, err: error }, 'could not save the index snapshot; the next start will rebuild the index');
  }
  return { index, source: 'built' };
}

async function readSnapshot(
  path: string,
  expected: SnapshotHeader,
  settings: SearchSettings,
): Promise<{ index: SearchIndex; reason?: undefined } | { index?: undefined; reason: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { reason: code === 'ENOENT' ? 'missing' : `cannot read it (${code ?? (error as Error).message})` };
  }
  const newline = text.indexOf('\n');
  if (newline < 0) return { reason: 'corrupt (no header line)' };
  let header: Partial<SnapshotHeader>;
  try {
    header = JSON.parse(text.slice(0, newline)) as Partial<SnapshotHeader>;
  } catch {
    return { reason: 'corrupt (header is not JSON)' };
  }
  if (header === null || typeof header !== 'object' || header.format !== HEADER_FORMAT) return { reason: 'not a paperboy index snapshot' };
  if (header.settings !== expected.settings) return { reason: 'built with other search settings' };
  if (header.corpus !== expected.corpus || header.papers !== expected.papers) return { reason: 'built from another corpus (stale)' };
  try {
    return { index: loadSearchIndex(text.slice(newline + 1), settings) };
  } catch (error) {
    return { reason: (error as Error).message };
  }
}

/** Written to a temporary file and renamed, so a crash mid-write never leaves a half snapshot. */
async function saveSnapshot(path: string, header: SnapshotHeader, index: SearchIndex): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(header)}\n${serializeIndex(index)}`);
  await rename(temporary, path);
}
