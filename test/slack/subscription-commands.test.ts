/**
 * The subscription subcommands driven directly (no Bolt): a real WebClient against the fake Slack
 * for the channel check, an in-memory store implementing the port's methods they use, and replies
 * collected as the user would see them. The signed, end-to-end path is in subscriptions-e2e.test.ts.
 */
import { webApi } from '@slack/bolt';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DigestNowOutcome } from '../../src/digest/deliver-digest.js';
import { buildDigestSubcommands, type DigestSubcommandDeps } from '../../src/slack/subcommands/subscription-subcommands.js';
import type { SubcommandContext } from '../../src/slack/subcommands/subcommand.js';
import type { DigestRecord, NewSubscription, Subscription } from '../../src/store/store.js';
import { slackError, startFakeSlack, type FakeSlack } from '../support/fake-slack.js';

const NOW = new Date('2026-11-23T07:00:00Z'); // Monday, 08:00 in Berlin

class MemoryStore implements Pick<DigestSubcommandDeps['store'], keyof DigestSubcommandDeps['store']> {
  readonly subs = new Map<string, Subscription>();
  readonly digests: DigestRecord[] = [];
  async getSubscription(teamId: string, channelId: string) {
    return this.subs.get(`${teamId}/${channelId}`) ?? null;
  }
  async saveSubscription(sub: NewSubscription, now: Date) {
    const previous = this.subs.get(`${sub.teamId}/${sub.channelId}`);
    const saved: Subscription = { ...sub, topics: [...sub.topics], pausedReason: null, createdAt: previous?.createdAt ?? now, updatedAt: now };
    this.subs.set(`${sub.teamId}/${sub.channelId}`, saved);
    return saved;
  }
  async deleteSubscription(teamId: string, channelId: string) {
    return this.subs.delete(`${teamId}/${channelId}`);
  }
  async settledDigestDates(key: { teamId: string; channelId: string; topicsKey: string }, fromDate: string) {
    const settled = this.digests.filter(
      (d) => d.teamId === key.teamId && d.channelId === key.channelId && d.topicsKey === key.topicsKey && d.digestDate >= fromDate && d.status !== 'failed' && d.status !== 'claimed',
    );
    return new Set(settled.map((d) => d.digestDate));
  }
  async lastPostedDigest(teamId: string, channelId: string) {
    return this.digests.filter((d) => d.teamId === teamId && d.channelId === channelId && d.status === 'posted').at(-1) ?? null;
  }
}

let fake: FakeSlack;
let client: webApi.WebClient;
let store: MemoryStore;
let replies: { response_type?: string; text: string }[];
let deliveries: { sub: Subscription; now: Date }[];
let nextOutcome: DigestNowOutcome;

beforeAll(async () => {
  fake = await startFakeSlack();
  client = new webApi.WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
});
afterAll(() => fake.close());
beforeEach(() => {
  store = new MemoryStore();
  replies = [];
  deliveries = [];
  nextOutcome = { kind: 'posted', messageTs: '1700000000.000100', paperCount: 5 };
});

const deps = (): DigestSubcommandDeps => ({
  store,
  config: { defaultTime: '09:00', defaultTimezone: 'Europe/Berlin', maxPapers: 5 },
  deliver: async (sub, now) => {
    deliveries.push({ sub, now });
    return nextOutcome;
  },
  topicHasMatches: (topic) => !topic.includes('difusion'),
});

async function run(text: string, channel = 'C0CHAN', now = NOW): Promise<{ response_type?: string; text: string }> {
  const [word = '', ...rest] = text.split(' ');
  const handler = buildDigestSubcommands(deps())[word];
  if (!handler) throw new Error(`no handler for ${word}`);
  const before = replies.length;
  const ctx = {
    command: { team_id: 'T0TEAM', channel_id: channel, user_id: 'U0USER', text } as SubcommandContext['command'],
    args: rest.join(' '),
    respond: (async (message: { response_type?: string; text: string }) => {
      replies.push(message);
    }) as unknown as SubcommandContext['respond'],
    client,
    logger: pino({ level: 'silent' }),
    now,
  } satisfies SubcommandContext;
  await handler(ctx);
  expect(replies.length).toBe(before + 1);
  return replies.at(-1) as { response_type?: string; text: string };
}

