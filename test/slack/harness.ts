/**
 * Builds the real Bolt app from createSlackApp against the fake Slack, with the real seed corpus
 * and search index, and pino logging into an array. Shared by the HTTP and Socket Mode tests.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '@slack/bolt';
import { loadConfig, type Config } from '../../src/config/load-config.js';
import { buildSearchIndex, type SearchIndex } from '../../src/core/search/search-index.js';
import { loadSeedCorpus } from '../../src/corpus/load-seeds.js';
import { createLogger } from '../../src/logger.js';
import { createPaperboy, type Paperboy, type PaperboyOverrides } from '../../src/paperboy.js';
import type { SubcommandHandler } from '../../src/slack/subcommands/subcommand.js';
import { createTrackedSlackApp, verifySlackConnection, type SlackAppOptions } from '../../src/slack/create-slack-app.js';
import type { RequestTracker } from '../../src/slack/request-tracker.js';
import type { SlackDeps } from '../../src/slack/deps.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { logSink, type LogSink } from '../support/log-sink.js';
import { postSigned, slashCommandBody } from '../support/sign-request.js';

export const BOT_TOKEN = 'xoxb-test-bot-token-do-not-log';
export const APP_TOKEN = 'xapp-1-test-app-token-do-not-log';
export const SIGNING_SECRET = 'test-signing-secret-do-not-log';
export const FIXED_NOW = new Date('2026-03-14T09:00:00Z');

let cachedIndex: Promise<SearchIndex> | undefined;
/** The seed corpus index, built once per test file. */
export function seedIndex(): Promise<SearchIndex> {
  cachedIndex ??= loadSeedCorpus().then((corpus) => buildSearchIndex(corpus.papers));
  return cachedIndex;
}

export interface Harness {
  readonly app: App;
  readonly fake: FakeSlack;
  readonly logs: LogSink;
  /** http://127.0.0.1:<port>/slack/events (HTTP mode only). */
  readonly eventsUrl: string;
  /** http://127.0.0.1:<port> (HTTP mode only), for /healthz and /metrics. */
  readonly baseUrl: string;
  readonly requests: RequestTracker;
  close(): Promise<void>;
}

export async function startHarness(options: {
  mode: 'http' | 'socket';
  subcommands?: Record<string, SubcommandHandler>;
  store?: SlackDeps['store'];
  /** The app's clock; FIXED_NOW unless a test needs time to move. */
  now?: () => Date;
  beforeStart?: (fake: FakeSlack) => Promise<void> | void;
  /** Metrics, ops routes, body limit: passed to createSlackApp as main.ts passes them. */
  appOptions?: Omit<SlackAppOptions, 'retryConfig'>;
  /** Extra deps (e.g. observeSearchSeconds). */
  deps?: Partial<SlackDeps>;
  /** The corpus to search; the seed corpus unless a test crafts its own papers. */
  searchIndex?: SearchIndex;
  /** While the index is being built at start: how far (0..1); null once ready. */
  indexProgress?: () => number | null;
}): Promise<Harness> {
  const fake = await startFakeSlack();
  const index = options.searchIndex ?? (await seedIndex());
  const { stream, sink } = logSink();
  // As main.ts builds it: the configured secrets are scrubbed from every line.
  const logger = createLogger({ level: 'debug', pretty: false, destination: stream, secrets: [BOT_TOKEN, APP_TOKEN, SIGNING_SECRET] });
  const slack: Config['slack'] =
    options.mode === 'http'
      ? { botToken: BOT_TOKEN, appToken: null, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, mode: 'http' }
      : { botToken: BOT_TOKEN, appToken: APP_TOKEN, signingSecret: null, apiUrl: fake.apiUrl, mode: 'socket' };
  const { app, requests } = createTrackedSlackApp(
    { slack },
    {
      searchIndex: () => index,
      ...(options.indexProgress ? { indexProgress: options.indexProgress } : {}),
      logger,
      now: options.now ?? (() => FIXED_NOW),
      store: options.store ?? null,
      subcommands: options.subcommands ?? {},
      ...options.deps,
    },
    { retryConfig: { retries: 0 }, ...options.appOptions },
  );
  await options.beforeStart?.(fake);
  await verifySlackConnection(app, { slack });
  let eventsUrl = '';
  let baseUrl = '';
  if (options.mode === 'http') {
    const server = (await app.start(0)) as Server;
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    eventsUrl = `${baseUrl}/slack/events`;
  } else {
    await app.start();
  }
  return {
    app,
    fake,
    logs: sink,
    eventsUrl,
    baseUrl,
    requests,
    close: async () => {
      await app.stop();
      await fake.close();
    },
  };
}

/**
 * The whole bot as main.ts creates it (createPaperboy), configured through loadConfig from `env`
 * (a bot token, signing secret and the fake Slack's URL are set), in HTTP mode on a free port,
 * with the seed index and no scheduler unless the overrides say otherwise.
 */
