/**
 * Reads seed pages from disk. The default is the repository's own seeds/ folder, resolved from
 * this file rather than the working directory, so `npx paperboy` works from anywhere.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCorpus, type Corpus } from '../core/seeds/build-corpus.js';

export const DEFAULT_SEEDS_DIR = fileURLToPath(new URL('../../seeds/', import.meta.url));

export async function loadSeedCorpus(dir: string = DEFAULT_SEEDS_DIR): Promise<Corpus> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.txt')).sort();
  } catch (error) {
    throw new Error(`paperboy: cannot read the seed folder ${dir}: ${(error as Error).message}`);
  }
  if (names.length === 0) throw new Error(`paperboy: no .txt seed pages in ${dir}`);
  const pages = await Promise.all(
    names.map(async (name) => ({ file: basename(name), text: await readFile(join(dir, name), 'utf8') })),
  );
  return buildCorpus(pages);
}
