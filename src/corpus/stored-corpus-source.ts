/**
 * The corpus the bot indexes at start: the seed pages, plus the papers an ingest stored (those
 * with an arXiv id), which replace the seed listings they were merged into. The snapshot knows
 * it by one fingerprint, the seed pages' and the ingested papers' together, so a restart after
 * an ingest rebuilds the index with them and a restart without one loads the snapshot as before.
 *
 * Papers ingested while the bot runs are added to its index as segments (live-corpus.ts), and
 * the snapshot saved after they are merged is known by the same fingerprint. Without ingested
 * papers the source is the seed source itself, fingerprint and all.
 */
import { createHash } from 'node:crypto';
import type { Paper } from '../core/paper.js';
import { runSteps, sortSteps, type Steps } from '../core/search/work-steps.js';
import type { CorpusSource, KnownPages, LoadedCorpus } from './load-seeds.js';

// Joins the two fingerprints in the one string the snapshot and the stamps file keep.
const SEPARATOR = '+stored:';

/** The seed pages' part of a fingerprint this module made (or the fingerprint itself). */
export function seedPagesKnown(known: KnownPages | undefined): KnownPages | undefined {
  if (!known) return undefined;
  const at = known.fingerprint.indexOf(SEPARATOR);
  return at < 0 ? known : { ...known, fingerprint: known.fingerprint.slice(0, at) };
}

/** Papers hashed between two yields of storedFingerprintSteps (~1 ms). */
const PAPERS_PER_STEP = 500;

function* storedFingerprintSteps(papers: readonly Paper[]): Steps<string> {
  // In id order (code units), whatever order the store listed them in: a database's collation
  // must not change the fingerprint, nor must the order a running bot met them in.
  const sorted = yield* sortSteps(papers, (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const hash = createHash('sha256').update('stored-papers v2\u0000');
  for (let i = 0; i < sorted.length; i++) {
    hash.update(JSON.stringify(sorted[i])).update('\u0000');
    if (i % PAPERS_PER_STEP === PAPERS_PER_STEP - 1) yield;
  }
  return hash.digest('hex').slice(0, 32);
}

/**
 * The fingerprint of the seed pages (`seeds`, a fingerprint this module made or the pages'
 * own) with these ingested papers: what withIngestedPapers gives the corpus, so a running bot
 * that took in papers can save a snapshot the next start recognises.
 */
export function corpusFingerprint(seeds: string, ingested: readonly Paper[]): string {
  return runSteps(corpusFingerprintSteps(seeds, ingested));
}

/**
 * corpusFingerprint in bounded steps, for the running bot's snapshot after a merge: in one go it
 * sorts and hashes every ingested paper (~130 ms at 20,000 of them).
 */
export function* corpusFingerprintSteps(seeds: string, ingested: readonly Paper[]): Steps<string> {
  const at = seeds.indexOf(SEPARATOR);
  const pages = at < 0 ? seeds : seeds.slice(0, at);
  return ingested.length === 0 ? pages : `${pages}${SEPARATOR}${yield* storedFingerprintSteps(ingested)}`;
}

/** The seed source with the ingested papers merged in; the seed source itself when there are none. */
export function withIngestedPapers(seeds: CorpusSource, ingested: readonly Paper[]): CorpusSource {
  if (ingested.length === 0) return seeds;
  const combine = (pages: KnownPages): KnownPages => ({ ...pages, fingerprint: corpusFingerprint(pages.fingerprint, ingested) });
  const merge = (loaded: LoadedCorpus): LoadedCorpus => {
    const replaced = new Set(ingested.map((paper) => paper.id));
    const papers = [...loaded.corpus.papers.filter((paper) => !replaced.has(paper.id)), ...ingested];
    return { corpus: { ...loaded.corpus, papers }, pages: combine(loaded.pages) };
  };
  const { loadSteps } = seeds;
  return {
    pages: combine(seeds.pages),
    description: `${seeds.description} and ${ingested.length} ingested papers from the store`,
    load: () => merge(seeds.load()),
    ...(loadSteps
      ? {
          *loadSteps() {
            return merge(yield* loadSteps.call(seeds));
          },
        }
      : {}),
  };
}
