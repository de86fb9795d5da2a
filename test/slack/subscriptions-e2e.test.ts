/**
 * End to end as Slack does it: a real Bolt app in HTTP mode on 127.0.0.1, signed
 * `/papers subscribe diffusion, quantization` then `/papers digest now`; the digest must reach the
 * fake Slack's chat.postMessage for that channel and be recorded, and a second `/papers digest now`
 * the same day must not post again.
 *
 * STAND-INS (until their modules land; see the report of issue 4): the /papers listener here is a
 * minimal dispatcher (the real one imports the search module), the store is an in-memory
 * implementation of the Store port's methods used, the search is a plain word match, and the
 * delivery use case is a minimal claim -> compose -> post -> complete. The subcommand handlers,
 * compose-digest, the digest renderer and the schedule math are the real ones.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIGEST_ACTION_IDS } from '../../src/core/blocks/digest-action-ids.js';
import { findLimitViolations } from '../../src/core/blocks/limits.js';
import type { DigestNowOutcome } from '../../src/core/blocks/subscription-replies.js';
import { localDateOf } from '../../src/core/digest/schedule.js';
import type { Paper } from '../../src/core/paper.js';
import type { SearchOptions, SearchOutcome } from '../../src/core/search/search-types.js';
import { loadSeedCorpus } from '../../src/corpus/load-seeds.js';
import { createComposeDigest } from '../../src/digest/compose-digest.js';
import { buildDigestSubcommands } from '../../src/slack/commands/issue4-subcommands.js';
import type { DigestRecord, NewSubscription, Subscription } from '../../src/store/store.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { postSigned, slashCommandBody } from '../support/sign-request.js';

const SECRET = 'e2e-signing-secret';
const BOT_TOKEN = 'xoxb-e2e-bot-token';
const NOW = new Date('2026-03-20T08:30:00Z'); // Friday 09:30 in Berlin
const TEAM = 'T0TEAM';
const CHANNEL = 'C0CHAN';

/** In-memory stand-in for the SQLite store: subscriptions and the digest log. */
class MemoryStore {
  readonly subs = new Map<string, Subscription>();
  readonly digests = new Map<string, DigestRecord>();
  async getSubscription(teamId: string, channelId: string) {
    return this.subs.get(`${teamId}/${channelId}`) ?? null;
  }
  async saveSubscription(sub: NewSubscription, now: Date) {
    const prev = this.subs.get(`${sub.teamId}/${sub.channelId}`);
    const saved: Subscription = { ...sub, topics: [...sub.topics], pausedReason: null, createdAt: prev?.createdAt ?? now, updatedAt: now };
    this.subs.set(`${sub.teamId}/${sub.channelId}`, saved);
    return saved;
  }
  async deleteSubscription(teamId: string, channelId: string) {
    return this.subs.delete(`${teamId}/${channelId}`);
  }
  async lastPostedDigest(teamId: string, channelId: string) {
    return [...this.digests.values()].filter((d) => d.teamId === teamId && d.channelId === channelId && d.status === 'posted').at(-1) ?? null;
  }
  deliveredPaperIds(teamId: string, channelId: string): Set<string> {
    return new Set([...this.digests.values()].filter((d) => d.teamId === teamId && d.channelId === channelId && d.status === 'posted').flatMap((d) => d.paperIds));
  }
}

function wordSearch(papers: readonly Paper[]) {
  return (query: string, options: SearchOptions): SearchOutcome => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const parsed = { terms: words, phrases: [], excluded: [], isEmpty: words.length === 0 };
    const hits = papers
      .map((paper) => {
        const tokens = `${paper.title} ${paper.abstract}`.toLowerCase().split(/[^a-z0-9]+/);
        const matchedTerms = words.filter((w) => tokens.some((t) => t.startsWith(w)));
        return { paper, score: tokens.filter((t) => words.some((w) => t.startsWith(w))).length, matchedTerms };
      })
      .filter((hit) => hit.score > 0)
      .sort((a, b) => b.score - a.score || a.paper.id.localeCompare(b.paper.id));
    if (hits.length === 0) return { kind: 'no-results', query: parsed, suggestion: null };
    return { kind: 'results', query: parsed, hits: hits.slice(0, options.limit ?? 5), total: hits.length };
  };
}

let fake: FakeSlack;
let app: App;
let url: string;
let papers: readonly Paper[];
const store = new MemoryStore();