export async function startPaperboy(
  env: Record<string, string> = {},
  overrides: PaperboyOverrides = {},
): Promise<Harness & { readonly paperboy: Paperboy }> {
  const fake = await startFakeSlack();
  const { stream, sink } = logSink();
  const config = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, ...env });
  const paperboy = await createPaperboy(config, {
    logger: createLogger({ level: 'debug', pretty: false, destination: stream }),
    clock: () => FIXED_NOW,
    searchIndex: await seedIndex(),
    slackRetry: { retries: 0 },
    sleep: async () => {},
    port: 0,
    scheduler: false,
    ...overrides,
  });
  const { port } = await paperboy.start();
  return {
    app: paperboy.app,
    paperboy,
    fake,
    logs: sink,
    baseUrl: `http://127.0.0.1:${port}`,
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    requests: paperboy.requests,
    close: async () => {
      await paperboy.stop();
      await fake.close();
    },
  };
}

/** Sends `/papers <text>` signed as Slack signs it; resolves with the reply posted to its response_url `id`. */
export async function sendCommand(h: Harness, text: string, id: string): Promise<Record<string, unknown>> {
  const response = await postSigned(h.eventsUrl, SIGNING_SECRET, slashCommandBody(slashCommand(text, h.fake.responseUrl(id))));
  if (response.status !== 200) throw new Error(`/papers ${text.slice(0, 40)}: HTTP ${response.status}`);
  return (await h.fake.waitFor((r) => r.kind === 'response' && r.method === id)).body;
}

let triggers = 0;
/**
 * A slash command payload as Slack sends it (form fields). Each has its own trigger_id, as every
 * real invocation does, so the same command sent twice in one second is two signed requests,
 * not a replay.
 */
export function slashCommand(text: string, responseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    token: 'deprecated-verification-token',
    team_id: 'T0TEAM',
    team_domain: 'lab',
    channel_id: 'C0CHAN',
    channel_name: 'ml-papers',
    user_id: 'U0USER',
    user_name: 'ada',
    command: '/papers',
    text,
    api_app_id: 'A0APP',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: `1111.2222.${++triggers}`,
    ...extra,
  };
}

export interface ButtonElement {
  readonly type: 'button';
  readonly action_id: string;
  readonly value?: string;
  readonly text: { readonly type: 'plain_text'; readonly text: string };
}

/** Every button in a rendered message, with the block it sits in. */
export function buttonsIn(blocks: unknown): { blockId: string; button: ButtonElement }[] {
  const out: { blockId: string; button: ButtonElement }[] = [];
  for (const block of (blocks as Record<string, unknown>[]) ?? []) {
    const blockId = String(block['block_id'] ?? '');
    const elements = (block['elements'] as ButtonElement[] | undefined) ?? [];
    const accessory = block['accessory'] as ButtonElement | undefined;
    for (const element of [...elements, ...(accessory ? [accessory] : [])]) {
      if (element.type === 'button') out.push({ blockId, button: element });
    }
  }
  return out;
}

/** A block_actions payload for a button click in an ephemeral message in channel C0CHAN. */
export function buttonClick(clicked: { blockId: string; button: ButtonElement }, responseUrl: string): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: 'U0USER', username: 'ada', name: 'ada', team_id: 'T0TEAM' },
    api_app_id: 'A0APP',
    token: 'deprecated-verification-token',
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'C0CHAN', is_ephemeral: true },
    trigger_id: '1111.2222.4444',
    team: { id: 'T0TEAM', domain: 'lab' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: 'C0CHAN', name: 'ml-papers' },
    state: { values: {} },
    response_url: responseUrl,
    actions: [
      {
        type: 'button',
        action_id: clicked.button.action_id,
        block_id: clicked.blockId,
        text: clicked.button.text,
        value: clicked.button.value,
        action_ts: '1700000001.000200',
      },
    ],
  };
}

/** Plain text of every block, for asserting what the user sees. */
export function visibleText(blocks: unknown): string {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'text' && typeof value === 'string') texts.push(value);
        else walk(value);
      }
    }
  };
  walk(blocks);
  return texts.join('\n');
}

/** An Events API callback as Slack sends it (JSON body) for workspace T0TEAM. */
export function eventCallback(eventId: string, event: Record<string, unknown>): Record<string, unknown> {
  return {
    token: 'deprecated-verification-token',
    team_id: 'T0TEAM',
    api_app_id: 'A0APP',
    type: 'event_callback',
    event_id: eventId,
    event_time: 1700000000,
    authorizations: [{ team_id: 'T0TEAM', user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
    event,
  };
}

/** An app_home_opened event callback as Slack sends it (JSON body). */
export function appHomeOpened(eventId: string, user = 'U0USER'): Record<string, unknown> {
  return eventCallback(eventId, { type: 'app_home_opened', user, channel: 'D0HOME', tab: 'home', event_ts: '1700000000.000300' });
}

/** A reaction on a message in channel C0CHAN. */
export function reactionEvent(type: 'reaction_added' | 'reaction_removed', eventId: string, options: { user: string; reaction: string; ts: string }): Record<string, unknown> {
  return eventCallback(eventId, { type, user: options.user, reaction: options.reaction, item_user: 'U0BOT', item: { type: 'message', channel: 'C0CHAN', ts: options.ts }, event_ts: '1700000500.000100' });
}
