/**
 * Fuzz, in-process: the real `/papers` listener and button listeners (registered exactly as
 * createSlackApp registers them, captured from a stand-in for Bolt's App so no HTTP runs) get
 * 10,000 generated command texts and 10,000 generated action payloads. Each must finish without
 * throwing and send at least one reply, and every message sent must be within Slack's limits.
 * Whether every string is escaped is checked separately below, over the same inputs.
 */
import type { App } from '@slack/bolt';
import fc from 'fast-check';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/core/blocks/action-ids.js';
import { DIGEST_ACTION_IDS } from '../../src/core/blocks/digest-action-ids.js';
import { allPapers, getPaper, type SearchIndex } from '../../src/core/search/search-index.js';
import { registerDigestUpvote } from '../../src/slack/listeners/actions/digest-upvote.js';
import { registerListeners } from '../../src/slack/listeners/index.js';
import { createMemoryStore } from '../support/memory-store.js';
import { seedIndex, slashCommand } from '../slack/harness.js';
import { actionValue, commandText, escapingProblems, limitProblems, fuzzSubcommands, type SentMessage } from './fuzz-inputs.js';

const SEED = Number(process.env['PAPERBOY_FUZZ_SEED'] ?? 20261201);
const RUNS = 10_000;
const NOW = new Date('2026-11-23T08:05:00Z');

type Listener = (args: Record<string, unknown>) => Promise<void>;

interface Driven {
  /** Everything the listener sent: replies through respond() and messages posted with the client. */
  readonly sent: SentMessage[];
  readonly replies: number;
}

let index: SearchIndex;
let paperIds: string[];
const commands = new Map<string, Listener>();
const actions = new Map<string, Listener>();

beforeAll(async () => {
  index = await seedIndex();
  paperIds = allPapers(index).map((p) => p.id);
  const store = createMemoryStore();
  const logger = pino({ level: 'silent' });
  // Stands in for Bolt's App only to capture what our code registers; the listeners run as written.
  const app = {
    command: (name: string, fn: Listener) => commands.set(name, fn),
    action: (id: string, fn: Listener) => actions.set(id, fn),
    event: () => undefined,
  } as unknown as App;
  const deps = {
    searchIndex: () => index,
    logger,
    now: () => NOW,
    store,
    subcommands: fuzzSubcommands(index, store),
  };
  registerListeners(app, deps);
  registerDigestUpvote(app, { store, logger, now: () => NOW, findPaper: (id) => getPaper(index, id) });
});

function fakeClient(sent: SentMessage[]) {
  const ok = async (message: SentMessage): Promise<Record<string, unknown>> => {
    sent.push(message);
    return { ok: true, ts: '1700000000.000100' };
  };
  return {
    chat: { postMessage: ok, postEphemeral: ok, update: ok },
    views: { publish: async (args: { view: SentMessage }) => ok(args.view) },
    conversations: { info: async (args: { channel: string }) => ({ ok: true, channel: { id: args.channel, name: 'general', is_member: true, is_archived: false } }) },
  };
}

async function drive(listener: Listener, args: Record<string, unknown>): Promise<Driven> {
  const sent: SentMessage[] = [];
  let replies = 0;
  const respond = async (message: string | SentMessage): Promise<void> => {
    replies++;
    sent.push(typeof message === 'string' ? { text: message } : message);
  };
  await listener({ ack: async () => undefined, respond, client: fakeClient(sent), ...args });
  return { sent, replies };
}

export async function runCommand(text: string): Promise<Driven> {
  const command = slashCommand(text, 'https://hooks.slack.invalid/response');
  return drive(commands.get('/papers')!, { command, body: command });
}

const ACTION_LIST = [...Object.values(ACTION_IDS), ...Object.values(DIGEST_ACTION_IDS)];

export async function runAction(actionId: string, value: string | undefined, onHome: boolean): Promise<Driven> {
  const action = { type: 'button', action_id: actionId, block_id: 'b1', text: { type: 'plain_text', text: 'x' }, ...(value === undefined ? {} : { value }), action_ts: '1700000001.000200' };
  const body = {
    type: 'block_actions',
    user: { id: 'U0USER', team_id: 'T0TEAM' },
    team: { id: 'T0TEAM' },
    channel: { id: 'C0CHAN' },
    container: onHome ? { type: 'view', view_id: 'V1' } : { type: 'message', message_ts: '1700000000.000100', channel_id: 'C0CHAN', is_ephemeral: true },
    response_url: 'https://hooks.slack.invalid/response',
    actions: [action],
  };
  return drive(actions.get(actionId)!, { action, body });
}

function check(input: string, driven: Driven, mustReply: boolean): void {
  if (mustReply && driven.replies === 0) throw new Error(`no reply to ${JSON.stringify(input.slice(0, 80))}`);
  for (const message of driven.sent) {
    const problems = limitProblems(message);
    if (problems.length > 0) throw new Error(`limits broken for ${JSON.stringify(input.slice(0, 80))}: ${problems.join('; ')}`);
  }
}

describe(`fuzz: ${RUNS} command texts and ${RUNS} action payloads through the real listeners (seed ${SEED})`, () => {
  it('a command never throws, always gets a reply, and every reply is within Slack limits', async () => {
    let longest = 0;
    await fc.assert(
      fc.asyncProperty(commandText, async (text) => {
        longest = Math.max(longest, text.length);
        check(text, await runCommand(text), true);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    console.log(`fuzz: ${RUNS} command texts, longest ${longest} characters: no throw, all replied, all within limits`);
    expect(longest).toBe(4000);
  }, 300_000);

  it('an action never throws, always answers a click in a message, and stays within limits (a Home-tab click has no response_url: it may only republish the tab)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ACTION_LIST), actionValue(paperIdsForArbitrary()), fc.boolean(), async (actionId, value, onHome) => {
        check(`${actionId}:${value ?? ''}`, await runAction(actionId, value, onHome), !onHome);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    console.log(`fuzz: ${RUNS} action payloads over ${ACTION_LIST.length} action ids: no throw, all answered, all within limits`);
  }, 300_000);
});

/** Paper ids for the action arbitrary, known only after the index loads (fast-check builds arbitraries eagerly). */
function paperIdsForArbitrary(): string[] {
  return paperIds;
}

describe('fuzz: every string sent is escaped (Slack markup, & < > from users and the corpus)', () => {
  it('no reply to a generated command or action carries a raw <, >, & or the user’s own markup', async () => {
    await fc.assert(
      fc.asyncProperty(commandText, async (text) => {
        for (const message of (await runCommand(text)).sent) {
          const problems = escapingProblems(message, text);
          if (problems.length > 0) throw new Error(`${JSON.stringify(text.slice(0, 120))}: ${problems.slice(0, 3).join('; ')}`);
        }
      }),
      { numRuns: 2_000, seed: SEED },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ACTION_LIST), actionValue(paperIdsForArbitrary()), async (actionId, value) => {
        for (const message of (await runAction(actionId, value, false)).sent) {
          const problems = escapingProblems(message, value ?? '');
          if (problems.length > 0) throw new Error(`${actionId} ${JSON.stringify((value ?? '').slice(0, 120))}: ${problems.slice(0, 3).join('; ')}`);
        }
      }),
      { numRuns: 2_000, seed: SEED },
    );
  }, 300_000);
});