beforeAll(async () => {
  fake = await startFakeSlack();
  papers = (await loadSeedCorpus()).papers;
  const compose = createComposeDigest({ papers: () => papers, search: wordSearch(papers), maxPapers: 5 });
  app = new App({ token: BOT_TOKEN, signingSecret: SECRET, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } } });

  // Stand-in for deliverDigest: claim (channel, local date) -> compose -> post -> record.
  const deliver = async (sub: Subscription, now: Date): Promise<DigestNowOutcome> => {
    const digestDate = localDateOf(now, sub.timezone);
    const key = `${sub.teamId}/${sub.channelId}/${digestDate}`;
    const claimed = store.digests.get(key);
    if (claimed) return { kind: 'already-done', messageTs: claimed.messageTs };
    const base = { teamId: sub.teamId, channelId: sub.channelId, digestDate, claimedBy: 'e2e', claimedAt: now };
    store.digests.set(key, { ...base, messageTs: null, postedAt: null, paperIds: [], status: 'claimed' });
    const digest = compose(sub, store.deliveredPaperIds(sub.teamId, sub.channelId), [], now);
    if (!digest) {
      store.digests.set(key, { ...base, messageTs: null, postedAt: null, paperIds: [], status: 'skipped' });
      return { kind: 'nothing-new' };
    }
    const posted = await app.client.chat.postMessage({ channel: sub.channelId, text: digest.text, blocks: digest.blocks, unfurl_links: false });
    store.digests.set(key, { ...base, messageTs: posted.ts ?? null, postedAt: now, paperIds: digest.paperIds, status: 'posted' });
    return { kind: 'posted', messageTs: posted.ts ?? '', paperCount: digest.paperIds.length };
  };

  const handlers = buildDigestSubcommands({
    store,
    config: { defaultTime: '09:00', defaultTimezone: 'Europe/Berlin', maxPapers: 5 },
    deliver,
    topicHasMatches: (topic) => wordSearch(papers)(topic, { limit: 1 }).kind === 'results',
  });
  // Stand-in for the /papers listener: ack first, then dispatch on the first word.
  app.command('/papers', async ({ ack, command, respond, client }) => {
    await ack();
    const [word = '', ...rest] = command.text.trim().split(/\s+/);
    const handler = handlers[word.toLowerCase()];
    if (!handler) throw new Error(`no handler for ${word}`);
    await handler({ command, args: rest.join(' '), respond, client, logger: pino({ level: 'silent' }), now: NOW });
  });
  const server = (await app.start(0)) as Server;
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
});

afterAll(async () => {
  await app.stop();
  await fake.close();
});

async function slash(text: string, id: string): Promise<Record<string, unknown>> {
  const body = slashCommandBody({
    token: 'x', team_id: TEAM, team_domain: 'lab', channel_id: CHANNEL, channel_name: 'ml-papers', user_id: 'U0USER', user_name: 'ada',
    command: '/papers', text, api_app_id: 'A0APP', response_url: fake.responseUrl(id), trigger_id: '1.2.3',
  });
  const response = await postSigned(url, SECRET, body);
  expect(response.status).toBe(200);
  return (await fake.waitFor((r) => r.kind === 'response' && r.method === id)).body;
}

type Json = Record<string, any>;

describe('/papers subscribe then /papers digest now', () => {
  it('subscribes the channel after checking the bot can post there', async () => {
    const reply = await slash('subscribe diffusion, quantization', 'subscribe');
    expect(reply['response_type']).toBe('in_channel');
    expect(String(reply['text'])).toContain('papers on *diffusion*, *quantization*');
    expect(fake.calls('conversations.info').map((r) => r.body['channel'])).toEqual([CHANNEL]);
    expect(await store.getSubscription(TEAM, CHANNEL)).toMatchObject({ topics: ['diffusion', 'quantization'], time: '09:00', timezone: 'Europe/Berlin', days: 'weekdays' });
  });

  it('posts the digest to the channel: dated header, matching papers, upvote buttons, fallback text', async () => {
    const reply = await slash('digest now', 'now1');
    const posts = fake.calls('chat.postMessage');
    expect(posts).toHaveLength(1);
    const post = posts[0] as { token: string | null; body: Json };
    expect(post.token).toBe(BOT_TOKEN);
    expect(post.body['channel']).toBe(CHANNEL);
    const blocks = post.body['blocks'] as Json[];
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Trending papers · Fri 20 Mar' } });
    expect(String(post.body['text'])).toMatch(/^Trending papers · Fri 20 Mar \(diffusion, quantization\):\n1\. /);
    expect(findLimitViolations({ text: String(post.body['text']), blocks })).toEqual([]);

    const buttons = blocks.filter((b) => b['type'] === 'actions').flatMap((b) => b['elements'] as Json[]);
    expect(buttons).toHaveLength(5);
    expect(new Set(buttons.map((b) => b['action_id']))).toEqual(new Set([DIGEST_ACTION_IDS.upvote]));
    for (const button of buttons) {
      const paper = papers.find((p) => p.id === button['value']) as Paper;
      expect(`${paper.title} ${paper.abstract}`.toLowerCase()).toMatch(/diffusion|quantiz/);
    }

    const record = store.digests.get(`${TEAM}/${CHANNEL}/2026-03-20`);
    expect(record).toMatchObject({ status: 'posted', postedAt: NOW, paperIds: buttons.map((b) => b['value']) });
    expect(String(reply['text'])).toContain(`slack.com/archives/${CHANNEL}/p${String(record?.messageTs).replace('.', '')}`);
  });

  it('a second digest now the same day does not post again, and links to the first', async () => {
    const reply = await slash('digest now', 'now2');
    expect(fake.calls('chat.postMessage')).toHaveLength(1);
    expect(String(reply['text'])).toContain('already posted');
    const status = await slash('subscriptions', 'status');
    expect(String(status['text'])).toMatch(/Last digest: .*5 papers/);
  });
});
