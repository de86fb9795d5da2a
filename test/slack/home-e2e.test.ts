/**
 * The App Home tab as users see it, over signed HTTP against the bot as main.ts creates it with
 * a real SQLite store: for a user with no history (trending in "For you" with how to train it, an
 * empty reading list, trending, the digests) and for one with saves and votes (recommendations
 * never repeating a saved or voted paper, the reading list newest first), then Mark as read, Upvote
 * and Save from the tab, each republishing it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/core/blocks/action-ids.js';
import { findLimitViolations } from '../../src/core/blocks/limits.js';
import { nextDigestInstant } from '../../src/core/digest/schedule.js';
import { allPapers, getPaper } from '../../src/core/search/search-index.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { interactionBody, postSigned } from '../support/sign-request.js';
import { FIXED_NOW, SIGNING_SECRET, appHomeOpened, buttonClick, buttonsIn, seedIndex, startPaperboy, visibleText, type Harness } from './harness.js';

let h: Harness;
let store: Store;
beforeAll(async () => {
  store = await openStore({ kind: 'sqlite', path: ':memory:' });
  h = await startPaperboy({}, { store });
  await store.saveSubscription({ teamId: 'T0TEAM', channelId: 'C0DIGEST', topics: ['diffusion'], time: '17:30', timezone: 'Europe/Berlin', days: 'weekdays', createdBy: 'U0USER' }, FIXED_NOW);
});
afterAll(async () => {
  await h.close();
  await store.close();
});

type View = { blocks: Record<string, unknown>[] };
let events = 0;
async function openHome(user: string): Promise<View> {
  h.fake.clear();
  const response = await postSigned(h.eventsUrl, SIGNING_SECRET, JSON.stringify(appHomeOpened(`Ev-home-${++events}`, user)), { contentType: 'application/json' });
  expect(response.status).toBe(200);
  return (await h.fake.waitFor((r) => r.method === 'views.publish' && r.body['user_id'] === user)).body['view'] as View;
}

/** The blocks between one header and the next. */
function section(view: View, title: string): Record<string, unknown>[] {
  const start = view.blocks.findIndex((b) => b['type'] === 'header' && (b['text'] as { text: string }).text === title);
  expect(start, `section ${title}`).toBeGreaterThanOrEqual(0);
  const end = view.blocks.findIndex((b, i) => i > start && (b['type'] === 'header' || b['type'] === 'divider'));
  return view.blocks.slice(start + 1, end < 0 ? undefined : end);
}
const paperIdsIn = (blocks: unknown) => [...new Set(buttonsIn(blocks).filter((b) => b.button.action_id === ACTION_IDS.vote).map((b) => b.button.value!))];

async function clickOnHome(view: View, actionId: string, value: string, user: string): Promise<View> {
  const target = buttonsIn(view.blocks).find((b) => b.button.action_id === actionId && b.button.value === value);
  expect(target, `${actionId} ${value}`).toBeDefined();
  const payload = buttonClick(target!, 'unused') as Record<string, unknown>;
  Object.assign(payload, { user: { id: user, username: user, name: user, team_id: 'T0TEAM' }, container: { type: 'view', view_id: 'V0HOME' }, view: { id: 'V0HOME', type: 'home' } });
  delete payload['response_url'];
  delete payload['channel'];
  h.fake.clear();
  expect((await postSigned(h.eventsUrl, SIGNING_SECRET, interactionBody(payload))).status).toBe(200);
  return (await h.fake.waitFor((r) => r.method === 'views.publish' && r.body['user_id'] === user)).body['view'] as View;
}

describe('the Home tab for a user with no history', () => {
  it('shows trending papers as "For you" with how to train it, an empty reading list, trending and the digests', async () => {
    const view = await openHome('U0NEW');
    expect(findLimitViolations(view, { maxBlocks: 100, requireText: false })).toEqual([]);
    const forYou = section(view, 'For you');
    expect(visibleText(forYou)).toContain('Trending in your workspace for now. Press *Upvote* or *Save* on papers you like');
    expect(paperIdsIn(forYou)).toHaveLength(5);
    expect(visibleText(section(view, 'Your reading list'))).toContain('Nothing saved yet');
    const trending = paperIdsIn(section(view, 'Trending this week'));
    expect(trending).toHaveLength(5);
    expect(trending.some((id) => paperIdsIn(forYou).includes(id))).toBe(false);
    const digests = visibleText(section(view, 'Digests in this workspace'));
    const sub = (await store.getSubscription('T0TEAM', 'C0DIGEST'))!;
    const next = nextDigestInstant(sub, FIXED_NOW);
    expect(digests).toContain(`<#C0DIGEST>: papers on *diffusion* · next digest <!date^${next.getTime() / 1000}^`);
    // Nothing was recorded as shown: trending is not a recommendation.
    expect(await store.shownSince('T0TEAM', 'U0NEW', new Date(0))).toEqual(new Set());
  });
});

