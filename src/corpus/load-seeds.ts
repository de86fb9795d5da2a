/**
 * Reads seed pages from disk. The default is paperboy's own seeds/ folder (see packageRoot).
 */
import { createHash, type Hash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync, type BigIntStats } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { buildCorpus, buildCorpusSteps, CORPUS_PARSER_VERSION, type Corpus, type SeedPage } from '../core/seeds/build-corpus.js';
import { runSteps, type Steps } from '../core/search/work-steps.js';
import { packageRoot } from '../package-root.js';

export function defaultSeedsDir(): string {
  return join(packageRoot(), 'seeds');
}

/**
 * A seed page as the file system describes it: what start-up compares instead of reading the
 * page. Times in nanoseconds and the inode as decimal strings (they pass 2^53).
 */
export interface PageStamp {
  readonly file: string;
  readonly size: number;
  readonly mtimeNs: string;
  readonly ctimeNs: string;
  readonly ino: string;
}

/** What an earlier look at the pages found (a snapshot keeps it): their fingerprint, and their stamps then. */
export interface KnownPages {
  readonly fingerprint: string;
  /** Null when some page was too fresh to vouch for its bytes (see seedCorpusSource). */
  readonly stamps: readonly PageStamp[] | null;
}

/** A corpus, and the pages it was parsed from. */
export interface LoadedCorpus {
  readonly corpus: Corpus;
  readonly pages: KnownPages;
}

/**
 * A corpus known by a fingerprint before it is parsed, so start-up can take the papers from a
 * matching index snapshot and skip the parse altogether.
 */
export interface CorpusSource {
  /** The pages: a fingerprint that changes whenever the papers could (another file, other bytes, another parser version), and their stamps. */
  readonly pages: KnownPages;
  /** Where it comes from, for logs. */
  readonly description: string;
  /**
   * Reads and parses the pages as they are now. They may have changed since `pages` was taken,
   * so the result names what it parsed by a fingerprint of its own.
   */
  load(): LoadedCorpus;
  /** load() as bounded steps (a page at a time), for a caller that runs them in slices. */
  loadSteps?(): Steps<LoadedCorpus>;
}

export interface SeedSourceOptions {
  /** The pages as an earlier start saw them: taken as they are when no page's stamp changed since. */
  readonly known?: KnownPages;
  /** The wall clock in ms (Date.now by default): it tells a page too fresh for its stamp to vouch for it. */
  readonly now?: () => number;
}

/**
 * A page changed in the same clock tick as its stamp was taken would keep its stamp (file
 * times are as coarse as the kernel's tick, or 1-2 s on some file systems). So, as git does
 * for its index, a stamp vouches for a page only once the page had not changed for this long
 * when it was taken; a fresher page is read every start until its snapshot is next rebuilt.
 */
const RACY_WINDOW_MS = 2000n;

/** The seed folder or a page in it cannot be read: a usage problem, said in one line. */
export class SeedsError extends Error {
  override readonly name = 'SeedsError';
}

function folderProblem(dir: string, error: NodeJS.ErrnoException): string {
  if (error.code === 'ENOENT') return `the seed folder ${dir} does not exist`;
  if (error.code === 'ENOTDIR') return `${dir} is a file, not a folder of seed pages`;
  if (error.code === 'EACCES') return `the seed folder ${dir} cannot be read (permission denied)`;
  return `cannot read the seed folder ${dir}: ${error.message}`;
}

async function seedPageNames(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.txt')).sort();
  } catch (error) {
    throw new SeedsError(`paperboy: ${folderProblem(dir, error as NodeJS.ErrnoException)}`);
  }
  if (names.length === 0) throw new SeedsError(`paperboy: no .txt seed pages in ${dir}`);
  return names;
}

function stampOf(file: string, stats: BigIntStats): PageStamp {
  return { file, size: Number(stats.size), mtimeNs: String(stats.mtimeNs), ctimeNs: String(stats.ctimeNs), ino: String(stats.ino) };
}

/** The pages' stamps now, or null when one is gone since readdir (reading them says so properly). */
function currentStamps(dir: string, names: readonly string[]): PageStamp[] | null {
  try {
    return names.map((name) => stampOf(name, statSync(join(dir, name), { bigint: true })));
  } catch {
    return null;
  }
}

/** Whether `a` (the pages' stamps now, or null when they could not be read) are `b`. */
export const sameStamps = (a: readonly PageStamp[] | null, b: readonly PageStamp[]): boolean =>
  a !== null &&
  a.length === b.length &&
  a.every((s, i) => {
    const t = b[i]!;
    return s.file === t.file && s.size === t.size && s.mtimeNs === t.mtimeNs && s.ctimeNs === t.ctimeNs && s.ino === t.ino;
  });

