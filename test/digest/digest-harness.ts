/**
 * Shared set-up for digest and scheduler tests: the Slack digest channel over a real WebClient
 * (retries off, as in production) talking to the fake Slack Web API, a real Store, and a small stand-in compose step so these
 * tests are about delivery, not selection.
 */
import { LogLevel } from '@slack/web-api';
import { pino } from 'pino';
import type { ComposeDigest } from '../../src/digest/compose-digest.js';
import { createDigestClient, createSlackDigestChannel } from '../../src/digest/slack-poster.js';
import type { RunDueDigestsDeps } from '../../src/scheduler/run-due-digests.js';
import type { NewSubscription, Store, Subscription } from '../../src/store/store.js';
import { ok, startFakeSlack, type FakeSlack, type RecordedRequest } from '../support/fake-slack.js';
import { createMemoryStore } from '../support/memory-store.js';

export const TEAM = 'T1';
export const silentLogger = pino({ level: 'silent' });

/** A fresh store for one test. */
export async function openTestStore(): Promise<Store> {
  const store = createMemoryStore();
  await store.migrate();
  return store;
}

/** Offers the candidates this channel has not received yet, two at a time; null when none. */
export function fakeCompose(candidates: readonly string[] = ['p1', 'p2', 'p3']): ComposeDigest {
  return ({ target: subscription, delivered }) => {
    const paperIds = candidates.filter((id) => !delivered.has(id)).slice(0, 2);
    if (paperIds.length === 0) return null;
    const text = `Trending papers for ${subscription.topics.join(', ') || 'everyone'}: ${paperIds.join(', ')}`;
    return { paperIds, text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  };
}

export function newSubscription(channelId: string, overrides: Partial<NewSubscription> = {}): NewSubscription {
  return { teamId: TEAM, channelId, topics: ['diffusion'], time: '09:00', timezone: 'Europe/Berlin', days: 'weekdays', createdBy: 'U1', ...overrides };
}

export async function subscribe(store: Store, channelId: string, overrides: Partial<NewSubscription> = {}, now = new Date('2026-11-01T00:00:00Z')): Promise<Subscription> {
  return store.saveSubscription(newSubscription(channelId, overrides), now);
}

export interface Harness {
  readonly fake: FakeSlack;
  readonly store: Store;
  /** Every delay the poster asked for, in ms, in order. */
  readonly sleeps: number[];
  /**
   * Everything deliverDigest and runDueDigests take, with the real store and the Slack digest
   * channel over a real client; `sleep` replaces the poster's sleep between retries.
   */
  deps(overrides?: Partial<RunDueDigestsDeps> & { readonly sleep?: (ms: number) => Promise<void> }): RunDueDigestsDeps;
  /** chat.postMessage requests that reached the fake Slack for one channel. */
  posts(channelId?: string): RecordedRequest[];
  close(): Promise<void>;
}

export async function startHarness(options: { store?: Store } = {}): Promise<Harness> {
  const fake = await startFakeSlack();
  // Channel history is empty unless a test scripts a predecessor's message into it.
  fake.answerAlways('conversations.history', ok({ messages: [], has_more: false }));
  const store = options.store ?? (await openTestStore());
  const client = createDigestClient('xoxb-test', { slackApiUrl: fake.apiUrl, logLevel: LogLevel.ERROR });
  const sleeps: number[] = [];
  return {
    fake,
    store,
    sleeps,
    deps: ({ sleep, ...overrides } = {}) => ({
      store,
      channel: createSlackDigestChannel(client, {
        sleep:
          sleep ??
          (async (ms) => {
            sleeps.push(ms);
          }),
      }),
      compose: fakeCompose(),
      logger: silentLogger,
      claimant: 'host-a:1',
      ...overrides,
    }),
    posts: (channelId) => fake.calls('chat.postMessage').filter((r) => channelId === undefined || r.body['channel'] === channelId),
    close: async () => {
      await fake.close();
      await store.close();
    },
  };
}
