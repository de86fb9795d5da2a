/**
 * `has:code` through signed slash commands and button clicks on the real Bolt app, over the seed
 * corpus: what the user sees is papers with a Code link only, on every page, and a clear answer
 * for a filter paperboy does not have.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/core/blocks/action-ids.js';
import { findLimitViolations } from '../../src/core/blocks/limits.js';
import { findUnsafeStrings } from '../support/slack-safety.js';
import { interactionBody, postSigned } from '../support/sign-request.js';
import { SIGNING_SECRET, buttonClick, buttonsIn, sendCommand, startHarness, visibleText, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ mode: 'http' });
});
afterAll(() => h.close());

type Reply = Record<string, unknown>;
const blocksOf = (reply: Reply): Record<string, unknown>[] => reply['blocks'] as Record<string, unknown>[];
/** The text of each paper's section, in order. */
const paperSections = (reply: Reply): string[] =>
  blocksOf(reply)
    .filter((b) => b['type'] === 'section' && String(b['block_id'] ?? '').startsWith('paper_'))
    .map((b) => visibleText([b]));
const totalOf = (reply: Reply): number => Number(/ of (\d+)\)/.exec(String(reply['text']))?.[1]);
const expectSafe = (reply: Reply): void => {
  expect(findUnsafeStrings(reply, { users: ['U0USER'] })).toEqual([]);
  expect(findLimitViolations(reply as { text: string; blocks: unknown[] })).toEqual([]);
};
const next = async (reply: Reply, id: string): Promise<Reply> => {
  const button = buttonsIn(reply['blocks']).find((b) => b.button.action_id === ACTION_IDS.nextPage)!;
  expect((await postSigned(h.eventsUrl, SIGNING_SECRET, interactionBody(buttonClick(button, h.fake.responseUrl(id))))).status).toBe(200);
  return (await h.fake.waitFor((r) => r.kind === 'response' && r.method === id)).body;
};

describe('/papers ... has:code', () => {
  it('lists only papers with a Code link, on the first page and after Next', async () => {
    const all = await sendCommand(h, 'diffusion', 'all');
    const withCode = await sendCommand(h, 'diffusion has:code', 'code');
    expectSafe(withCode);
    expect(totalOf(withCode)).toBeGreaterThan(5);
    expect(totalOf(withCode)).toBeLessThan(totalOf(all));
    expect(String(withCode['text'])).toContain('Papers for "diffusion has:code"');
    const first = paperSections(withCode);
    expect(first).toHaveLength(5);
    for (const section of first) expect(section).toMatch(/\|Code>/);
    const page2 = await next(withCode, 'code-next');
    expect(String(page2['text'])).toMatch(/\(6–\d+ of /);
    const second = paperSections(page2);
    expect(second.length).toBeGreaterThan(0);
    for (const section of second) expect(section).toMatch(/\|Code>/);
  });

  it('-has:code leaves every paper with a Code link out', async () => {
    const without = await sendCommand(h, 'diffusion -has:code', 'no-code');
    const all = await sendCommand(h, 'diffusion', 'all-2');
    const withCode = await sendCommand(h, 'diffusion has:code', 'code-2');
    expect(totalOf(without) + totalOf(withCode)).toBe(totalOf(all));
    for (const section of paperSections(without)) expect(section).not.toMatch(/\|Code>/);
  });

  it('alone, lists papers with code newest first and says how to narrow them', async () => {
    const reply = await sendCommand(h, 'has:code', 'alone');
    expectSafe(reply);
    const text = visibleText(reply['blocks']);
    expect(text).toContain('newest first');
    expect(text).toContain('/papers diffusion has:code');
    const sections = paperSections(reply);
    expect(sections).toHaveLength(5);
    for (const section of sections) expect(section).toMatch(/\|Code>/);
  });

  it('an unknown has: filter is refused with the filters there are, and nothing is searched', async () => {
    const reply = await sendCommand(h, 'diffusion has:github', 'unknown');
    expectSafe(reply);
    expect(String(reply['text'])).toContain('paperboy has no filter has:github, so nothing was searched.');
    expect(String(reply['text'])).toContain('has:code');
    expect(paperSections(reply)).toEqual([]);
  });

  it('/papers help lists the filter', async () => {
    const reply = await sendCommand(h, 'help', 'help');
    expect(visibleText(reply['blocks'])).toContain('diffusion has:code');
  });
});
