/**
 * Hostile titles, abstracts, authors, arXiv ids, dates, code links, topics and queries (Slack markup, mentions, <!channel>,
 * &, entities, formatting characters, control characters, up to 4,000 characters) through every
 * renderer: no Slack control sequence survives unescaped in any string field of the output, and
 * every message stays within Slack's limits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderDigestMessage } from '../../../src/core/blocks/digest-message.js';
import { DIGEST_UPVOTE_REPLIES } from '../../../src/core/blocks/digest-upvote-reply.js';
import { findLimitViolations, SLACK_LIMITS } from '../../../src/core/blocks/limits.js';
import type { SlackMessage } from '../../../src/core/blocks/message.js';
import { decodePageRequest } from '../../../src/core/blocks/page-value.js';
import { renderHelp } from '../../../src/core/blocks/render-help.js';
import { renderHome } from '../../../src/core/blocks/render-home.js';
import { NOTICES } from '../../../src/core/blocks/render-notice.js';
import { renderSavedList, SAVE_REPLIES } from '../../../src/core/blocks/render-saved.js';
import { renderSearchResults } from '../../../src/core/blocks/render-search-results.js';
import { searchPage } from '../../../src/core/blocks/search-page.js';
import { renderSharedPaper } from '../../../src/core/blocks/render-shared-paper.js';
import { SUBSCRIPTION_REPLIES, type SubscriptionView } from '../../../src/core/blocks/subscription-replies.js';
import { parseDigestArgs, parseTopics } from '../../../src/core/digest/parse-subscription-args.js';
import type { DigestItem } from '../../../src/core/digest/select-digest.js';
import type { Paper } from '../../../src/core/paper.js';
import { buildSearchIndex, moreLikeThis, searchPapers } from '../../../src/core/search/search-index.js';
import { droppedMarkupNote, readCommandText } from '../../../src/core/search/slack-command-text.js';
import { findUnsafeStrings } from '../../support/slack-safety.js';
import { VOTE_REPLIES } from '../../../src/core/blocks/vote-replies.js';
import { similarPapers } from '../../../src/core/recommend/similar-papers.js';
import { renderUnfurl } from '../../../src/core/blocks/render-unfurl.js';
import { withVoteCount } from '../../../src/core/blocks/vote-button.js';

const PIECES = [
  '<', '>', '&', '&amp;', '&lt;', '&gt;;', '<!channel>', '<!here>', '<!everyone>', '<!subteam^S0TEAM|@ml>',
  '<@U0ALICE>', '<@U0ALICE|alice>', '<#C0GEN|general>', '<https://evil.example|click>', '<https://x.y>', '<mailto:a@b.c|mail>',
  '<!date^1700000000^{date}|x>', '*', '_', '~', '`', '|', '*bold*', '_it_', '```', '>quote', '\u0000', '\u0007', '\u001b', '\u007f',
  '\n', '\t', ' ', 'diffusion', 'quantization', 'model', 'é', '🧪', '\u200b', 'https://arxiv.org/abs/2401.12345', '"', '-',
];

const hostile = (maxPieces: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: maxPieces }).map((parts) => parts.join(''));
/** Either a mix of pieces or one piece repeated to 4,000 characters. */
const hostileText = fc.oneof(
  hostile(60),
  fc.constantFrom(...PIECES).map((piece) => piece.repeat(Math.ceil(4000 / piece.length)).slice(0, 4000)),
);

