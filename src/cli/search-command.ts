/**
 * `paperboy search [--json] [--limit N] [--offset N] [--seeds DIR] <query...>` (SEARCH_SPEC lists the options)
 *
 * The same search `/papers` runs, over the seed corpus the bot would load, with no Slack or database.
 * Exit codes: 0 results, 1 no paper matched, 2 bad usage or nothing to search for.
 */
import { formatListingDate } from '../core/blocks/paper-view.js';
import type { Paper } from '../core/paper.js';
import { quotedQuery, unmatchedPhrasesSentence } from '../core/search/parse-query.js';
import { listingSentence, unknownFilterSentence } from '../core/search/query-filters.js';
import { paperByArxivId } from '../core/links/known-papers.js';
import { similarPapers } from '../core/recommend/similar-papers.js';
import { readPaperReferences, type PaperReferences } from '../core/search/paper-reference.js';
import { allPapers, buildSearchIndex, searchPapers, type SearchIndex } from '../core/search/search-index.js';
import type { StoreConfig } from '../config/load-config.js';
import { loadSeedCorpus } from '../corpus/load-seeds.js';
import { HELP_OPTION, parseCliArgs, usageError, usageOf, wholeNumberOption, type CliSpec } from './cli-args.js';
import { readCliConfig } from './cli-config.js';
import { loadCliCorpus, type LoadSeeds } from './cli-corpus.js';
import { EXIT_USAGE, type CliIo } from './cli-io.js';
import { loadStoredPapers } from './store-corpus.js';

const LIMIT = { min: 1, max: 100, fallback: 10 } as const;
const OFFSET = { min: 0, max: 100_000, fallback: 0 } as const;

export const SEARCH_SPEC: CliSpec = {
  name: 'search',
  words: '<query...>',
  summary:
    'Searches the paper corpus the way /papers does: the database\'s (DATABASE_URL) once\n' +
    '"paperboy ingest" has filled it, else the seed pages (--seeds DIR: those pages only).\n' +
    'Query syntax: plain words, "exact phrase", -word to leave out papers with that word,\n' +
    'has:code for papers with a code link (-has:code: without one; alone: newest first);\n' +
    'an arXiv id or link (2403.12345, arxiv.org/abs/...) prints that paper, then papers like it.\n' +
    'Exit codes: 0 results, 1 no paper matched, 2 bad usage or nothing to search for.\n' +
    'Example: paperboy search diffusion quantization -image',
  options: {
    json: { type: 'boolean', description: 'print an array of {id, arxivId, title, score, listedOn, codeLinks, ...}, best first' },
    limit: { type: 'string', value: 'N', description: `how many papers to show (${LIMIT.min}-${LIMIT.max}, default ${LIMIT.fallback})` },
    offset: { type: 'string', value: 'N', description: 'skip the N best first (default 0)' },
    seeds: { type: 'string', value: 'DIR', description: 'read the seed pages from DIR (default PAPERBOY_SEEDS_DIR, or seeds/)' },
    help: HELP_OPTION,
  },
};

export interface SearchCliDeps {
  /** Reads the corpus to search; the default parses the seed pages. */
  readonly loadSeeds: LoadSeeds;
  /** The store's papers once an ingest filled it, else null (store-corpus.ts); the default reads DATABASE_URL. */
  readonly loadStored: (config: StoreConfig) => Promise<readonly Paper[] | null>;
}

export const defaultSearchCliDeps: SearchCliDeps = { loadSeeds: loadSeedCorpus, loadStored: loadStoredPapers };

function jsonHit(paper: Paper, score: number, matchedTerms: readonly string[]): Record<string, unknown> {
  return {
    id: paper.id,
    arxivId: paper.arxivId ?? null,
    title: paper.title,
    score: Number(score.toFixed(4)),
    // The seed pages print month and day only, so no year is claimed.
    listedOn: formatListingDate(paper.listedOn),
    codeLinks: paper.codeLinks,
    matchedTerms,
    abstract: paper.abstract,
    authors: paper.authors ?? [],
    publishedAt: paper.publishedAt ?? null,
  };
}

