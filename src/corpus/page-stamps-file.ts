/**
 * What the last start learned about the seed pages, kept in a small file beside the snapshot
 * (`<snapshot>.pages.json`): their fingerprint and their stamps (see seedCorpusSource). With it
 * a start takes the pages' fingerprint from their stamps instead of reading them.
 *
 * Why a file of its own and not the snapshot's header: when the pages are touched or copied
 * without their bytes changing (a deploy, a checkout), the snapshot is still current, but their
 * stamps are new. Rewriting a 250 MB snapshot for that is out of the question; rewriting this
 * file is a few milliseconds. It is a cache like the snapshot: missing, unreadable or malformed,
 * it is ignored and the pages are hashed.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { sameStamps, type KnownPages, type PageStamp } from './load-seeds.js';

const FORMAT = 'paperboy-page-stamps';
const VERSION = 1;

export const pageStampsPath = (snapshotPath: string): string => `${snapshotPath}.pages.json`;

const isStamp = (s: Partial<PageStamp> | null): boolean =>
  s !== null &&
  typeof s === 'object' &&
  typeof s.file === 'string' &&
  typeof s.size === 'number' &&
  typeof s.mtimeNs === 'string' &&
  typeof s.ctimeNs === 'string' &&
  typeof s.ino === 'string';

/** The pages as the file records them, or undefined when there is no usable record. */
export async function readPageStamps(path: string): Promise<KnownPages | undefined> {
  let record: { format?: unknown; version?: unknown; fingerprint?: unknown; stamps?: unknown };
  try {
    record = JSON.parse(await readFile(path, 'utf8')) as typeof record;
  } catch {
    return undefined;
  }
  if (record === null || typeof record !== 'object' || record.format !== FORMAT || record.version !== VERSION) return undefined;
  const { fingerprint, stamps } = record;
  if (typeof fingerprint !== 'string' || !Array.isArray(stamps) || !stamps.every(isStamp)) return undefined;
  return { fingerprint, stamps: stamps as PageStamp[] };
}

/** Records pages whose stamps vouch for them; written aside and renamed, so never half written. */
export async function writePageStamps(path: string, pages: KnownPages & { stamps: readonly PageStamp[] }): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify({ format: FORMAT, version: VERSION, fingerprint: pages.fingerprint, stamps: pages.stamps }));
  await rename(temporary, path);
}

/** Whether the record `a` already says what `b` does. */
export const samePages = (a: KnownPages | undefined, b: KnownPages & { stamps: readonly PageStamp[] }): boolean =>
  a?.fingerprint === b.fingerprint && sameStamps(a.stamps, b.stamps);
