/**
 * `paperboy digest --preview [--topics "diffusion, quantization"] [--date YYYY-MM-DD] [--max N]`
 *
 * Prints what a channel would get: the same composeDigest the bot posts from, over the seed corpus,
 * with an empty delivered set and no votes (no Slack, no database). Scores are printed apart so
 * a ranking can be explained. Exit codes: 0 printed (or nothing to send), 2 bad arguments.
 */
import { DIGEST_PAPERS } from '../config/load-config.js';
import { HELP_OPTION, parseCliArgs, usageError, usageOf, wholeNumberOption, type CliSpec } from './cli-args.js';
import { readCliConfig } from './cli-config.js';
import { loadCliCorpus, type LoadSeeds } from './cli-corpus.js';
import { EXIT_USAGE, type CliIo } from './cli-io.js';
import { parseTopics } from '../core/digest/parse-subscription-args.js';
import type { DigestItem } from '../core/digest/select-digest.js';
import { formatDigestDate } from '../core/blocks/digest-message.js';
import { buildSearchIndex } from '../core/search/search-index.js';
import { loadSeedCorpus } from '../corpus/load-seeds.js';
import { composeDigest, indexSource } from '../digest/compose-digest.js';
import { localDateOf, parseTimeOfDay, zonedInstant } from '../core/digest/schedule.js';
import { formatListingDate } from '../core/blocks/paper-view.js';

export interface DigestCliDeps {
  /** Reads the corpus; the default parses the seed pages. */
  readonly loadSeeds: LoadSeeds;
}

export const defaultDigestCliDeps: DigestCliDeps = { loadSeeds: loadSeedCorpus };

export const DIGEST_SPEC: CliSpec = {
  name: 'digest',
  summary:
    'Prints the digest a channel subscribed to those topics would get on that date (default today),\n' +
    'from the seed corpus, as if it had received nothing before and nobody had voted.\n' +
    'Without --topics: the overall trending papers. Exit codes: 0 printed (or nothing to send), 2 bad usage.',
  options: {
    preview: { type: 'boolean', description: 'required: print the preview (the bot posts digests itself)' },
    topics: { type: 'string', value: '"a, b"', description: 'comma-separated topics, as in /papers subscribe' },
    date: { type: 'string', value: 'YYYY-MM-DD', description: 'the digest date (default today, in DIGEST_DEFAULT_TIMEZONE)' },
    max: { type: 'string', value: 'N', description: `at most N papers (${DIGEST_PAPERS.min}-${DIGEST_PAPERS.max}, default DIGEST_MAX_PAPERS, itself ${DIGEST_PAPERS.fallback} unless set)` },
    seeds: { type: 'string', value: 'DIR', description: 'read the seed pages from DIR (default PAPERBOY_SEEDS_DIR, or seeds/)' },
    help: HELP_OPTION,
  },
};

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
  const bad = (message: string): number => {
    io.stderr(usageError(DIGEST_SPEC, message));
    return EXIT_USAGE;
  };
  const parsed = parseCliArgs(DIGEST_SPEC, argv);
  if ('error' in parsed) return bad(parsed.error);
  const values = parsed.values as { preview?: boolean; topics?: string; date?: string; max?: string; seeds?: string; help?: boolean };
  if (values.help) {
    io.stdout(usageOf(DIGEST_SPEC));
    return 0;
  }
  if (!values.preview) return bad('only --preview is available here; the bot posts digests itself (or `/papers digest now` in Slack).');
  const topics = parseTopics(values.topics ?? '');
  if (!topics.ok) {
    // The message is written for Slack; drop its mrkdwn backticks for the terminal.
    return bad(topics.message.replace(/`/g, ''));
  }
  if (values.date !== undefined) {
    const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(values.date);
    const parsed = date ? new Date(Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]))) : null;
    if (!parsed || parsed.toISOString().slice(0, 10) !== values.date) {
      return bad(`--date must be a calendar date YYYY-MM-DD, e.g. --date 2026-03-20 (got "${values.date}").`);
    }
  }
  const config = readCliConfig('digest', io);
  if (!config) return EXIT_USAGE;
  const max = wholeNumberOption(values, 'max', { ...DIGEST_PAPERS, fallback: config.digest.maxPapers });
  if (typeof max !== 'number') return bad(max.error);
  // A new subscription's schedule: the configured default time and zone, every day.
  const { defaultTime, defaultTimezone } = config.digest;
  const target = { topics: topics.topics, time: defaultTime, timezone: defaultTimezone, days: 'daily' } as const;
  // --date: that day at the digest time in the channel's zone (loadConfig checked it is HH:MM).
  const time = parseTimeOfDay(defaultTime);
  const now = values.date !== undefined && time ? zonedInstant(values.date, time, defaultTimezone) : io.now();

  const loaded = await loadCliCorpus('digest', values.seeds ?? config.seedsDir, io, deps.loadSeeds);
  if (!loaded) return EXIT_USAGE;
  const index = buildSearchIndex(loaded.papers);
  const corpus = indexSource(() => index);
  const digestDate = localDateOf(now, target.timezone);
  const plan = composeDigest({ ...corpus, maxPapers: max }, { target, digestDate, delivered: new Set(), votes: [], now });
  const about = topics.topics.length > 0 ? `topics: ${topics.topics.join(', ')}` : 'overall trending';
  const day = `${formatDigestDate(digestDate)} ${digestDate.slice(0, 4)}`;
  if (!plan) {
    io.stdout(`Digest preview · ${day} · ${about}\n\nNothing to send: no paper in the corpus matches ${topics.topics.length > 0 ? 'these topics' : 'at all'}, so no digest would be posted.`);
    return 0;
  }
  const lines = [`Digest preview · ${day} · ${about} · ${plan.selection.items.length} of at most ${max} papers`, ''];
  plan.selection.items.forEach((item, i) => lines.push(...describeItem(item, i + 1), ''));
  io.stdout(lines.join('\n').trimEnd());
  return 0;
}

