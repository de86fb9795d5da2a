/**
 * Saving papers as a user does it, over signed HTTP against the bot (createPaperboy) and a real SQLite
 * store: Save under a search result, Save again, `/papers saved`, Remove in that list (redrawn in
 * place), the Home tab listing saves, and Remove on the Home tab (republished).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/core/blocks/action-ids.js';
import { findLimitViolations } from '../../src/core/blocks/limits.js';
import { getPaper } from '../../src/core/search/search-index.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { interactionBody, postSigned, slashCommandBody } from '../support/sign-request.js';
import { SIGNING_SECRET, appHomeOpened, buttonClick, buttonsIn, seedIndex, slashCommand, startPaperboy, visibleText, type Harness } from './harness.js';

let h: Harness;
let store: Store;
beforeAll(async () => {
  store = await openStore({ kind: 'sqlite', path: ':memory:' });
  // Each request a second later than the one before, so "newest first" has something to order by.
  let tick = 0;
  h = await startPaperboy({}, { store, clock: () => new Date(Date.UTC(2026, 2, 14, 9, 0, tick++)) });
});
afterAll(async () => {
  await h.close();
  await store.close();
});

async function command(text: string, id: string): Promise<Record<string, unknown>> {
  const response = await postSigned(h.eventsUrl, SIGNING_SECRET, slashCommandBody(slashCommand(text, h.fake.responseUrl(id))));
  expect(response.status).toBe(200);
  return (await h.fake.waitFor((r) => r.kind === 'response' && r.method === id)).body;
}

async function clickIn(blocks: unknown, actionId: string, index: number, id: string, container?: Record<string, unknown>): Promise<string> {
  const target = buttonsIn(blocks).filter((b) => b.button.action_id === actionId)[index];
  expect(target, `button ${actionId}[${index}]`).toBeDefined();
  const payload = buttonClick(target!, h.fake.responseUrl(id));
  if (container) {
    // A Home tab click: Slack sends the view as container and no response_url.
    Object.assign(payload, { container, view: { id: 'V0HOME', type: 'home' } });
    delete (payload as Record<string, unknown>)['response_url'];
    delete (payload as Record<string, unknown>)['channel'];
  }
  const response = await postSigned(h.eventsUrl, SIGNING_SECRET, interactionBody(payload));
  expect(response.status).toBe(200);
  return target!.button.value!;
}

describe('saving papers', () => {
  let savedIds: string[] = [];

  it('Save under a search result stores it for this user and says so; saving twice says it is already saved', async () => {
    const results = await command('diffusion quantization', 'search');
    const first = await clickIn(results['blocks'], ACTION_IDS.save, 0, 'save-1');
    const reply = (await h.fake.waitFor((r) => r.kind === 'response' && r.method === 'save-1')).body;
    const paper = getPaper(await seedIndex(), first)!;
    expect(reply).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(reply['text'])).toMatch(/^Saved \*/);
    expect(String(reply['text'])).toContain(paper.title.slice(0, 40));
    expect(await store.listSaves('T0TEAM', 'U0USER')).toEqual([first]);

    await clickIn(results['blocks'], ACTION_IDS.save, 0, 'save-again');
    const again = (await h.fake.waitFor((r) => r.kind === 'response' && r.method === 'save-again')).body;
    expect(String(again['text'])).toMatch(/already in your saved papers/);
    expect(await store.listSaves('T0TEAM', 'U0USER')).toEqual([first]);

    const second = await clickIn(results['blocks'], ACTION_IDS.save, 2, 'save-2');
    await h.fake.waitFor((r) => r.kind === 'response' && r.method === 'save-2');
    savedIds = [first, second];
    expect(await store.listSaves('T0TEAM', 'U0USER')).toHaveLength(2);
    // Saves are per user: someone else in the workspace has none.
    expect(await store.listSaves('T0TEAM', 'U0OTHER')).toEqual([]);
  });

  it('`/papers saved` lists them newest first; Remove redraws the list without the paper', async () => {
    const index = await seedIndex();
    const list = await command('saved', 'saved-list');
    expect(findLimitViolations(list as { text: string; blocks: unknown[] })).toEqual([]);
    const removes = buttonsIn(list['blocks']).filter((b) => b.button.action_id === ACTION_IDS.unsave);
    expect(removes.map((b) => b.button.value)).toEqual([...savedIds].reverse());
    expect(visibleText(list['blocks'])).toContain(getPaper(index, savedIds[0]!)!.title.slice(0, 40));

    const removed = await clickIn(list['blocks'], ACTION_IDS.unsave, 0, 'remove-1');
    expect(removed).toBe(savedIds[1]);
    const redrawn = (await h.fake.waitFor((r) => r.kind === 'response' && r.method === 'remove-1')).body;
    expect(redrawn['replace_original']).toBe(true);
    expect(buttonsIn(redrawn['blocks']).map((b) => b.button.value)).toEqual([savedIds[0]]);
    expect(await store.listSaves('T0TEAM', 'U0USER')).toEqual([savedIds[0]]);
  });

  it('the Home tab shows the saved papers, and Remove there republishes it', async () => {
    expect((await postSigned(h.eventsUrl, SIGNING_SECRET, JSON.stringify(appHomeOpened('Ev-home-1')), { contentType: 'application/json' })).status).toBe(200);
    const published = await h.fake.waitFor((r) => r.method === 'views.publish');
    const view = published.body['view'] as { blocks: unknown[] };
    expect(findLimitViolations(view, { maxBlocks: 100, requireText: false })).toEqual([]);
    expect(visibleText(view.blocks)).toContain('Your reading list');
    const homeRemoves = buttonsIn(view.blocks).filter((b) => b.button.action_id === ACTION_IDS.unsave);
    expect(homeRemoves.map((b) => b.button.value)).toEqual([savedIds[0]]);

    h.fake.clear();
    await clickIn(view.blocks, ACTION_IDS.unsave, 0, 'home-remove', { type: 'view', view_id: 'V0HOME' });
    const republished = await h.fake.waitFor((r) => r.method === 'views.publish');
    expect(republished.body['user_id']).toBe('U0USER');
    expect(visibleText((republished.body['view'] as { blocks: unknown[] }).blocks)).toContain('Nothing saved yet');
    expect(await store.listSaves('T0TEAM', 'U0USER')).toEqual([]);
  });

  it('a Save button for a paper no longer in the corpus gets a friendly answer and stores nothing', async () => {
    const forged = { blockId: 'paper_actions_1_gone', button: { type: 'button' as const, action_id: ACTION_IDS.save, value: 'no-such-paper', text: { type: 'plain_text' as const, text: 'Save' } } };
    const response = await postSigned(h.eventsUrl, SIGNING_SECRET, interactionBody(buttonClick(forged, h.fake.responseUrl('save-gone'))));
    expect(response.status).toBe(200);
    const reply = (await h.fake.waitFor((r) => r.kind === 'response' && r.method === 'save-gone')).body;
    expect(String(reply['text'])).toMatch(/no longer in the index/);
    expect(await store.listSaves('T0TEAM', 'U0USER')).toEqual([]);
  });

  it('a Remove button without a paper is answered as an expired button, and removes nothing', async () => {
    const index = await seedIndex();
    const kept = index.papers.ids[3]!;
    await store.addSave('T0TEAM', 'U0USER', kept, new Date(Date.UTC(2026, 2, 14)));
    const forged = { blockId: 'saved_1', button: { type: 'button' as const, action_id: ACTION_IDS.unsave, value: '', text: { type: 'plain_text' as const, text: 'Remove' } } };
    const response = await postSigned(h.eventsUrl, SIGNING_SECRET, interactionBody(buttonClick(forged, h.fake.responseUrl('remove-forged'))));
    expect(response.status).toBe(200);
    const reply = (await h.fake.waitFor((r) => r.kind === 'response' && r.method === 'remove-forged')).body;
    expect(String(reply['text'])).toMatch(/That button has expired/);
    expect(await store.listSaves('T0TEAM', 'U0USER')).toEqual([kept]);
  });
});

