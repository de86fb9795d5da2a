/**
 * Reads seed pages from disk. The default is the repository's own seeds/ folder, resolved from
 * this file rather than the working directory, so `npx paperboy` works from anywhere.
 */
import { createHash } from 'node:crypto';
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

async function readSeedPages(dir: string): Promise<SeedPage[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.txt')).sort();
  } catch (error) {
    throw new Error(`paperboy: cannot read the seed folder ${dir}: ${(error as Error).message}`);
  }
  if (names.length === 0) throw new Error(`paperboy: no .txt seed pages in ${dir}`);
  return Promise.all(names.map(async (name) => ({ file: basename(name), text: await readFile(join(dir, name), 'utf8') })));
}

/** The seed folder as a corpus source: files read and hashed now, parsed only if load() is called. */
export async function seedCorpusSource(dir: string = DEFAULT_SEEDS_DIR): Promise<CorpusSource> {
  const pages = await readSeedPages(dir);
  const hash = createHash('sha256').update(`seed-pages parser v${CORPUS_PARSER_VERSION}\u0000`);
  // Name and text, each closed by a separator no file name holds, so no two folders hash alike.
  for (const page of pages) hash.update(page.file).update('\u0000').update(page.text).update('\u0000');
  return { fingerprint: hash.digest('hex').slice(0, 32), description: dir, load: () => buildCorpus(pages) };
}

export async function loadSeedCorpus(dir: string = DEFAULT_SEEDS_DIR): Promise<Corpus> {
  return buildCorpus(await readSeedPages(dir));
}
