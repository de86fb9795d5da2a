/**
 * The App Home tab, a reading list and a front page: "For you" (papers like the ones the user
 * saved or voted for; the workspace's trending ones and how to train it while there is no
 * history), the reading list (unread saves newest first with Upvote, Mark as read and Remove;
 * read ones folded into a line; paged), this workspace's trending papers this week, the channels
 * subscribed with when each next gets its digest, and the usage. Pure; at most 100 blocks.
 */
import type { Paper } from '../paper.js';
import type { Recommendation } from '../recommend/for-you.js';
import type { TrendingPaper } from '../recommend/trending-papers.js';
import type { SubscriptionView } from './subscription-replies.js';
import { ACTION_IDS } from './action-ids.js';
import { SLACK_LIMITS, truncate } from './limits.js';
import type { Block, HomeView } from './message.js';
import { boldText, escapeText, mrkdwnLink } from './mrkdwn.js';
import { paperActions } from './paper-actions.js';
import { codeUrl, formatListingDate, paperUrl } from './paper-view.js';
import { helpBlocks } from './render-help.js';
import { SAVED_PAGE_SIZE, savedPageStart, savedPaging } from './render-saved.js';
import { describeTopics, slackDate } from './subscription-replies.js';
import { voteButton } from './vote-button.js';

export interface HomeSaved {
  /** Unread saves, newest first. */
  readonly papers: readonly Paper[];
  /** Saves whose paper is no longer in the corpus. */
  readonly missing: number;
  /** Saves marked read: folded into one line. */
  readonly read?: number;
}

export interface HomeSubscription {
  readonly view: SubscriptionView;
  /** When its next digest goes out (nextDigestInstant, the scheduler's rule). */
  readonly next: Date | null;
}

export interface HomeInput {
  /** Absent without a store. */
  readonly saved?: HomeSaved;
  /** Recommendations; `trained` false means the user has no saves or votes yet. */
  readonly forYou?: { readonly trained: boolean; readonly items: readonly Recommendation[] };
  readonly trending?: readonly TrendingPaper[];
  readonly subscriptions?: readonly HomeSubscription[];
  /** The workspace's vote counts for the papers shown. */
  readonly votes?: ReadonlyMap<string, number>;
}

const TITLE_MAX = 200;
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function paperLine(paper: Paper, detail: string | null): string {
  const date = formatListingDate(paper.listedOn);
  const code = codeUrl(paper);
  const details = [detail, date ? `Listed ${date}` : null, code ? mrkdwnLink(code, 'Code') : null].filter((d): d is string => d !== null && d !== '');
  for (const titleMax of [TITLE_MAX, 80]) {
    const text = [boldText(mrkdwnLink(paperUrl(paper), truncate(paper.title, titleMax))), details.join('  ·  ')].filter((l) => l !== '').join('\n');
    if (text.length <= SLACK_LIMITS.sectionText) return text;
  }
  return truncate(escapeText(paper.title), SLACK_LIMITS.sectionText);
}

const header = (text: string): Block => ({ type: 'header', text: { type: 'plain_text', text, emoji: true } });
const context = (mrkdwn: string): Block => ({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(mrkdwn, SLACK_LIMITS.sectionText) }] });

function listedPaper(prefix: string, rank: number, paper: Paper, detail: string | null, votes: number): Block[] {
  const id = truncate(paper.id, 200);
  return [
    { type: 'section', block_id: `${prefix}_${rank}_${id}`, text: { type: 'mrkdwn', text: paperLine(paper, detail) } },
    paperActions(paper.id, votes, `${prefix}_actions_${rank}_${id}`),
  ];
}

const FOR_YOU_HINT = 'Press *Upvote* or *Save* on papers you like (here, under search results, in digests) and this section learns your taste.';

function forYouBlocks(input: HomeInput): Block[] {
  const forYou = input.forYou;
  if (!forYou) return [];
  const blocks: Block[] = [header('For you')];
  if (!forYou.trained) blocks.push(context(`Trending in your workspace for now. ${FOR_YOU_HINT}`));
  if (forYou.items.length === 0) {
    blocks.push(context(forYou.trained ? 'Nothing new like your saves and votes this week; check back after the next papers arrive.' : 'No trending papers yet.'));
  }
  forYou.items.forEach((item, i) => {
    const because = item.because.length > 0 && forYou.trained ? `_Because you liked:_ ${escapeText(item.because.join(', '))}` : null;
    blocks.push(...listedPaper('foryou', i + 1, item.paper, because, input.votes?.get(item.paper.id) ?? 0));
  });
  return blocks;
}