/**
 * The fingerprint hash, fed name and bytes of each page in name order, each closed by a
 * separator no file name holds, so no two folders hash alike. Hashing the bytes gives the same
 * fingerprint as hashing the decoded text did for any UTF-8 page.
 */
function fingerprintHash(): Hash {
  return createHash('sha256').update(`seed-pages parser v${CORPUS_PARSER_VERSION}\u0000`);
}

const digestOf = (hash: Hash): string => hash.digest('hex').slice(0, 32);

/**
 * Reads, hashes and stamps the pages, each stamped (fstat) before it is read: a page that
 * changes under the read gets a newer stamp later, so the next start reads it again. Unless
 * the text is wanted, the bytes go through one reused buffer: at 100,000 papers (168 MB of
 * pages) a fresh buffer per page cost twice the hashing itself.
 */
function readPages(dir: string, names: readonly string[], now: () => number, wantText: boolean): { pages: KnownPages; texts: SeedPage[] } {
  return runSteps(readPagesSteps(dir, names, now, wantText));
}

/** readPages, yielding after each page. */
function* readPagesSteps(dir: string, names: readonly string[], now: () => number, wantText: boolean): Steps<{ pages: KnownPages; texts: SeedPage[] }> {
  const hash = fingerprintHash();
  const stamps: PageStamp[] = [];
  const texts: SeedPage[] = [];
  let vouched = true;
  const buffer = wantText ? null : Buffer.allocUnsafe(1 << 20);
  for (const name of names) {
    const path = join(dir, name);
    let fd: number | undefined;
    try {
      fd = openSync(path, 'r');
      const stampedAt = BigInt(now()) * 1_000_000n;
      const stats = fstatSync(fd, { bigint: true });
      const changed = stats.mtimeNs > stats.ctimeNs ? stats.mtimeNs : stats.ctimeNs;
      if (changed > stampedAt - RACY_WINDOW_MS * 1_000_000n) vouched = false;
      stamps.push(stampOf(name, stats));
      hash.update(name).update('\u0000');
      if (buffer === null) {
        const bytes = readFileSync(fd);
        hash.update(bytes);
        texts.push({ file: name, text: bytes.toString('utf8') });
      } else {
        for (let read = readSync(fd, buffer, 0, buffer.length, null); read > 0; read = readSync(fd, buffer, 0, buffer.length, null)) {
          hash.update(buffer.subarray(0, read));
        }
      }
      hash.update('\u0000');
    } catch (error) {
      throw new SeedsError(`paperboy: cannot read the seed page ${path}: ${(error as Error).message}`);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    yield;
  }
  return { pages: { fingerprint: digestOf(hash), stamps: vouched ? stamps : null }, texts };
}

/**
 * The seed folder as a corpus source. When `known` stamps match every page (same names, sizes,
 * modification and change times, inodes), its fingerprint is taken without reading a byte:
 * the change time cannot be set back short of changing the clock, so any write since shows.
 * Otherwise every page is read and hashed (~0.2 s at 100,000 papers), not parsed. The pages
 * are not kept: a start from a snapshot never needs them, and load() (a rebuild, rare) reads
 * them again.
 */
export async function seedCorpusSource(dir: string = defaultSeedsDir(), options: SeedSourceOptions = {}): Promise<CorpusSource> {
  const now = options.now ?? Date.now;
  const names = await seedPageNames(dir);
  function* loadSteps(): Steps<LoadedCorpus> {
    const { pages, texts } = yield* readPagesSteps(dir, names, now, true);
    return { corpus: yield* buildCorpusSteps(texts), pages };
  }
  const load = (): LoadedCorpus => runSteps(loadSteps());
  const known = options.known;
  if (known?.stamps) {
    // Synchronous: ~5 ms for 1,000 pages, where as many stat calls queued on the thread pool
    // behind the snapshot's reads took ~0.15 s.
    if (sameStamps(currentStamps(dir, names), known.stamps)) return { pages: known, description: dir, load, loadSteps };
  }
  return { pages: readPages(dir, names, now, false).pages, description: dir, load, loadSteps };
}

/** The corpus the pages in `dir` give, parsed now (the CLI and tests; the bot goes through seedCorpusSource). */
export async function loadSeedCorpus(dir: string = defaultSeedsDir()): Promise<Corpus> {
  return buildCorpus(readPages(dir, await seedPageNames(dir), Date.now, true).texts);
}
