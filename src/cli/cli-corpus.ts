/**
 * The seed corpus for a CLI command. A folder that cannot be read is a usage problem (one line,
 * exit 2, no stack trace); parse problems are reported on stderr with their count, and a page
 * that is not a listing page is named as refused, so a folder of garbage never passes silently.
 */
import type { Corpus } from '../core/seeds/build-corpus.js';
import { loadSeedCorpus, SeedsError } from '../corpus/load-seeds.js';
import type { CliIo } from './cli-io.js';

export type LoadSeeds = (dir?: string) => Promise<Corpus>;

const SHOWN_PROBLEMS = 3;

/** The corpus, or null once stderr says why there is none (the command then exits 2). */
export async function loadCliCorpus(command: string, dir: string | undefined, io: CliIo, load: LoadSeeds = loadSeedCorpus): Promise<Corpus | null> {
  const say = (line: string): void => io.stderr(`paperboy ${command}: ${line}`);
  let corpus: Corpus;
  try {
    corpus = await load(dir);
  } catch (error) {
    if (!(error instanceof SeedsError)) throw error;
    say(`${error.detail}.`);
    return null;
  }
  const refused = new Set(corpus.refusedPages);
  for (const file of corpus.refusedPages) say(`refused ${file}: not a paper listing page (no listing header, date or "Subscribe" line above the papers).`);
  const problems = corpus.problems.filter((p) => !refused.has(p.file));
  if (problems.length > 0) {
    const shown = problems.slice(0, SHOWN_PROBLEMS).map((p) => `${p.file}:${p.line}: ${p.message}`);
    say(`${problems.length} parse ${problems.length === 1 ? 'problem' : 'problems'} in the seed pages${problems.length > SHOWN_PROBLEMS ? `, the first ${SHOWN_PROBLEMS}` : ''}:`);
    for (const line of shown) io.stderr(`  ${line}`);
  }
  if (corpus.papers.length === 0) {
    say(`no papers in ${dir ?? 'the seed folder'}: no page has a paper listing layout.`);
    return null;
  }
  return corpus;
}
