/**
 * Fuzz through the real Bolt app over HTTP (signed requests, the fake Slack): a few hundred of
 * the generated command texts and button payloads. Each is acked with 200 and answered through
 * response_url with a message within Slack's limits; the in-process fuzz runs the 10,000.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/core/blocks/action-ids.js';
import { allPapers } from '../../src/core/search/search-index.js';
import { createMemoryStore } from '../support/memory-store.js';
import { interactionBody, postSigned, slashCommandBody } from '../support/sign-request.js';
import { SIGNING_SECRET, buttonClick, seedIndex, slashCommand, startHarness, type Harness } from '../slack/harness.js';
import { actionValue, commandText, limitProblems, fuzzSubcommands } from './fuzz-inputs.js';

const SEED = Number(process.env['PAPERBOY_FUZZ_SEED'] ?? 20261201);
const COMMANDS = 300;
const ACTIONS = 200;
const BATCH = 10;

let h: Harness;
let paperIds: string[];
beforeAll(async () => {
  const index = await seedIndex();
  paperIds = allPapers(index).map((p) => p.id);
  const store = createMemoryStore();
  h = await startHarness({
    mode: 'http',
    store,
    subcommands: fuzzSubcommands(index, store),
  });
});
afterAll(() => h.close());

async function inBatches<T>(items: readonly T[], run: (item: T, i: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH) await Promise.all(items.slice(i, i + BATCH).map((item, j) => run(item, i + j)));
}

function checkReply(id: string, input: string): void {
  const replies = h.fake.responses().filter((r) => r.method === id);
  expect(replies.length, `no reply to ${JSON.stringify(input.slice(0, 80))}`).toBeGreaterThan(0);
  for (const reply of replies) {
    const body = reply.body as { text?: string; blocks?: unknown[] };
    expect(limitProblems(body), JSON.stringify(input.slice(0, 80))).toEqual([]);
  }
}

describe(`fuzz through Bolt over HTTP (seed ${SEED})`, () => {
  it(`${COMMANDS} generated command texts: 200, a reply, within limits`, async () => {
    const texts = fc.sample(commandText, { numRuns: COMMANDS, seed: SEED });
    await inBatches(texts, async (text, i) => {
      const id = `fz-c${i}`;
      const response = await postSigned(h.eventsUrl, SIGNING_SECRET, slashCommandBody(slashCommand(text, h.fake.responseUrl(id))));
      expect(response.status).toBe(200);
      await h.fake.waitFor((r) => r.kind === 'response' && r.method === id, 15_000);
      await h.requests.drained(15_000);
      checkReply(id, text);
    });
    expect(h.logs.lines().filter((l) => l['msg'] === 'listener failed')).toEqual([]);
    console.log(`fuzz over HTTP: ${texts.length} commands, each acked 200 and answered within limits`);
  }, 300_000);

  it(`${ACTIONS} generated button payloads: 200, a reply, within limits`, async () => {
    const ids = [ACTION_IDS.nextPage, ACTION_IDS.save, ACTION_IDS.share, ACTION_IDS.moreLikeThis];
    const cases = fc.sample(fc.tuple(fc.constantFrom(...ids), actionValue(paperIds)), { numRuns: ACTIONS, seed: SEED });
    await inBatches(cases, async ([actionId, value], i) => {
      const id = `fz-a${i}`;
      const button = { type: 'button' as const, action_id: actionId, text: { type: 'plain_text' as const, text: 'x' }, ...(value === undefined ? {} : { value }) };
      const response = await postSigned(h.eventsUrl, SIGNING_SECRET, interactionBody(buttonClick({ blockId: 'b1', button }, h.fake.responseUrl(id))));
      expect(response.status).toBe(200);
      await h.fake.waitFor((r) => r.kind === 'response' && r.method === id, 15_000);
      await h.requests.drained(15_000);
      checkReply(id, `${actionId}:${value ?? ''}`);
    });
    expect(h.logs.lines().filter((l) => l['msg'] === 'listener failed')).toEqual([]);
    console.log(`fuzz over HTTP: ${cases.length} button payloads, each acked 200 and answered within limits`);
  }, 300_000);
});

