/**
 * The daily digest as Slack renders it: a header with the date, what the channel follows, one
 * section + upvote and save buttons per paper (linked title, one-line summary, why it is here,
 * authors and the arXiv, Hugging Face and code links),
 * and a footer saying how to change the subscription. Pure; every field is clamped to Slack's
 * limits because one overlong field makes Slack reject the whole post (invalid_blocks).
 */
import type { DigestItem, DigestSelection } from '../digest/select-digest.js';
import { weekdayOf, type DigestSchedule } from '../digest/schedule.js';
import { firstSentence } from './digest-summary.js';
import { SLACK_LIMITS, truncate } from './limits.js';
import type { Block, SlackMessage } from './message.js';
import { boldText, escapeText, mrkdwnLink } from './mrkdwn.js';
import { paperDate, paperLinksMrkdwn, paperUrl, shortAuthors } from './paper-view.js';
import { zoneCode } from './subscription-replies.js';
import { paperActions } from './paper-actions.js';

export interface DigestMessageInput {
  readonly selection: DigestSelection;
  /** The channel's local date this digest is for, "YYYY-MM-DD". */
  readonly digestDate: string;
  /** When the channel gets its digest, for the footer; null when unknown (CLI preview). */
  readonly schedule: DigestSchedule | null;
}

/**
 * Header, topics context, divider, footer divider and footer: 5 blocks; 2 per paper. Twenty
 * papers fit in 50 blocks; config caps a digest at 10, this is the renderer's own guard.
 */
export const MAX_DIGEST_PAPERS = Math.floor((SLACK_LIMITS.blocksPerMessage - 5) / 2);

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-11-23" -> "Mon 23 Nov". */
export function formatDigestDate(date: string): string {
  const [, month, day] = date.split('-').map(Number);
  return `${WEEKDAYS[weekdayOf(date)]} ${day} ${MONTHS[(month ?? 1) - 1]}`;
}

const TITLE_MAX = 250;
const WHY_MAX = 600;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Whether an analysed (stemmed, folded) term is the form of a word the user typed. */
function sameWord(word: string, term: string): boolean {
  const plain = word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return plain === term || (term.length >= 3 && plain.startsWith(term)) || (plain.length >= 3 && term.startsWith(plain));
}

/** A trending score below this (a listing ~7 weeks old, nothing else) orders nothing by itself. */
const CENTRALITY_DECIDES_BELOW = 0.01;

/** Why this paper is here, most specific reason first. Mrkdwn, escaped. */
export function whyItMatched(item: DigestItem): string {
  const reasons: string[] = [];
  if (item.matches.length > 0) {
    // At most three topics, each cut short: the line must leave room for the other reasons.
    const topics = item.matches.slice(0, 3).map((match) => {
      const topic = boldText(escapeText(truncate(match.topic, 40)));
      // For a one-word topic the matched term is the topic itself; for several words, say which
      // of them the paper has, so a partial match is visible. Matched terms are the index's
      // analysed forms ("languag"), so show the topic's own words whose form they are.
      const words = match.topic.split(/\s+/);
      const found = words.filter((word) => match.matchedTerms.some((term) => sameWord(word, term)));
      const partial = words.length > 1 && found.length > 0 && found.length < words.length;
      return partial ? `${topic} (${escapeText(truncate(found.join(', '), 60))})` : topic;
    });
    const more = item.matches.length > 3 ? ` and ${item.matches.length - 3} more` : '';
    reasons.push(`matches ${topics.join(', ')}${more}`);
  }
  const { trending } = item;
  if (trending.voteCount > 0) reasons.push(`${plural(trending.voteCount, 'upvote')} from your workspace`);
  if (item.paper.sourceUpvotes !== null && item.paper.sourceUpvotes > 0) reasons.push(`${plural(item.paper.sourceUpvotes, 'upvote')} on Hugging Face`);
  const date = paperDate(item.paper);
  if (date) reasons.push(`${date.kind} ${date.text}`);
  // Overall trending where the trending score is next to nothing (old listing, no votes, no
  // upvotes): centrality is what ordered the paper, so that is the reason given.
  if (item.centralTo !== null && trending.total < CENTRALITY_DECIDES_BELOW) {
    reasons.push(item.centralTo === 'upvoted' ? 'like papers your workspace upvoted' : "close to the corpus' main topics");
  }
  if (reasons.length === 0) reasons.push('new to this channel');
  const text = reasons.join(' · ');
  return truncate(text.charAt(0).toUpperCase() + text.slice(1), WHY_MAX);
}

