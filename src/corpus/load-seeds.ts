/**
 * Reads seed pages from disk. The default is the repository's own seeds/ folder, resolved from
 * this file rather than the working directory, so `npx paperboy` works from anywhere.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCorpus, CORPUS_PARSER_VERSION, type Corpus, type SeedPage } from '../core/seeds/build-corpus.js';

export const DEFAULT_SEEDS_DIR = fileURLToPath(new URL('../../seeds/', import.meta.url));

/**
 * A corpus known by a fingerprint before it is parsed, so start-up can take the papers from a
 * matching index snapshot and skip the parse altogether.
 */
export interface CorpusSource {
  /** Changes whenever the papers could: another file, other bytes, or another parser version. */
  readonly fingerprint: string;
  /** Where it comes from, for logs. */
  readonly description: string;
  load(): Corpus;
}

async function seedPageNames(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.txt')).sort();
  } catch (error) {
    throw new Error(`paperboy: cannot read the seed folder ${dir}: ${(error as Error).message}`);
  }
  if (names.length === 0) throw new Error(`paperboy: no .txt seed pages in ${dir}`);
  return names;
}

async function readSeedPages(dir: string): Promise<SeedPage[]> {
  const names = await seedPageNames(dir);
  return Promise.all(names.map(async (name) => ({ file: basename(name), text: await readFile(join(dir, name), 'utf8') })));
}

/**
 * The fingerprint of the pages' bytes. Name and bytes, each closed by a separator no file name
 * holds, so no two folders hash alike. Hashing the bytes gives the same fingerprint as hashing
 * the decoded text did for any UTF-8 page, without decoding and re-encoding it.
 */
function fingerprintOf(pages: readonly { file: string; bytes: Uint8Array }[]): string {
  const hash = createHash('sha256').update(`seed-pages parser v${CORPUS_PARSER_VERSION}\u0000`);
  for (const page of pages) hash.update(page.file).update('\u0000').update(page.bytes).update('\u0000');
  return hash.digest('hex').slice(0, 32);
}

/**
 * The seed folder as a corpus source: files read and hashed now, parsed only if load() is called.
 * The pages are not kept: a start from a snapshot never needs them, and at 100,000 papers their
 * text is ~190 MB of heap for the life of the bot. load() (a rebuild, rare) reads them again and
 * fails rather than parse pages other than the ones the fingerprint names.
 */
export async function seedCorpusSource(dir: string = DEFAULT_SEEDS_DIR): Promise<CorpusSource> {
  const names = await seedPageNames(dir);
  const read = await Promise.all(names.map(async (name) => ({ file: basename(name), bytes: await readFile(join(dir, name)) })));
  const fingerprint = fingerprintOf(read);
  const load = (): Corpus => {
    const again = names.map((name) => ({ file: basename(name), bytes: readFileSync(join(dir, name)) }));
    if (fingerprintOf(again) !== fingerprint) throw new Error(`paperboy: the seed pages in ${dir} changed while paperboy was starting; start it again`);
    return buildCorpus(again.map((page) => ({ file: page.file, text: page.bytes.toString('utf8') })));
  };
  return { fingerprint, description: dir, load };
}

export async function loadSeedCorpus(dir: string = DEFAULT_SEEDS_DIR): Promise<Corpus> {
  return buildCorpus(await readSeedPages(dir));
}