const subOf = (channel = 'C0CHAN') => store.subs.get(`T0TEAM/${channel}`);

describe('/papers subscribe', () => {
  it('saves topics with the default time, zone and weekdays, and tells the channel', async () => {
    const reply = await run('subscribe Diffusion and "mixture of experts", quantization');
    expect(subOf()).toMatchObject({ topics: ['diffusion', 'mixture of experts', 'quantization'], time: '09:00', timezone: 'Europe/Berlin', days: 'weekdays', createdBy: 'U0USER' });
    expect(reply.response_type).toBe('in_channel');
    expect(reply.text).toContain('*diffusion*, *mixture of experts*, *quantization*');
    expect(reply.text).toContain('weekdays (Mon–Fri) at *09:00* `Europe/Berlin`');
    // Next digest today at 09:00 Berlin = 08:00 UTC, shown in each reader's zone.
    expect(reply.text).toContain(`<!date^${Date.parse('2026-11-23T08:00:00Z') / 1000}^`);
  });
  it('saves a topic nothing matches yet, and warns about it', async () => {
    const reply = await run('subscribe difusion, quantization');
    expect(subOf()?.topics).toEqual(['difusion', 'quantization']);
    expect(reply.text).toContain('No paper matches *difusion* yet (check the spelling?)');
    expect((await run('subscribe quantization')).text).not.toContain('No paper matches');
  });
  it('with no topics subscribes to overall trending', async () => {
    const reply = await run('subscribe');
    expect(subOf()?.topics).toEqual([]);
    expect(reply.text).toContain('the overall trending papers');
  });
  it('keeps an existing time and zone when topics change', async () => {
    await run('digest at 7:30am America/New_York daily');
    await run('subscribe agents');
    expect(subOf()).toMatchObject({ topics: ['agents'], time: '07:30', timezone: 'America/New_York', days: 'daily' });
  });
  it('saves nothing and says how to invite the bot when it is not in the channel', async () => {
    fake.answerOnce('conversations.info', (req) => ({ body: { ok: true, channel: { id: req.body['channel'], is_member: false } } }));
    const reply = await run('subscribe diffusion', 'C0OUT');
    expect(reply.text).toContain('/invite @paperboy');
    expect(reply.response_type).toBe('ephemeral');
    expect(subOf('C0OUT')).toBeUndefined();

    fake.answerOnce('conversations.info', slackError('channel_not_found'));
    expect((await run('subscribe diffusion', 'G0PRIV')).text).toContain('/invite @paperboy');
    expect(subOf('G0PRIV')).toBeUndefined();
  });
  it('refuses an archived channel and bad topics without saving', async () => {
    fake.answerOnce('conversations.info', (req) => ({ body: { ok: true, channel: { id: req.body['channel'], is_member: true, is_archived: true } } }));
    expect((await run('subscribe diffusion')).text).toContain('archived');
    expect((await run(`subscribe ${'x'.repeat(150)}`)).text).toContain('longer than 100 characters');
    expect(store.subs.size).toBe(0);
  });
});

describe('/papers unsubscribe', () => {
  beforeEach(async () => {
    await run('subscribe diffusion, quantization');
  });
  it('drops one topic and keeps the rest', async () => {
    const reply = await run('unsubscribe quantization');
    expect(subOf()?.topics).toEqual(['diffusion']);
    expect(reply.text).toContain('now gets papers on *diffusion*');
  });
  it('stops the digest when the last topic goes', async () => {
    await run('unsubscribe quantization');
    const reply = await run('unsubscribe diffusion');
    expect(subOf()).toBeUndefined();
    expect(reply.text).toContain('the last topic');
  });
  it('changes nothing for a topic the channel does not follow', async () => {
    const reply = await run('unsubscribe agents');
    expect(subOf()?.topics).toEqual(['diffusion', 'quantization']);
    expect(reply.text).toContain('does not follow *agents*');
  });
  it('stops everything without arguments, and says so when there is nothing to stop', async () => {
    await run('unsubscribe');
    expect(subOf()).toBeUndefined();
    expect((await run('unsubscribe')).text).toContain('has no daily digest');
  });
});

