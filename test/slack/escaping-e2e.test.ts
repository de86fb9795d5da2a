/**
 * Issue 9 items 1-5 end to end: the real Bolt app over HTTP, a crafted corpus whose titles hold
 * Slack markup, and the fake Slack recording exactly what paperboy sends.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/core/blocks/action-ids.js';
import { findLimitViolations } from '../../src/core/blocks/limits.js';
import type { Paper } from '../../src/core/paper.js';
import { buildSearchIndex } from '../../src/core/search/search-index.js';
import { decodeSlackEntities } from '../../src/core/search/slack-command-text.js';
import type { SubcommandHandler } from '../../src/slack/subcommands/subcommand.js';
import { findUnsafeStrings } from '../support/slack-safety.js';
import { interactionBody, postSigned } from '../support/sign-request.js';
import { SIGNING_SECRET, buttonClick, buttonsIn, sendCommand, startHarness, visibleText, type Harness } from './harness.js';

const EVIL_TITLE = 'Attention <Is> All & You <!channel> Need: <@U0ALICE> <https://evil.example|click>';
const COPY_TITLE = 'soft_max *and* A*-search: PA&DA for ell_infty';

const paper = (id: string, title: string, abstract: string): Paper => ({
  id,
  title,
  abstract,
  searchAliases: '',
  listedOn: { month: 3, day: 14 },
  sources: [{ file: 'crafted.txt', line: 1, listedOn: { month: 3, day: 14 } }],
  codeLinks: [],
  otherLinks: [],
  sourceUpvotes: null,
});

const PAPERS = [
  paper('evil', EVIL_TITLE, 'A craft test abstract with <!here> and <@U0BOB> & friends.'),
  paper('copy', COPY_TITLE, 'We study soft_max attention with A*-search; PA&DA wins on the zebra benchmark.'),
  paper('plain', 'Diffusion models for zebra images', 'A zebra diffusion abstract.'),
];

const subscribedArgs: string[] = [];
const subcommands: Record<string, SubcommandHandler> = {
  // Stands in for the real handler: records what it was given after the edge decoded the text.
  subscribe: async ({ args, respond }) => {
    subscribedArgs.push(args);
    await respond({ response_type: 'ephemeral', text: 'ok' });
  },
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ mode: 'http', searchIndex: buildSearchIndex(PAPERS), subcommands });
});
afterAll(() => h.close());
afterEach(() => h.fake.clear());

const command = (text: string, id: string): Promise<Record<string, unknown>> => sendCommand(h, text, id);

const expectSafe = (payload: unknown): void => {
  expect(findUnsafeStrings(payload, { users: ['U0USER'] })).toEqual([]);
};

describe('escaping every field (item 1)', () => {
  it('the search reply escapes the hostile title in blocks and fallback text alike', async () => {
    const reply = await command('craft test abstract', 'evil-search');
    expectSafe(reply);
    expect(String(reply['text'])).toContain('Attention &lt;Is&gt; All &amp; You &lt;!channel&gt; Need: &lt;@U0ALICE&gt;');
    expect(findLimitViolations(reply as { text: string; blocks: unknown[] })).toEqual([]);
  });

  it('Share to channel posts the title escaped: no @channel, no mention, no disguised link', async () => {
    const reply = await command('craft test abstract', 'evil-share');
    const share = buttonsIn(reply['blocks']).find((b) => b.button.action_id === ACTION_IDS.share && b.button.value === 'evil');
    expect(share).toBeDefined();
    await postSigned(h.eventsUrl, SIGNING_SECRET, interactionBody(buttonClick(share!, h.fake.responseUrl('evil-share-click'))));
    const post = await h.fake.waitFor((r) => r.method === 'chat.postMessage');
    expectSafe(post.body);
    expect(post.body['text']).toBe('<@U0USER> shared a paper: Attention &lt;Is&gt; All &amp; You &lt;!channel&gt; Need: &lt;@U0ALICE&gt; &lt;https://evil.example|click&gt;');
  });

  it('a query full of markup is not echoed raw in any field', async () => {
    const reply = await command('<@U123> <#C1|x> <https://x.y|z> <!channel> a<b', 'markup-echo');
    expectSafe(reply);
  });
});

describe('command text decoded once at the edge (item 2)', () => {
  it('`/papers PA&amp;DA` searches and shows PA&DA, escaped once', async () => {
    const reply = await command('PA&amp;DA', 'amp');
    const shown = `${String(reply['text'])}\n${visibleText(reply['blocks'])}`;
    expect(shown).not.toContain('&amp;amp;');
    expect(decodeSlackEntities(shown)).toContain(COPY_TITLE);
    expect(shown).toContain('*PA&amp;DA*');
  });

  it('a topic `a&b` reaches the subcommand as a&b', async () => {
    await command('subscribe a&amp;b, x &lt;y&gt;', 'topic-amp');
    expect(subscribedArgs.at(-1)).toBe('a&b, x <y>');
  });
});

describe('Slack markup in command text (item 3)', () => {
  it('a subcommand given a mention or channel changes nothing and says why', async () => {
    const before = subscribedArgs.length;
    const reply = await command('subscribe <#C1|general>', 'subscribe-markup');
    expect(subscribedArgs).toHaveLength(before);
    expect(String(reply['text'])).toBe('Left out a channel: /papers searches words. `/papers subscribe` takes plain words, so nothing was changed.');
  });

  it('mentions and channels are dropped with a note; a link label is searched, not https, x, y', async () => {
    const reply = await command('<@U123> <#C1|x> <https://x.y|zebra>', 'markup');
    const text = String(reply['text']);
    expect(text).toMatch(/^Papers for "zebra" \(1–2 of 2\)/);
    expect(text).toContain('Left out a mention of a person and a channel: /papers searches words.');
    expect(decodeSlackEntities(visibleText(reply['blocks']))).toContain('Left out a mention of a person and a channel');
  });

  it('only markup: nothing is searched, and the reply says why', async () => {
    const reply = await command('<!channel> <@U123|bob>', 'markup-only');
    expect(String(reply['text'])).toContain('Left out a mention of a person and a group mention');
    expect(String(reply['text'])).not.toContain('Papers for');
  });

  it('an arXiv link is not split into https, arxiv, org, abs', async () => {
    const reply = await command('<https://arxiv.org/abs/2401.12345>', 'arxiv');
    expect(String(reply['text'])).toContain('paperboy does not know arXiv 2401.12345');
    expect(String(reply['text'])).not.toContain('Papers for');
  });
});

describe('logs (item 4)', () => {
  it('name the subcommand, never the first word of a query, and hold at most a short prefix of it', async () => {
    const word = 'q'.repeat(4000);
    await command(word, 'long-word');
    await command('zebra diffusion', 'normal');
    const lines = h.logs.lines().filter((l) => l['command'] === '/papers');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(['search', 'help', 'saved', 'subscribe', 'unsubscribe', 'subscriptions', 'digest']).toContain(line['subcommand']);
    expect(h.logs.raw()).not.toContain('q'.repeat(32));
    expect(h.logs.raw()).toContain('q'.repeat(31));
    // Nor the corpus or message text sent to Slack earlier in this file (the SDK logs at debug).
    expect(h.logs.raw()).not.toMatch(/Attention (&lt;|<)Is/);
    expect(h.logs.raw()).not.toContain('A craft test abstract with');
  });
});

describe('the paper\'s own characters (item 5)', () => {
  it('a title with _ and * comes back with the same characters, and bold stays on whole words', async () => {
    const reply = await command('soft_max', 'copy');
    const shown = decodeSlackEntities(`${String(reply['text'])}\n${visibleText(reply['blocks'])}`);
    expect(shown).toContain(COPY_TITLE);
    expect(shown).not.toMatch(/[ˍ∗∼ˋ]/);
    // The title holds its own asterisks, so it is not wrapped in bold markers that would clash.
    expect(visibleText(reply['blocks'])).not.toContain(`*<https://huggingface.co/papers?q=`);
  });

  it('a match inside a word is not bolded (Slack would show the asterisks)', async () => {
    const reply = await command('PA&amp;DA', 'inside-word');
    const shown = visibleText(reply['blocks']);
    expect(shown).not.toContain('*PA*&amp;');
    expect(shown).toContain('PA&amp;DA wins');
  });
});