describe('paging a long saved list (issue 9.12)', () => {
  const USER = 'U0USER';
  let ids: string[] = [];
  const savedTitles = async (blocks: unknown) => buttonsIn(blocks).filter((b) => b.button.action_id === ACTION_IDS.unsave).map((b) => b.button.value);
  const newestFirst = () => [...ids].reverse();
  const pagingOf = (blocks: unknown) =>
    buttonsIn(blocks).filter((b) => b.button.action_id === ACTION_IDS.savedPage || b.button.action_id === ACTION_IDS.savedPagePrevious).map((b) => b.button.text.text);

  beforeAll(async () => {
    const index = await seedIndex();
    for (const id of await store.listSaves('T0TEAM', USER)) await store.removeSave('T0TEAM', USER, id);
    ids = index.papers.ids.slice(10, 70) as string[];
    for (const [i, id] of ids.entries()) await store.addSave('T0TEAM', USER, id, new Date(Date.UTC(2026, 0, 1, 0, 0, i)));
  });

  it('`/papers saved` pages 60 papers 20 at a time with Next / Previous, in place', async () => {
    const first = await command('saved', 'page-0');
    expect(findLimitViolations(first as { text: string; blocks: unknown[] })).toEqual([]);
    expect(await savedTitles(first['blocks'])).toEqual(newestFirst().slice(0, 20));
    expect(visibleText(first['blocks'])).toContain('Showing 1–20 of 60.');
    expect(visibleText(first['blocks'])).not.toContain('not shown');
    expect(pagingOf(first['blocks'])).toEqual(['Next 20']);

    await clickIn(first['blocks'], ACTION_IDS.savedPage, 0, 'page-1');
    const second = (await h.fake.waitFor((r) => r.kind === 'response' && r.method === 'page-1')).body;
    expect(second['replace_original']).toBe(true);
    expect(await savedTitles(second['blocks'])).toEqual(newestFirst().slice(20, 40));
    expect(visibleText(second['blocks'])).toContain('Showing 21–40 of 60.');
    expect(pagingOf(second['blocks'])).toEqual(['Previous 20', 'Next 20']);

    await clickIn(second['blocks'], ACTION_IDS.savedPage, 0, 'page-2');
    const third = (await h.fake.waitFor((r) => r.kind === 'response' && r.method === 'page-2')).body;
    expect(await savedTitles(third['blocks'])).toEqual(newestFirst().slice(40, 60));
    expect(pagingOf(third['blocks'])).toEqual(['Previous 20']);

    // Remove on page 3 redraws page 3, not page 1.
    const removed = await clickIn(third['blocks'], ACTION_IDS.unsave, 0, 'page-remove');
    const redrawn = (await h.fake.waitFor((r) => r.kind === 'response' && r.method === 'page-remove')).body;
    expect(await savedTitles(redrawn['blocks'])).toEqual(newestFirst().filter((id) => id !== removed).slice(40, 59));
    ids = ids.filter((id) => id !== removed);

    await clickIn(redrawn['blocks'], ACTION_IDS.savedPagePrevious, 0, 'page-back');
    const back = (await h.fake.waitFor((r) => r.kind === 'response' && r.method === 'page-back')).body;
    expect(await savedTitles(back['blocks'])).toEqual(newestFirst().slice(20, 40));
  });

  it('the Home tab pages the same way, republishing within 100 blocks', async () => {
    h.fake.clear();
    await postSigned(h.eventsUrl, SIGNING_SECRET, JSON.stringify(appHomeOpened('Ev-home-paging')), { contentType: 'application/json' });
    const view = (await h.fake.waitFor((r) => r.method === 'views.publish')).body['view'] as { blocks: unknown[] };
    expect(findLimitViolations(view, { maxBlocks: 100, requireText: false })).toEqual([]);
    expect(await savedTitles(view.blocks)).toEqual(newestFirst().slice(0, 20));

    h.fake.clear();
    await clickIn(view.blocks, ACTION_IDS.savedPage, 0, 'home-page', { type: 'view', view_id: 'V0HOME' });
    const next = (await h.fake.waitFor((r) => r.method === 'views.publish')).body['view'] as { blocks: unknown[] };
    expect(findLimitViolations(next, { maxBlocks: 100, requireText: false })).toEqual([]);
    expect(await savedTitles(next.blocks)).toEqual(newestFirst().slice(20, 40));
    expect(visibleText(next.blocks)).toContain('Showing 21–40 of 59 unread.');
  });

  it('a forged page value is an expired button, not a crash', async () => {
    const forged = { blockId: 'saved_paging', button: { type: 'button' as const, action_id: ACTION_IDS.savedPage, value: 'x', text: { type: 'plain_text' as const, text: 'Next 20' } } };
    await postSigned(h.eventsUrl, SIGNING_SECRET, interactionBody(buttonClick(forged, h.fake.responseUrl('page-forged'))));
    const reply = (await h.fake.waitFor((r) => r.kind === 'response' && r.method === 'page-forged')).body;
    expect(String(reply['text'])).toMatch(/That button has expired/);
  });
});