function paperText(item: DigestItem, rank: number): string {
  const { paper } = item;
  const why = `_Why:_ ${whyItMatched(item)}`;
  const authors = shortAuthors(paper.authors);
  const details = [...(authors ? [escapeText(authors)] : []), ...paperLinksMrkdwn(paper)].join('  ·  ');
  // Escaping can grow text (& -> &amp;), so shrink the corpus fields until the section fits.
  for (const [titleMax, summaryMax] of [[TITLE_MAX, 200], [120, 120], [60, 60]] as const) {
    const lines = [
      boldText(`${rank}. ${mrkdwnLink(paperUrl(paper), truncate(paper.title, titleMax))}`),
      escapeText(firstSentence(paper.abstract, summaryMax)),
      why,
      details,
    ].filter((line) => line.trim() !== '');
    const text = lines.join('\n');
    if (text.length <= SLACK_LIMITS.sectionText) return text;
  }
  return truncate(escapeText(paper.title), SLACK_LIMITS.sectionText);
}

function paperBlocks(item: DigestItem, rank: number): Block[] {
  const idPart = truncate(item.paper.id, 200);
  return [
    { type: 'section', block_id: `digest_paper_${rank}_${idPart}`, text: { type: 'mrkdwn', text: paperText(item, rank) } },
    paperActions(item.paper.id, item.trending.voteCount, `digest_actions_${rank}_${idPart}`),
  ];
}

function describeTopics(topics: readonly string[]): { mrkdwn: string; plain: string } {
  if (topics.length === 0) return { mrkdwn: 'Overall trending papers', plain: 'overall trending' };
  return {
    mrkdwn: `Papers on ${topics.map((t) => boldText(escapeText(t))).join(', ')}`,
    plain: escapeText(topics.join(', ')),
  };
}

function describeSchedule(schedule: DigestSchedule | null): string {
  if (!schedule) return '';
  const days = schedule.days === 'weekdays' ? 'Weekdays' : 'Every day';
  return `${days} at ${schedule.time} ${zoneCode(schedule.timezone)}. `;
}

export function renderDigestMessage(input: DigestMessageInput): SlackMessage {
  const { selection, digestDate, schedule } = input;
  const items = selection.items.slice(0, MAX_DIGEST_PAPERS);
  const date = formatDigestDate(digestDate);
  const about = describeTopics(selection.topics);
  const footer =
    `${describeSchedule(schedule)}Change it: \`/papers subscribe &lt;topics&gt;\` · ` +
    `\`/papers digest at 09:00 Europe/Berlin weekdays\` · \`/papers unsubscribe\` · \`/papers subscriptions\``;

  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(`Trending papers · ${date}`, SLACK_LIMITS.headerText), emoji: true } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(`${about.mrkdwn} · ${plural(items.length, 'paper')}`, 2000) }] },
    { type: 'divider' },
    ...items.flatMap((item, i) => paperBlocks(item, i + 1)),
    { type: 'divider' },
    { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(footer, 1000) }] },
  ];

  // Slack reads the fallback as mrkdwn too, so corpus text is escaped there as well: a title
  // holding "<!channel>" must not notify anyone.
  const titles = items.map((item, i) => `${i + 1}. ${escapeText(truncate(item.paper.title, 150))}`);
  const text = truncate(`Trending papers · ${date} (${about.plain}):\n${titles.join('\n')}`, 3000);
  return { text, blocks };
}
