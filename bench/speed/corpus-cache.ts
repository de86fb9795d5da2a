/**
 * The generated corpus on disk, under bench/.cache/ (gitignored), keyed by generator version,
 * seed and size, so reruns skip generation. Layout of one entry:
 *
 *   pages/gen_NNNNN.txt   the papers as seed pages (what the bot's loadSeedCorpus reads)
 *   papers.json           those pages parsed by loadSeedCorpus: the Paper[] every engine indexes
 *   vocabulary.json       the ranked vocabulary the queries are drawn from
 *   meta.json             written last: its presence means the entry is complete
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSeedCorpus } from '../../src/corpus/load-seeds.js';
import { distinctWords, generateCorpus, GENERATOR_VERSION, toSeedPages, wordCount } from './corpus-generator.js';

export const CACHE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '.cache', 'speed');

export interface CorpusMeta {
  readonly generatorVersion: number;
  readonly seed: number;
  readonly size: number;
  readonly papers: number;
  readonly parseProblems: number;
  readonly vocabularySize: number;
  readonly seedWordCount: number;
  readonly distinctWords: number;
  /** Whitespace-split tokens of titles and abstracts. */
  readonly tokens?: number;
  readonly hyphenatedTokenShare: number;
  readonly accentedTokenShare: number;
  readonly titleWords: { readonly mean: number; readonly min: number; readonly max: number };
  readonly abstractWords: { readonly mean: number; readonly min: number; readonly max: number };
  readonly seedTitleWordsMean: number;
  readonly seedAbstractWordsMean: number;
  readonly papersJsonBytes: number;
  readonly generationMs: number;
}

export interface CachedCorpus {
  readonly dir: string;
  readonly pagesDir: string;
  readonly papersPath: string;
  readonly vocabularyPath: string;
  readonly meta: CorpusMeta;
  readonly fromCache: boolean;
}

function lengthStats(counts: readonly number[]): { mean: number; min: number; max: number } {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const c of counts) {
    sum += c;
    min = Math.min(min, c);
    max = Math.max(max, c);
  }
  return { mean: sum / counts.length, min, max };
}

export async function ensureCorpus(size: number, seed: number, log: (line: string) => void): Promise<CachedCorpus> {
  const dir = join(CACHE_DIR, `corpus-g${GENERATOR_VERSION}-s${seed}-n${size}`);
  const paths = { dir, pagesDir: join(dir, 'pages'), papersPath: join(dir, 'papers.json'), vocabularyPath: join(dir, 'vocabulary.json') };
  const metaPath = join(dir, 'meta.json');
  if (existsSync(metaPath)) {
    return { ...paths, meta: JSON.parse(readFileSync(metaPath, 'utf8')) as CorpusMeta, fromCache: true };
  }
  const started = performance.now();
  log(`generating a ${size.toLocaleString('en')}-paper corpus (seed ${seed}) into ${dir} ...`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(paths.pagesDir, { recursive: true });
  const seeds = await loadSeedCorpus();
  const generated = generateCorpus(seeds.papers, { size, seed });
  for (const page of toSeedPages(generated.papers)) writeFileSync(join(paths.pagesDir, page.file), page.text);
  // Parsed by the bot's own loader, so every engine indexes exactly the papers the bot would.
  const parsed = await loadSeedCorpus(paths.pagesDir);
  const papersJson = JSON.stringify(parsed.papers);
  writeFileSync(paths.papersPath, papersJson);
  writeFileSync(paths.vocabularyPath, JSON.stringify(generated.vocabulary));

  let tokens = 0;
  let hyphenated = 0;
  let accented = 0;
  for (const p of generated.papers) {
    for (const token of `${p.title} ${p.abstract}`.split(/\s+/)) {
      tokens++;
      if (token.includes('-')) hyphenated++;
      if (/[^\u0000-\u007f]/.test(token)) accented++;
    }
  }
  const meta: CorpusMeta = {
    generatorVersion: GENERATOR_VERSION,
    seed,
    size,
    papers: parsed.papers.length,
    parseProblems: parsed.problems.length,
    vocabularySize: generated.vocabulary.length,
    seedWordCount: generated.seedWordCount,
    distinctWords: distinctWords(generated.papers),
    tokens,
    hyphenatedTokenShare: hyphenated / tokens,
    accentedTokenShare: accented / tokens,
    titleWords: lengthStats(generated.papers.map((p) => wordCount(p.title))),
    abstractWords: lengthStats(generated.papers.map((p) => wordCount(p.abstract))),
    seedTitleWordsMean: lengthStats(generated.seedTitleWords).mean,
    seedAbstractWordsMean: lengthStats(generated.seedAbstractWords).mean,
    papersJsonBytes: Buffer.byteLength(papersJson),
    generationMs: performance.now() - started,
  };
  if (meta.papers !== size || meta.parseProblems > 0) {
    throw new Error(`corpus generator: the bot's parser read ${meta.papers} papers with ${meta.parseProblems} problems from ${size} generated`);
  }
  writeFileSync(metaPath, JSON.stringify(meta, null, 2));
  log(`generated in ${(meta.generationMs / 1000).toFixed(1)} s: ${meta.distinctWords.toLocaleString('en')} distinct words`);
  return { ...paths, meta, fromCache: false };
}