export async function runSearchCommand(argv: readonly string[], io: CliIo, deps: SearchCliDeps = defaultSearchCliDeps): Promise<number> {
  const bad = (message: string): number => {
    io.stderr(usageError(SEARCH_SPEC, message));
    return EXIT_USAGE;
  };
  const parsed = parseCliArgs(SEARCH_SPEC, argv);
  if ('error' in parsed) return bad(parsed.error);
  const limit = wholeNumberOption(parsed.values, 'limit', LIMIT);
  if (typeof limit !== 'number') return bad(limit.error);
  const offset = wholeNumberOption(parsed.values, 'offset', OFFSET);
  if (typeof offset !== 'number') return bad(offset.error);
  if (parsed.values['help']) {
    io.stdout(usageOf(SEARCH_SPEC));
    return 0;
  }
  const args = { json: parsed.values['json'] === true, limit, offset, seeds: parsed.values['seeds'] as string | undefined, words: parsed.words };
  if (args.words.length === 0) return bad('nothing to search for: give some words.');
  if (args.seeds === '') return bad('--seeds needs a folder.');
  const text = args.words.join(' ');
  const shown = quotedQuery(text);
  const config = readCliConfig('search', io);
  if (!config) return EXIT_USAGE;
  let papers = args.seeds === undefined ? await deps.loadStored(config) : null;
  if (papers === null) {
    const corpus = await loadCliCorpus('search', args.seeds ?? config.seedsDir, io, deps.loadSeeds);
    if (!corpus) return EXIT_USAGE;
    papers = corpus.papers;
  }
  const index = buildSearchIndex(papers);
  const references = readPaperReferences(text);
  if (references.ids.length > 0) return printLookup(index, references, args, io);
  const outcome = searchPapers(index, text, { limit: args.limit, offset: args.offset });
  if (outcome.kind === 'empty-query') {
    io.stderr(`Nothing to search for in ${shown}: common words like "the" or "of" are ignored. Try a topic, e.g. paperboy search diffusion quantization`);
    return EXIT_USAGE;
  }
  if (outcome.kind === 'unknown-filter') {
    io.stderr(unknownFilterSentence(outcome.unknown));
    return EXIT_USAGE;
  }
  if (outcome.kind === 'no-results') {
    const hint = outcome.suggestion ? ` Did you mean: ${outcome.suggestion}` : ' Try fewer or different words.';
    if (args.json) {
      io.stdout('[]');
      io.stderr(`No papers match ${shown}.${hint}`);
    } else {
      io.stdout(`No papers match ${shown}.${hint}`);
    }
    return 1;
  }
  const unmatched = outcome.listing ? listingSentence(outcome.query, 'paperboy search') : unmatchedPhrasesSentence(outcome.unmatchedPhrases);
  if (args.json) {
    io.stdout(JSON.stringify(outcome.hits.map((h) => jsonHit(h.paper, h.score, h.matchedTerms)), null, 2));
    if (unmatched) io.stderr(unmatched);
    return 0;
  }
  const first = args.offset + 1;
  const last = args.offset + outcome.hits.length;
  const lines = [
    outcome.hits.length === 0
      ? `${outcome.total} papers match ${shown}; none after the first ${args.offset}.`
      : `${outcome.total} ${outcome.total === 1 ? 'paper matches' : 'papers match'} ${shown}; showing ${first}-${last}:`,
    ...(unmatched ? [unmatched] : []),
    '',
  ];
  outcome.hits.forEach((hit, i) => {
    // A filter-only listing is by date, not relevance: its scores would say nothing.
    const details = outcome.listing ? [] : [`score ${hit.score.toFixed(2)}`];
    const listed = formatListingDate(hit.paper.listedOn);
    if (listed) details.push(`listed ${listed}`);
    lines.push(`${String(first + i).padStart(2)}. ${hit.paper.title}`, ...(details.length > 0 ? [`    ${details.join(' · ')}`] : []));
    if (hit.paper.codeLinks[0]) lines.push(`    code: ${hit.paper.codeLinks[0]}`);
    lines.push(`    id:   ${hit.paper.id}`, '');
  });
  io.stdout(lines.join('\n').trimEnd());
  return 0;
}

/**
 * A query naming papers by arXiv id, as `/papers` answers it: the papers first, then the papers
 * like the first one; exit 1 when none is known (the other words are then offered to search).
 */
function printLookup(index: SearchIndex, references: PaperReferences, args: { json: boolean; limit: number; offset: number }, io: CliIo): number {
  const found = references.ids.map((id) => ({ id, paper: paperByArxivId(allPapers(index), id) }));
  const known = found.filter((f): f is { id: string; paper: Paper } => f.paper !== undefined);
  const missing = found.filter((f) => f.paper === undefined).map((f) => f.id);
  const unknown = missing.length > 0 ? `paperboy does not know arXiv ${missing.join(', ')}.` : null;
  const first = known[0]?.paper;
  if (!first) {
    const offer = references.words === '' ? ' Search its title instead.' : ` Search its other words instead: paperboy search ${references.words}`;
    if (args.json) io.stdout('[]');
    io[args.json ? 'stderr' : 'stdout'](`${unknown}${offer}`);
    return 1;
  }
  const similar = similarPapers(index, first, { limit: args.limit, offset: args.offset });
  const like = similar.outcome.kind === 'results' ? similar.outcome.hits : [];
  if (args.json) {
    io.stdout(JSON.stringify([...known.map((k) => jsonHit(k.paper, 0, [])), ...like.map((h) => jsonHit(h.paper, h.score, h.matchedTerms))], null, 2));
    if (unknown) io.stderr(unknown);
    return 0;
  }
  const lines = [...(unknown ? [unknown] : []), ...known.map((k) => `arXiv ${k.id}: ${k.paper.title}\n    id:   ${k.paper.id}`), '', `Papers like "${first.title}":`];
  like.forEach((hit, i) => lines.push(`${String(args.offset + i + 1).padStart(2)}. ${hit.paper.title}`, `    id:   ${hit.paper.id}`));
  if (like.length === 0) lines.push('    (none)');
  io.stdout(lines.join('\n'));
  return 0;
}