function readingListBlocks(saved: HomeSaved, offset: number, votes: ReadonlyMap<string, number> | undefined): Block[] {
  const blocks: Block[] = [header('Your reading list')];
  const { papers } = saved;
  const read = saved.read ?? 0;
  const notes: string[] = [];
  if (papers.length === 0) notes.push(read > 0 ? 'All caught up.' : 'Nothing saved yet. Press *Save* under a search result, a digest paper or a paper here.');
  const start = savedPageStart(papers.length, offset);
  const shown = papers.slice(start, start + SAVED_PAGE_SIZE);
  shown.forEach((paper, i) => {
    const rank = start + i + 1;
    const id = truncate(paper.id, 200);
    const value = truncate(paper.id, SLACK_LIMITS.buttonValue);
    blocks.push(
      // The section's block id carries the rank: a Remove or Mark as read redraws this page.
      { type: 'section', block_id: `saved_${rank}_${id}`, text: { type: 'mrkdwn', text: paperLine(paper, null) } },
      {
        type: 'actions',
        block_id: `saved_${rank}_actions_${id}`,
        elements: [
          voteButton(paper.id, votes?.get(paper.id) ?? 0),
          { type: 'button', text: { type: 'plain_text', text: 'Mark as read', emoji: true }, action_id: ACTION_IDS.markRead, value },
          { type: 'button', text: { type: 'plain_text', text: 'Remove', emoji: true }, action_id: ACTION_IDS.unsave, value },
        ],
      },
    );
  });
  if (papers.length > shown.length) notes.push(`Showing ${start + 1}–${start + shown.length} of ${papers.length} unread.`);
  if (read > 0) notes.push(`${plural(read, 'read paper')} folded away (\`/papers saved\` lists every saved paper).`);
  if (saved.missing > 0) notes.push(`${plural(saved.missing, 'saved paper')} no longer in the corpus.`);
  if (notes.length > 0) blocks.push(context(notes.join(' ')));
  const paging = savedPaging(papers.length, start, shown.length);
  if (paging) blocks.push(paging);
  return blocks;
}

function trendingBlocks(trending: readonly TrendingPaper[], votes: ReadonlyMap<string, number> | undefined): Block[] {
  const blocks: Block[] = [header('Trending this week')];
  if (trending.length === 0) blocks.push(context('Nothing trending yet: votes and new listings put papers here.'));
  trending.forEach(({ paper, trending: score }, i) => {
    const detail = score.voteCount > 0 ? `${plural(score.voteCount, 'vote')} from your workspace this week` : null;
    blocks.push(...listedPaper('trending', i + 1, paper, detail, votes?.get(paper.id) ?? 0));
  });
  return blocks;
}

function subscriptionBlocks(subscriptions: readonly HomeSubscription[]): Block[] {
  const lines = subscriptions.map(({ view, next }) => {
    const channel = /^[CG][A-Z0-9]{2,30}$/.test(view.channelId) ? `<#${view.channelId}>` : 'a channel';
    const when = view.pausedReason ? '_paused_ (`/papers subscribe` there resumes it)' : next ? `next digest ${slackDate(next, view.schedule.timezone)}` : 'no digest scheduled';
    return `${channel}: ${describeTopics(view.topics)} · ${when}`;
  });
  // Whole lines only: a cut inside a <#channel> or <!date> would show raw markup.
  const kept: string[] = [];
  let length = 0;
  for (const line of lines) {
    if (length + line.length + 1 > SLACK_LIMITS.sectionText - 40) break;
    kept.push(line);
    length += line.length + 1;
  }
  if (kept.length < lines.length) kept.push(`…and ${lines.length - kept.length} more (\`/papers subscriptions\` in each channel).`);
  const text = kept.length > 0 ? kept.join('\n') : 'No channel gets a digest yet. In a channel: `/invite @paperboy`, then `/papers subscribe diffusion, quantization`.';
  return [header('Digests in this workspace'), { type: 'section', text: { type: 'mrkdwn', text } }];
}

/** `savedOffset`: which page of the reading list to show (Previous / Next on the tab). */
export function renderHome(input: HomeInput = {}, savedOffset = 0): HomeView {
  const sections: Block[][] = [];
  const forYou = forYouBlocks(input);
  if (forYou.length > 0) sections.push(forYou);
  if (input.saved) sections.push(readingListBlocks(input.saved, savedOffset, input.votes));
  if (input.trending) sections.push(trendingBlocks(input.trending, input.votes));
  if (input.subscriptions) sections.push(subscriptionBlocks(input.subscriptions));
  const blocks: Block[] = [
    header('paperboy'),
    context('Invite me to a channel (`/invite @paperboy`) before sharing papers or subscribing it to a digest.'),
    ...sections.flatMap((section) => [{ type: 'divider' } as const, ...section]),
    { type: 'divider' },
    ...helpBlocks(),
  ];
  return { type: 'home', blocks: blocks.slice(0, SLACK_LIMITS.blocksPerHomeView) };
}