const paperArb = (id: string): fc.Arbitrary<Paper> =>
  fc
    .record({
      title: hostileText,
      abstract: hostileText,
      code: fc.constantFrom(null, 'https://github.com/a/b_c*d', 'https://github.com/<@U0ALICE>&x'),
      // Ingested papers' fields: hostile author names (one to many), an arXiv id that is one or
      // is markup, a publication date that is one or is not.
      authors: fc.option(fc.array(hostileText, { minLength: 1, maxLength: 6 }), { nil: undefined }),
      arxivId: fc.constantFrom(undefined, null, '2611.20001', 'hep-th/9901001', '2611.2<!channel>', '<https://evil.example|x>'),
      publishedAt: fc.constantFrom(undefined, null, '2026-11-30T10:00:00.000Z', '<!date^1700000000^{date}|x>'),
    })
    .map(({ title, abstract, code, authors, arxivId, publishedAt }) => ({
    id,
    // Every paper holds a searchable word, so the hostile query still finds something.
    title: `${title} diffusion`,
    abstract: `${abstract} diffusion quantization`,
    searchAliases: '',
    listedOn: { month: 3, day: 14 },
    sources: [{ file: 'hostile.txt', line: 1, listedOn: { month: 3, day: 14 } }],
    codeLinks: code ? [code] : [],
    otherLinks: [],
    sourceUpvotes: 3,
    ...(authors !== undefined ? { authors } : {}),
    ...(arxivId !== undefined ? { arxivId } : {}),
    ...(publishedAt !== undefined ? { publishedAt } : {}),
  }));

const ACTOR = 'U0USER';

function expectSafe(message: SlackMessage | { blocks: unknown[] }, label: string, maxBlocks: number = SLACK_LIMITS.blocksPerMessage): void {
  expect(findUnsafeStrings(message, { users: [ACTOR] }), label).toEqual([]);
  expect(findLimitViolations(message, { maxBlocks, requireText: 'text' in message }), label).toEqual([]);
}

const view = (topics: readonly string[]): SubscriptionView => ({
  channelId: 'C0CHAN',
  topics,
  schedule: { time: '09:00', timezone: 'Europe/Berlin', days: 'weekdays' },
  pausedReason: null,
});

