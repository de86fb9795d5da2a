/**
 * A channel's digest over one morning, end to end through the real Bolt app (HTTP mode, signed
 * slash commands) and the fake Slack, with the real delivery use case and the scheduler's pass:
 *  - "Next digest" after `/papers digest now` is the next date the scheduler will actually post;
 *  - a new subscription with other topics gets today's digest once, and the replies say so;
 *  - changes are posted in the channel naming who made them, refusals are ephemeral;
 *  - DMs, missing scopes and channels the bot is not in get what to do instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueDigests, type RunDueDigestsDeps } from '../../src/scheduler/run-due-digests.js';
import { slackError } from '../support/fake-slack.js';
import { createMemoryStore } from '../support/memory-store.js';
import { postSigned, slashCommandBody } from '../support/sign-request.js';
import { SIGNING_SECRET, slashCommand, startPaperboy, type Harness } from './harness.js';

const TEAM = 'T0TEAM';
const CHANNEL = 'C0CHAN';
const store = createMemoryStore();
let clock = new Date('2026-11-23T06:04:00Z'); // Monday
let h: Harness;
let deliverDeps: () => RunDueDigestsDeps;

beforeAll(async () => {
  // The scheduler's passes are driven by hand below (runDueDigests at chosen instants), over the
  // same delivery the bot's `/papers digest now` uses.
  const started = await startPaperboy({ DIGEST_DEFAULT_TIMEZONE: 'UTC', DIGEST_MAX_PAPERS: '3' }, { store, clock: () => clock, claimant: 'e2e' });
  h = started;
  deliverDeps = () => started.paperboy.delivery;
});
afterAll(async () => {
  await h.close();
});

let replyCount = 0;
async function slash(text: string, extra: Record<string, string> = {}): Promise<{ response_type: string; text: string }> {
  const id = `r${++replyCount}`;
  const response = await postSigned(h.eventsUrl, SIGNING_SECRET, slashCommandBody(slashCommand(text, h.fake.responseUrl(id), extra)));
  expect(response.status).toBe(200);
  const body = (await h.fake.waitFor((r) => r.kind === 'response' && r.method === id)).body;
  return { response_type: String(body['response_type']), text: String(body['text']) };
}

const epoch = (iso: string): number => Date.parse(iso) / 1000;
const posts = () => h.fake.calls('chat.postMessage').filter((r) => r.body['channel'] === CHANNEL);
const link = (ts: string): string => `slack.com/archives/${CHANNEL}/p${ts.replace('.', '')}`;

describe('next digest after /papers digest now (issue 9.6)', () => {
  it('digest now at 06:04, then digest at 06:07: the reply and /papers subscriptions say tomorrow 06:07, and 06:07 posts nothing', async () => {
    await slash('subscribe diffusion');
    expect((await slash('digest now')).text).toContain("Posted today's digest of papers on *diffusion*");
    expect(posts()).toHaveLength(1);

    const changed = await slash('digest at 06:07 UTC daily');
    expect(changed.text).toContain(`Next digest: <!date^${epoch('2026-11-24T06:07:00Z')}^`);
    const status = await slash('subscriptions');
    expect(status.text).toContain(`Next digest: <!date^${epoch('2026-11-24T06:07:00Z')}^`);

    // The scheduler, on the same rule, posts nothing at 06:07 today and posts at 06:07 tomorrow.
    expect(await runDueDigests(deliverDeps(), new Date('2026-11-23T06:07:00Z'))).toEqual([]);
    expect(posts()).toHaveLength(1);
    const tomorrow = await runDueDigests(deliverDeps(), new Date('2026-11-24T06:07:00Z'));
    expect(tomorrow.map((r) => r.outcome.kind)).toEqual(['posted']);
    expect(posts()).toHaveLength(2);
  });

  it('a time already past today, with nothing posted, says the next minute (the scheduler catches up), not tomorrow', async () => {
    clock = new Date('2026-11-25T06:04:30Z');
    const changed = await slash('digest at 06:00');
    expect(changed.text).toContain(`Next digest: <!date^${epoch('2026-11-25T06:05:00Z')}^`);
    expect((await runDueDigests(deliverDeps(), new Date('2026-11-25T06:05:00Z'))).map((r) => r.outcome.kind)).toEqual(['posted']);
  });
});

describe('a new subscription with other topics (issue 9.7)', () => {
  it("gets today's digest once, says so plainly; going back to the old topics links the old digest", async () => {
    clock = new Date('2026-11-26T10:00:00Z');
    await store.deleteSubscription(TEAM, CHANNEL);
    await slash('subscribe diffusion');
    const first = await slash('digest now');
    expect(first.text).toContain("Posted today's digest of papers on *diffusion*");
    const firstTs = String((await store.lastPostedDigest(TEAM, CHANNEL))?.messageTs);
    const before = posts().length;

    expect((await slash('unsubscribe')).response_type).toBe('in_channel');
    await slash('subscribe agents, reinforcement learning');
    const second = await slash('digest now');
    expect(second.text).toContain("Posted today's digest of papers on *agents*, *reinforcement learning*");
    expect(second.text).not.toContain('already posted');
    expect(posts()).toHaveLength(before + 1);
    const secondTs = String((await store.lastPostedDigest(TEAM, CHANNEL))?.messageTs);
    expect(secondTs).not.toBe(firstTs);
    expect(second.text).toContain(link(secondTs));

    const again = await slash('digest now');
    expect(again.text).toContain("Today's digest of papers on *agents*, *reinforcement learning* was already posted");
    expect(again.text).toContain(link(secondTs));
    expect(posts()).toHaveLength(before + 1);

    await slash('unsubscribe');
    await slash('subscribe diffusion');
    const back = await slash('digest now');
    expect(back.text).toContain("Today's digest of papers on *diffusion* was already posted");
    expect(back.text).toContain(link(firstTs));
    expect(posts()).toHaveLength(before + 1);
  });
});

describe('overall trending on the seed corpus, as posted (issue 9.8)', () => {
  it('is not in id order, and each paper says what put it there', async () => {
    clock = new Date('2026-11-30T10:00:00Z');
    await store.deleteSubscription(TEAM, 'C0TREND');
    await slash('subscribe', { channel_id: 'C0TREND' });
    expect((await slash('digest now', { channel_id: 'C0TREND' })).text).toContain("Posted today's digest of the overall trending papers");
    const post = h.fake.calls('chat.postMessage').filter((r) => r.body['channel'] === 'C0TREND').at(-1);
    const blocks = post?.body['blocks'] as { type: string; text?: { text: string }; elements?: { action_id: string; value: string }[] }[];
    const ids = blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []).filter((e) => e.action_id === 'papers_vote').map((e) => e.value);
    expect(ids).toHaveLength(3);
    expect([...ids].sort()).not.toEqual(ids);
    const whys = blocks.filter((b) => b.type === 'section' && b.text?.text.includes('_Why:_')).map((b) => b.text?.text ?? '');
    expect(whys.every((why) => why.includes("close to the corpus' main topics"))).toBe(true);
  });
});

describe('who changed the digest, and who sees a refusal (issue 9.9)', () => {
  it('subscribe, digest at and unsubscribe post the change in the channel naming its author', async () => {
    clock = new Date('2026-11-27T10:00:00Z');
    const by = { user_id: 'U0GRACE' };
    for (const text of ['subscribe quantization, diffusion', 'digest at 08:30 UTC', 'unsubscribe quantization', 'unsubscribe diffusion']) {
      const reply = await slash(text, by);
      expect(reply.response_type, text).toBe('in_channel');
      expect(reply.text, text).toContain('Changed by <@U0GRACE>');
    }
    await slash('subscribe', by);
    expect((await slash('unsubscribe', by)).text).toContain('Changed by <@U0GRACE>');
  });

  it('an invalid or refused command is ephemeral, for its author only, and names nobody', async () => {
    await slash('subscribe diffusion');
    for (const text of ['digest at 25:00', 'digest at 09:00 Berlin', 'unsubscribe agents', `subscribe ${'x'.repeat(150)}`]) {
      const reply = await slash(text);
      expect(reply.response_type, text).toBe('ephemeral');
      expect(reply.text, text).not.toContain('Changed by');
    }
    h.fake.answerOnce('conversations.info', (req) => ({ body: { ok: true, channel: { id: req.body['channel'], is_member: false } } }));
    const refused = await slash('subscribe agents', { channel_id: 'C0OUT' });
    expect(refused.response_type).toBe('ephemeral');
    await slash('unsubscribe');
    expect((await slash('unsubscribe')).response_type).toBe('ephemeral');
  });
});

describe('subscribe where no digest can go (issue 9.10)', () => {
  const notWrong = (text: string) => expect(text).not.toMatch(/went wrong/i);

  it('in a DM: use it in a channel, nothing saved (subscribe and digest at)', async () => {
    for (const text of ['subscribe diffusion', 'digest at 09:00']) {
      const reply = await slash(text, { channel_id: 'D0DM', channel_name: 'directmessage' });
      expect(reply.response_type).toBe('ephemeral');
      expect(reply.text).toContain('Digests are posted to channels');
      expect(reply.text).toContain('in the channel that should get them');
      notWrong(reply.text);
    }
    const group = await slash('subscribe diffusion', { channel_id: 'G0MPIM', channel_name: 'mpdm-ada--grace-1' });
    expect(group.text).toContain('Digests are posted to channels');
    expect(await store.getSubscription(TEAM, 'D0DM')).toBeNull();
    expect(await store.getSubscription(TEAM, 'G0MPIM')).toBeNull();
  });

  it('missing_scope from conversations.info: reinstall the app with the named scope', async () => {
    h.fake.answerOnce('conversations.info', { body: { ok: false, error: 'missing_scope', needed: 'groups:read', provided: 'commands,chat:write' } });
    const reply = await slash('subscribe diffusion', { channel_id: 'G0PRIV' });
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('`groups:read`');
    expect(reply.text).toContain('Reinstall to Workspace');
    notWrong(reply.text);
    expect(await store.getSubscription(TEAM, 'G0PRIV')).toBeNull();

    h.fake.answerOnce('conversations.info', slackError('missing_scope'));
    const unnamed = await slash('digest at 09:00', { channel_id: 'G0PRIV' });
    expect(unnamed.text).toContain('channel-reading');
    notWrong(unnamed.text);
  });

  it('channel_not_found / not_in_channel: invite the bot', async () => {
    for (const error of ['channel_not_found', 'not_in_channel']) {
      h.fake.answerOnce('conversations.info', slackError(error));
      const reply = await slash('subscribe diffusion', { channel_id: 'G0HIDDEN' });
      expect(reply.text).toContain('/invite @paperboy');
      notWrong(reply.text);
    }
  });
});