describe('/papers subscriptions', () => {
  it('says what, when, next and last', async () => {
    expect((await run('subscriptions')).text).toContain('has no daily digest');
    await run('subscribe diffusion');
    store.digests.push({
      teamId: 'T0TEAM', channelId: 'C0CHAN', digestDate: '2026-11-20', topicsKey: 'diffusion', claimedBy: 'p1', claimedAt: new Date('2026-11-20T08:00:00Z'),
      messageTs: '1700000000.000042', postedAt: new Date('2026-11-20T08:00:05Z'), paperIds: ['a', 'b', 'c'], status: 'posted',
    });
    const reply = await run('subscriptions');
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('papers on *diffusion*');
    expect(reply.text).toContain(`Next digest: <!date^${Date.parse('2026-11-23T08:00:00Z') / 1000}^`);
    expect(reply.text).toMatch(/Last digest: <!date\^\d+\^.*2026-11-20 09:00 Europe\/Berlin>, 3 papers \(<https:\/\/slack.com\/archives\/C0CHAN\/p1700000000000042\|see it>\)/);
  });
  it('shows a paused subscription as paused, with the fix', async () => {
    await run('subscribe diffusion');
    store.subs.set('T0TEAM/C0CHAN', { ...(subOf() as Subscription), pausedReason: 'not_in_channel' });
    const reply = await run('subscriptions');
    expect(reply.text).toContain('Paused');
    expect(reply.text).not.toContain('Next digest');
    expect(reply.text).toContain('No digest posted here yet');
  });
});

describe('/papers digest', () => {
  it('at: updates time, zone and days and keeps topics', async () => {
    await run('subscribe diffusion');
    const reply = await run('digest at 21:30 america/new_york daily');
    expect(subOf()).toMatchObject({ topics: ['diffusion'], time: '21:30', timezone: 'America/New_York', days: 'daily' });
    expect(reply.text).toContain('every day at *21:30* `America/New_York`');
    await run('digest at 8am');
    expect(subOf()).toMatchObject({ time: '08:00', timezone: 'America/New_York', days: 'daily' });
  });
  it('at: creates an overall-trending subscription when there is none, and says so', async () => {
    const reply = await run('digest at 09:00 UTC');
    expect(subOf()).toMatchObject({ topics: [], time: '09:00', timezone: 'UTC', days: 'weekdays' });
    expect(reply.text).toContain('had no digest');
  });
  it('at: bad input changes nothing and names the problem', async () => {
    await run('subscribe diffusion');
    expect((await run('digest at 25:00')).text).toContain('“25:00” is not a time of day');
    expect((await run('digest at 09:00 Berlin')).text).toContain('“Berlin” is neither a time zone');
    expect(subOf()).toMatchObject({ time: '09:00', timezone: 'Europe/Berlin' });
  });
  it('now: delivers through the shared use case and reports each outcome', async () => {
    expect((await run('digest now')).text).toContain('has no daily digest');
    expect(deliveries).toHaveLength(0);
    await run('subscribe diffusion');
    expect((await run('digest now')).text).toMatch(/Posted today's digest of papers on \*diffusion\* \(5 papers\).*slack.com\/archives\/C0CHAN\/p1700000000000100/);
    expect(deliveries.map((d) => d.sub.topics)).toEqual([['diffusion']]);
    expect(deliveries[0]?.now).toEqual(NOW);
    nextOutcome = { kind: 'already-done', messageTs: '1700000000.000100' };
    expect((await run('digest now')).text).toContain('already posted');
    nextOutcome = { kind: 'nothing-new' };
    expect((await run('digest now')).text).toContain('Nothing new');
    nextOutcome = { kind: 'paused', reason: 'is_archived' };
    expect((await run('digest now')).text).toContain('paused');
  });
});