describe('every renderer, fed hostile text', () => {
  it('escapes every string field and keeps every limit', () => {
    fc.assert(
      fc.property(fc.tuple(paperArb('p1'), paperArb('p2'), paperArb('p3')), hostileText, fc.array(hostileText, { minLength: 1, maxLength: 4 }), (papers, rawQuery, topics) => {
        const index = buildSearchIndex(papers);
        // The query as Slack would send it: read at the edge, then searched and echoed back.
        const command = readCommandText(rawQuery);
        const note = droppedMarkupNote(command);
        const notes = note ? [note] : [];
        for (const query of [command.text, `${command.text} diffusion`, rawQuery, `${command.text} diffusion has:code`, `${command.text} has:code`, `${rawQuery} has:${rawQuery}`]) {
          const outcome = searchPapers(index, query, { limit: 5, offset: 0 });
          expectSafe(renderSearchResults(outcome, { query, offset: 0, notes }), `search ${outcome.kind}`);
        }
        expectSafe(renderSearchResults({ kind: 'no-results', query: searchPapers(index, 'x').query, suggestion: rawQuery }, { query: rawQuery, offset: 0 }), 'no results + suggestion');
        // A paper named by arXiv id (found, with hostile other words and notes) and one not found.
        for (const query of [`2611.20001 ${command.text}`, `https://arxiv.org/abs/2699.99999 ${command.text}`, `hep-th/9901001 2611.20001 ${rawQuery}`]) {
          const page = searchPage(index, { kind: 'search', query, offset: 0, notes });
          expectSafe(page.render(new Map([['p1', 2]])), `arXiv lookup ${page.outcome.kind}`);
        }
        expectSafe(renderSearchResults(moreLikeThis(index, 'p1', { limit: 5 }), { query: '', offset: 0, similarTo: papers[0] }), 'more like this');
        const similar = similarPapers(index, papers[0], { limit: 5, offset: 0 });
        const hostileReasons = new Map([...similar.reasons.keys()].map((id) => [id, [rawQuery, ...topics]]));
        for (const reasons of [similar.reasons, hostileReasons]) {
          expectSafe(renderSearchResults(similar.outcome, { query: '', offset: 0, similarTo: papers[0], reasons, votes: new Map([['p2', 4]]) }), 'more like this, with reasons');
        }

        for (const paper of papers) {
          expectSafe(renderSharedPaper(paper, ACTOR), 'shared paper');
          expectSafe(SAVE_REPLIES.saved(paper.title), 'saved reply');
          expectSafe(SAVE_REPLIES.alreadySaved(paper.title), 'already saved');
          expectSafe(DIGEST_UPVOTE_REPLIES.counted(paper.title), 'upvoted');
          expectSafe(DIGEST_UPVOTE_REPLIES.alreadyCounted(paper.title), 'already upvoted');
          expectSafe(VOTE_REPLIES.voted(paper.title, 3), 'vote counted');
          expectSafe(VOTE_REPLIES.unvoted(paper.title, 0), 'vote taken back');
          expectSafe(renderUnfurl({ ...paper, authors: [rawQuery, ...topics], publishedAt: rawQuery }, 3), 'unfurl');
          const shared = renderSharedPaper(paper, ACTOR, 2);
          expectSafe({ text: shared.text, blocks: withVoteCount(shared.blocks, paper.id, 12) }, 'shared paper, count updated');
        }
        expectSafe(renderSavedList(papers, 2), 'saved list');
        expectSafe(renderHome({ saved: { papers, missing: 1 } }), 'home', SLACK_LIMITS.blocksPerHomeView);
        const trendingScore = { votes: 1, voteCount: 2, sourceUpvotes: 0, recency: 0, listedDaysAgo: 1, total: 1 };
        const many = Array.from({ length: 25 }, (_, i) => ({ ...(papers[i % 3] as Paper), id: `p${i}` }));
        for (const trained of [true, false]) {
          const home = renderHome(
            {
              saved: { papers: many, missing: 1, read: 3 },
              forYou: { trained, items: many.slice(0, 5).map((paper) => ({ paper, score: 0.5, because: [rawQuery, ...topics].slice(0, 3) })) },
              trending: many.slice(5, 10).map((paper) => ({ paper, trending: trendingScore })),
              subscriptions: [
                { view: view(topics), next: new Date('2026-03-16T08:00:00Z') },
                { view: { ...view(topics), channelId: rawQuery, pausedReason: rawQuery }, next: null },
              ],
              votes: new Map([['p0', 3]]),
            },
            20,
          );
          expectSafe(home, `home, full (trained ${trained})`, SLACK_LIMITS.blocksPerHomeView);
          // Every section fits: nothing was cut off at the block limit.
          expect(home.blocks.length).toBeLessThan(SLACK_LIMITS.blocksPerHomeView);
        }

        const items: DigestItem[] = papers.map((paper, i) => ({
          paper,
          score: 1 - i / 10,
          relevance: 0.5,
          trending: { votes: 1, voteCount: 2, sourceUpvotes: 3, recency: 0.5, listedDaysAgo: 3, total: 1 },
          matches: topics.map((topic) => ({ topic, matchedTerms: ['diffus'], relevance: 1 })),
          centrality: topics.length === 0 ? 0.5 : null,
          centralTo: topics.length === 0 ? ('corpus' as const) : null,
        }));
        expectSafe(
          renderDigestMessage({ selection: { topics, items }, digestDate: '2026-03-14', schedule: { time: '09:00', timezone: 'UTC', days: 'daily' } }),
          'digest',
        );

        const next = new Date('2026-03-16T08:00:00Z');
        expectSafe(SUBSCRIPTION_REPLIES.subscribed(view(topics), next, 'created', ACTOR, topics), 'subscribed');
        expectSafe(SUBSCRIPTION_REPLIES.topicsRemoved(view(topics), topics, ACTOR), 'topics removed');
        expectSafe(SUBSCRIPTION_REPLIES.lastTopicRemoved('C0CHAN', topics, ACTOR), 'last topic removed');
        expectSafe(SUBSCRIPTION_REPLIES.notFollowing(view(topics), topics), 'not following');
        expectSafe(SUBSCRIPTION_REPLIES.status(view(topics), next, { postedAt: next, messageTs: '1700000000.000100', paperCount: 3 }), 'status');
        expectSafe(SUBSCRIPTION_REPLIES.status({ ...view(topics), pausedReason: rawQuery }, null, null), 'paused status');
        expectSafe(SUBSCRIPTION_REPLIES.scheduleChanged(view(topics), next, true, ACTOR), 'schedule changed');
        for (const outcome of [
          { kind: 'posted', messageTs: '1700000000.000100', paperCount: 3 },
          { kind: 'already-done', messageTs: null },
          { kind: 'nothing-new' },
          { kind: 'paused', reason: rawQuery },
          { kind: 'failed', error: rawQuery },
        ] as const) {
          expectSafe(SUBSCRIPTION_REPLIES.digestNow({ channelId: 'C0CHAN', topics }, outcome), `digest now ${outcome.kind}`);
        }
        // The parsers' complaints quote what the user typed, and are sent as they are.
        for (const text of [rawQuery, topics.join(', '), command.text]) {
          const parsedTopics = parseTopics(text);
          if (!parsedTopics.ok) expectSafe(SUBSCRIPTION_REPLIES.invalid(parsedTopics.message), 'invalid topics');
          const parsedDigest = parseDigestArgs(text);
          if (!parsedDigest.ok) expectSafe(SUBSCRIPTION_REPLIES.invalid(parsedDigest.message), 'invalid digest args');
        }
      }),
      { numRuns: 40 },
    );
  });

  it('the fixed messages (help, notices) are safe too', () => {
    expectSafe(renderHelp(), 'help');
    expectSafe(renderHome(), 'home', SLACK_LIMITS.blocksPerHomeView);
    const fixed = [
      NOTICES.somethingWentWrong(), NOTICES.paperNotFound(), NOTICES.staleButton(), NOTICES.notInChannel(), NOTICES.cannotShareHere('<!channel>&'), NOTICES.shared('C0CHAN'),
      SUBSCRIPTION_REPLIES.unsubscribedAll('C0CHAN', ACTOR), SUBSCRIPTION_REPLIES.noSubscription('C0CHAN'),
      ...(['not_in_channel', 'archived', 'direct_message'] as const).map((reason) => SUBSCRIPTION_REPLIES.refused({ reason })),
      SUBSCRIPTION_REPLIES.refused({ reason: 'missing_scope', needed: 'channels:read' }), SUBSCRIPTION_REPLIES.refused({ reason: 'missing_scope', needed: null }),
      SAVE_REPLIES.notSaved(), SAVE_REPLIES.unavailable(), VOTE_REPLIES.unavailable(), DIGEST_UPVOTE_REPLIES.unknownPaper(), renderSavedList([], 3),
    ];
    for (const notice of fixed) {
      expectSafe(notice, 'notice');
    }
  });

  it('a "Next 5" value carries the hostile query back unchanged, with no control characters in it', () => {
    fc.assert(
      fc.property(hostileText, (query) => {
        const outcome = { kind: 'results' as const, query: searchPapers(buildSearchIndex([]), 'x').query, hits: [], total: 50 };
        const message = renderSearchResults(outcome, { query, offset: 0 });
        const value = JSON.stringify(message.blocks).match(/"value":"((?:[^"\\]|\\.)*)"/)?.[1];
        expect(value).toBeDefined();
        expect(findUnsafeStrings(message.blocks)).toEqual([]);
        expect(value).not.toMatch(/[<>&\u007f]/);
        const decoded = decodePageRequest(JSON.parse(`"${value}"`) as string);
        expect(decoded?.kind).toBe('search');
        if (decoded?.kind === 'search') expect(query.startsWith(decoded.query)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});
