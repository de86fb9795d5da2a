/**
 * `paperboy search [--json] [--limit N] [--offset N] [--seeds DIR] <query...>`
 *
 * The same search `/papers` runs, over the seed corpus, with no config, Slack or database.
 * Exit codes: 0 results, 1 no paper matched, 2 bad usage or nothing to search for.
 */
import { formatListingDate } from '../core/blocks/paper-view.js';
import type { Paper } from '../core/paper.js';
import { quotedQuery, unmatchedPhrasesSentence } from '../core/search/parse-query.js';
import { buildSearchIndex, searchPapers, type SearchIndex } from '../core/search/search-index.js';
import { loadSeedCorpus } from '../corpus/load-seeds.js';
import { EXIT_USAGE, type CliIo } from './cli-io.js';

export const SEARCH_USAGE = `Usage: paperboy search [--json] [--limit N] [--offset N] [--seeds DIR] <query...>

Searches the paper corpus (default: the seed pages) the way /papers does.
Query syntax: plain words, "exact phrase", -word to leave out papers with that word.
  --json        print an array of {id, title, score, listedOn, codeLinks, matchedTerms, ...}, best first
  --limit N     how many papers to show (1-100, default 10)
  --offset N    skip the N best first (default 0)
  --seeds DIR   read the seed pages from DIR instead of seeds/

Example: paperboy search diffusion quantization -image`;

export interface SearchCliDeps {
  /** Builds the index to search; the default parses the seed pages. */
  readonly loadIndex: (seedsDir?: string) => Promise<SearchIndex>;
}

export const defaultSearchCliDeps: SearchCliDeps = {
  loadIndex: async (seedsDir) => buildSearchIndex((await loadSeedCorpus(seedsDir)).papers),
};

interface SearchArgs {
  readonly json: boolean;
  readonly limit: number;
  readonly offset: number;
  readonly seeds: string | undefined;
  readonly help: boolean;
  readonly words: readonly string[];
}

/**
 * Hand-rolled rather than util.parseArgs: `-image` is a query exclusion, not an unknown flag,
 * so only the long options below (and -h) are options; every other word belongs to the query.
 */
export function parseSearchArgs(argv: readonly string[]): SearchArgs | { error: string } {
  let json = false;
  let help = false;
  let limit = 10;
  let offset = 0;
  let seeds: string | undefined;
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      if (arg === '-h') help = true;
      else words.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const takeValue = (): string | undefined => (eq !== -1 ? arg.slice(eq + 1) : argv[++i]);
    switch (name) {
      case 'json':
        json = true;
        break;
      case 'help':
        help = true;
        break;
      case 'limit':
      case 'offset': {
        const value = takeValue();
        const n = value !== undefined && /^\d+$/.test(value) ? Number(value) : NaN;
        const max = name === 'limit' ? 100 : 100_000;
        const min = name === 'limit' ? 1 : 0;
        if (!Number.isInteger(n) || n < min || n > max) {
          return { error: `--${name} needs a whole number from ${min} to ${max}${value === undefined ? '' : `, not "${value}"`}.` };
        }
        if (name === 'limit') limit = n;
        else offset = n;
        break;
      }
      case 'seeds': {
        const value = takeValue();
        if (!value) return { error: '--seeds needs a directory.' };
        seeds = value;
        break;
      }
      default:
        return { error: `Unknown option ${arg}.` };
    }
  }
  return { json, limit, offset, seeds, help, words };
}

function jsonHit(paper: Paper, score: number, matchedTerms: readonly string[]): Record<string, unknown> {
  return {
    id: paper.id,
    title: paper.title,
    score: Number(score.toFixed(4)),
    // The seed pages print month and day only, so no year is claimed.
    listedOn: formatListingDate(paper.listedOn),
    codeLinks: paper.codeLinks,
    matchedTerms,
    abstract: paper.abstract,
  };
}

export async function runSearchCommand(argv: readonly string[], io: CliIo, deps: SearchCliDeps = defaultSearchCliDeps): Promise<number> {
  const args = parseSearchArgs(argv);
  if ('error' in args) {
    io.stderr(`${args.error}\n\n${SEARCH_USAGE}`);
    return EXIT_USAGE;
  }
  if (args.help) {
    io.stdout(SEARCH_USAGE);
    return 0;
  }
  if (args.words.length === 0) {
    io.stderr(`Nothing to search for: give some words.\n\n${SEARCH_USAGE}`);
    return EXIT_USAGE;
  }
  const text = args.words.join(' ');
  const shown = quotedQuery(text);
  const index = await deps.loadIndex(args.seeds);
  const outcome = searchPapers(index, text, { limit: args.limit, offset: args.offset });
  if (outcome.kind === 'empty-query') {
    io.stderr(`Nothing to search for in ${shown}: common words like "the" or "of" are ignored. Try a topic, e.g. paperboy search diffusion quantization`);
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
  const unmatched = unmatchedPhrasesSentence(outcome.unmatchedPhrases);
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
      : `${outcome.total} paper${outcome.total === 1 ? '' : 's'} match ${shown}; showing ${first}-${last}:`,
    ...(unmatched ? [unmatched] : []),
    '',
  ];
  outcome.hits.forEach((hit, i) => {
    const details = [`score ${hit.score.toFixed(2)}`];
    const listed = formatListingDate(hit.paper.listedOn);
    if (listed) details.push(`listed ${listed}`);
    lines.push(`${String(first + i).padStart(2)}. ${hit.paper.title}`, `    ${details.join(' · ')}`);
    if (hit.paper.codeLinks[0]) lines.push(`    code: ${hit.paper.codeLinks[0]}`);
    lines.push(`    id:   ${hit.paper.id}`, '');
  });
  io.stdout(lines.join('\n').trimEnd());
  return 0;
}