describe('the Home tab for a user with saves and votes', () => {
  const USER = 'U0READER';
  let saved: string[] = [];
  let voted = '';

  beforeAll(async () => {
    const papers = allPapers(await seedIndex());
    const diffusion = papers.filter((p) => /diffusion/i.test(p.title));
    saved = diffusion.slice(0, 3).map((p) => p.id);
    for (const [i, id] of saved.entries()) await store.addSave('T0TEAM', USER, id, new Date(FIXED_NOW.getTime() - (10 - i) * 60_000));
    voted = diffusion[3]!.id;
    await store.toggleVote('T0TEAM', voted, USER, FIXED_NOW);
  });

  it('recommends diffusion papers, never one saved or voted; the reading list is newest first', async () => {
    const view = await openHome(USER);
    expect(findLimitViolations(view, { maxBlocks: 100, requireText: false })).toEqual([]);
    const forYou = section(view, 'For you');
    const recommended = paperIdsIn(forYou);
    expect(recommended).toHaveLength(5);
    expect(recommended.filter((id) => saved.includes(id) || id === voted)).toEqual([]);
    const index = await seedIndex();
    expect(recommended.every((id) => /diffusion/i.test(`${getPaper(index, id)!.title} ${getPaper(index, id)!.abstract}`))).toBe(true);
    expect(visibleText(forYou)).toContain('_Because you liked:_');
    expect(visibleText(forYou)).not.toContain('Trending in your workspace for now');
    const readingList = section(view, 'Your reading list');
    expect(buttonsIn(readingList).filter((b) => b.button.action_id === ACTION_IDS.unsave).map((b) => b.button.value)).toEqual([...saved].reverse());
    expect(await store.shownSince('T0TEAM', USER, FIXED_NOW)).toEqual(new Set(recommended));
  });

  it('Mark as read folds the paper away, Upvote counts on the tab, Save adds to the reading list; each republishes', async () => {
    let view = await openHome(USER);
    view = await clickOnHome(view, ACTION_IDS.markRead, saved[2]!, USER);
    const readingList = section(view, 'Your reading list');
    expect(buttonsIn(readingList).filter((b) => b.button.action_id === ACTION_IDS.unsave).map((b) => b.button.value)).toEqual([saved[1], saved[0]]);
    expect(visibleText(readingList)).toContain('1 read paper folded away');

    const recommended = paperIdsIn(section(view, 'For you'));
    view = await clickOnHome(view, ACTION_IDS.vote, recommended[0]!, USER);
    expect(await store.userVotes('T0TEAM', USER)).toContain(recommended[0]);
    const voteLabels = buttonsIn(view.blocks).filter((b) => b.button.action_id === ACTION_IDS.vote && b.button.value === recommended[0]).map((b) => b.button.text.text);
    // Voted, it leaves For you (liked now) and shows its count where it is listed (trending).
    expect(voteLabels).toEqual([':arrow_up: Upvote · 1']);

    view = await clickOnHome(view, ACTION_IDS.save, recommended[1]!, USER);
    expect(buttonsIn(section(view, 'Your reading list')).filter((b) => b.button.action_id === ACTION_IDS.unsave).map((b) => b.button.value)[0]).toBe(recommended[1]);
  });

  it('a later visit (after the session) offers papers not shown in the last week', async () => {
    const first = paperIdsIn(section(await openHome('U0LATER'), 'For you'));
    expect(first).toHaveLength(5); // no history: trending, nothing recorded
    const liked = allPapers(await seedIndex()).filter((p) => /quantization/i.test(p.title)).slice(0, 2);
    for (const p of liked) await store.addSave('T0TEAM', 'U0LATER', p.id, FIXED_NOW);
    const shownNow = paperIdsIn(section(await openHome('U0LATER'), 'For you'));
    // Two hours later (a new visit), the papers shown before are not offered again.
    await store.recordShown('T0TEAM', 'U0LATER', shownNow, new Date(FIXED_NOW.getTime() - 2 * 3_600_000));
    const later = paperIdsIn(section(await openHome('U0LATER'), 'For you'));
    expect(later).toHaveLength(5);
    expect(later.filter((id) => shownNow.includes(id))).toEqual([]);
  });
});
