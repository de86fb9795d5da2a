/**
 * `paperboy digest --preview [--topics "diffusion, quantization"] [--date YYYY-MM-DD] [--max N]`
 *
 * Prints what a channel would get: the same planDigest the bot posts from, over the seed corpus,
 * with an empty delivered set and no votes (no Slack, no database). Scores are printed apart so
 * a ranking can be explained. Exit codes: 0 printed (or nothing to send), 2 bad arguments.
 */
import { parseArgs } from 'node:util';
import { EXIT_USAGE, type CliIo } from './cli-io.js';
import { parseTopics } from '../core/digest/parse-subscription-args.js';
import type { DigestItem } from '../core/digest/select-digest.js';
import { formatDigestDate } from '../core/blocks/digest-message.js';
import type { Paper } from '../core/paper.js';
import type { SearchOptions, SearchOutcome } from '../core/search/search-types.js';
import { buildSearchIndex } from '../core/search/search-index.js';
import { loadSeedCorpus } from '../corpus/load-seeds.js';
import { indexSource, planDigest } from '../digest/compose-digest.js';
import { formatListingDate } from '../core/blocks/paper-view.js';

export interface DigestCliDeps {
  /** Corpus and search; the default loads the seed pages and builds the search index. */
  readonly loadCorpus: (seedsDir?: string) => Promise<{
    readonly papers: () => readonly Paper[];
    readonly search: (query: string, options: SearchOptions) => SearchOutcome;
  }>;
}

export const defaultDigestCliDeps: DigestCliDeps = {
  loadCorpus: async (seedsDir) => {
    const corpus = await loadSeedCorpus(seedsDir);
    const index = buildSearchIndex(corpus.papers);
    return indexSource(() => index);
  },
};

export const DIGEST_USAGE = `Usage: paperboy digest --preview [--topics "diffusion, quantization"] [--date YYYY-MM-DD] [--max N] [--seeds DIR]

Prints the digest a channel subscribed to those topics would get on that date (default today),
from the seed corpus, as if it had received nothing before and nobody had voted.
Without --topics: the overall trending papers.`;

const fmt = (n: number): string => n.toFixed(2);

function describeItem(item: DigestItem, rank: number): string[] {
  const { paper, trending } = item;
  const why: string[] = [];
  if (item.matches.length > 0) {
    why.push(`matches ${item.matches.map((m) => `"${m.topic}" [${m.matchedTerms.join(', ')}]`).join(', ')}`);
  }
  const listed = formatListingDate(paper.listedOn);
  if (listed) why.push(`listed ${listed}${trending.listedDaysAgo !== null ? ` (${trending.listedDaysAgo} days ago)` : ''}`);
  if (paper.sourceUpvotes) why.push(`${paper.sourceUpvotes} upvotes at the source`);
  if (item.centrality !== null) why.push(`centrality ${fmt(item.centrality)} (to the ${item.centralTo === 'upvoted' ? 'upvoted papers' : 'corpus'})`);
  const lines = [
    `${String(rank).padStart(2)}. ${paper.title}`,
    `    why:   ${why.length > 0 ? why.join(' · ') : 'new to this channel'}`,
    `    score: ${fmt(item.score)} = trending ${fmt(trending.total)} (votes ${fmt(trending.votes)}, source ${fmt(trending.sourceUpvotes)}, recency ${fmt(trending.recency)})` +
      (item.matches.length > 0 ? ` + relevance ${fmt(item.score - trending.total)}` : ''),
    `    id:    ${paper.id}`,
  ];
  if (paper.codeLinks[0]) lines.push(`    code:  ${paper.codeLinks[0]}`);
  return lines;
}

export async function runDigestCommand(argv: readonly string[], io: CliIo, deps: DigestCliDeps = defaultDigestCliDeps): Promise<number> {
  let values: { preview?: boolean; topics?: string; date?: string; max?: string; seeds?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        preview: { type: 'boolean' },
        topics: { type: 'string' },
        date: { type: 'string' },
        max: { type: 'string' },
        seeds: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr(`paperboy digest: ${(error as Error).message}\n\n${DIGEST_USAGE}`);
    return EXIT_USAGE;
  }
  if (values.help) {
    io.stdout(DIGEST_USAGE);
    return 0;
  }
  if (!values.preview) {
    io.stderr(`paperboy digest: only --preview is available here; the bot posts digests itself (or \`/papers digest now\` in Slack).\n\n${DIGEST_USAGE}`);
    return EXIT_USAGE;
  }
  const topics = parseTopics(values.topics ?? '');
  if (!topics.ok) {
    // The message is written for Slack; drop its mrkdwn backticks for the terminal.
    io.stderr(`paperboy digest: ${topics.message.replace(/`/g, '')}`);
    return EXIT_USAGE;
  }
  let now = io.now();
  if (values.date !== undefined) {
    const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(values.date);
    const parsed = date ? new Date(Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]), 9)) : null;
    if (!parsed || parsed.toISOString().slice(0, 10) !== values.date) {
      io.stderr(`paperboy digest: --date must be a calendar date YYYY-MM-DD, e.g. --date 2026-03-20 (got "${values.date}").`);
      return EXIT_USAGE;
    }
    now = parsed; // 09:00 UTC that day: the default digest time
  }
  const max = values.max === undefined ? 5 : Number(values.max);
  if (!Number.isInteger(max) || max < 1 || max > 20 || !/^\d+$/.test(values.max ?? '5')) {
    io.stderr(`paperboy digest: --max must be a whole number from 1 to 20 (got "${values.max}").`);
    return EXIT_USAGE;
  }

  const corpus = await deps.loadCorpus(values.seeds);
  const plan = planDigest(
    { papers: corpus.papers, search: corpus.search, maxPapers: max },
    { topics: topics.topics, time: '09:00', timezone: 'UTC', days: 'daily' },
    new Set(),
    [],
    now,
  );
  const about = topics.topics.length > 0 ? `topics: ${topics.topics.join(', ')}` : 'overall trending';
  const day = `${formatDigestDate(now.toISOString().slice(0, 10))} ${now.getUTCFullYear()}`;
  if (!plan) {
    io.stdout(`Digest preview · ${day} · ${about}\n\nNothing to send: no paper in the corpus matches ${topics.topics.length > 0 ? 'these topics' : 'at all'}, so no digest would be posted.`);
    return 0;
  }
  const lines = [`Digest preview · ${day} · ${about} · ${plan.selection.items.length} of at most ${max} papers`, ''];
  plan.selection.items.forEach((item, i) => lines.push(...describeItem(item, i + 1), ''));
  io.stdout(lines.join('\n').trimEnd());
  return 0;
}

