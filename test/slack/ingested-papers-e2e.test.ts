/**
 * Papers an ingest stored are served after a restart: ingest from the fake Hugging Face API into
 * a SQLite database, start the bot on it (createPaperboy, no index override: the snapshot path
 * as main.ts runs it), and `/papers` finds the ingested paper, showing its authors, publication
 * date and the arXiv, Hugging Face and code links; sharing it posts the same. A second start
 * loads the snapshot; an ingest since then reaches the running bot, and the next start rebuilds
 * with the new paper.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/core/paper.js';
import { loadSeedCorpus } from '../../src/corpus/load-seeds.js';
import { hfDailySource } from '../../src/ingest/hf-daily-source.js';
import { runIngest } from '../../src/ingest/ingest.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { fakeClock } from '../ingest/fake-clock.js';
import { hfItem, type FixturePaper } from '../support/feed-fixtures.js';
import { startFakeSources, type FakeSources } from '../support/fake-sources.js';
import { findUnsafeStrings } from '../support/slack-safety.js';
import { interactionBody, postSigned } from '../support/sign-request.js';
import { buttonClick, buttonsIn, sendCommand, SIGNING_SECRET, startPaperboy, visibleText } from './harness.js';

const NOW = new Date('2026-12-01T06:00:00Z');
const first: FixturePaper = {
  arxivId: '2611.40001',
  title: 'Gossamer: Sparse Retrieval Heads for Ultralong Context',
  abstract: 'We find gossamer retrieval heads in long-context transformers and prune the rest.',
  authors: ['Ada Lovelace', 'Jean-Pierre Serre', 'Grace <!channel> Hopper'],
  published: '2026-11-30T10:00:00Z',
  upvotes: 57,
  githubRepo: 'https://github.com/example/gossamer',
};
const second: FixturePaper = {
  arxivId: '2611.40002',
  title: 'Quillwort Adapters for Tiny Vision Models',
  abstract: 'Quillwort adapters make tiny vision models adapt with a handful of parameters.',
  authors: ['Alan Turing'],
  published: '2026-11-30T12:00:00Z',
};

let dir: string;
let fake: FakeSources;
let seeds: Paper[];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'paperboy-ingested-'));
  fake = await startFakeSources();
  seeds = (await loadSeedCorpus()).papers;
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `paperboy ingest` as the CLI runs it: the seeds and the feed into the database. */
async function ingest(file: string): Promise<void> {
  const store = openSqliteStore(file);
  await store.migrate();
  try {
    const http = { userAgent: 'paperboy-test', timeoutMs: 5_000, clock: fakeClock() };
    await runIngest({ store, sources: [hfDailySource(fake.hfApiUrl, http)], seedPapers: seeds, logger: pino({ level: 'silent' }), now: NOW }, { storeSeeds: true });
  } finally {
    await store.close();
  }
}

async function startOn(file: string) {
  const bot = await startPaperboy(
    { DATABASE_URL: `sqlite:${file}`, PAPERBOY_INDEX_SNAPSHOT: join(dir, 'index.json'), PAPERBOY_CORPUS_POLL_SECONDS: '1' },
    { searchIndex: undefined, clock: () => NOW },
  );
  await bot.paperboy.ready;
  return bot;
}

const indexSource = (bot: Awaited<ReturnType<typeof startOn>>): unknown => bot.logs.lines().find((l) => l['msg'] === 'search index ready')?.['source'];

describe('ingested papers in the running bot', () => {
  it('a start after an ingest serves the ingested paper in /papers, with authors, date and links; sharing shows them too', async () => {
    const file = join(dir, 'paperboy.db');
    fake.hfDay('2026-11-30', [hfItem(first)]);
    await ingest(file);

    const bot = await startOn(file);
    try {
      expect(indexSource(bot)).toBe('built');
      const reply = await sendCommand(bot, 'gossamer retrieval heads', 'r1');
      const shown = visibleText(reply['blocks']);
      expect(shown).toContain(first.title);
      expect(shown).toContain('A. Lovelace, J.-P. Serre et al.');
      expect(shown).toContain('Published Nov 30, 2026');
      expect(shown).toContain('<https://arxiv.org/abs/2611.40001|arXiv>');
      expect(shown).toContain('<https://huggingface.co/papers/2611.40001|Hugging Face>');
      expect(shown).toContain('<https://github.com/example/gossamer|Code>');
      expect(findUnsafeStrings(reply, { users: ['U0USER'] })).toEqual([]);
      // The seed corpus is still there, each paper once.
      expect(visibleText((await sendCommand(bot, 'diffusion', 'r2'))['blocks'])).toMatch(/of \d+/);

      const share = buttonsIn(reply['blocks']).find((b) => b.button.text.text === 'Share to channel' && b.button.value !== undefined);
      await postSigned(bot.eventsUrl, SIGNING_SECRET, interactionBody(buttonClick(share!, bot.fake.responseUrl('share-1'))));
      const post = await bot.fake.waitFor((r) => r.method === 'chat.postMessage');
      const posted = visibleText(post.body['blocks']);
      expect(posted).toContain('A. Lovelace, J.-P. Serre et al.  ·  Published Nov 30, 2026  ·  <https://arxiv.org/abs/2611.40001|arXiv>');
      expect(findUnsafeStrings(post.body, { users: ['U0USER'] })).toEqual([]);
    } finally {
      await bot.close();
    }

    // A restart with nothing new ingested loads the snapshot, which holds the ingested paper.
    const again = await startOn(file);
    try {
      expect(indexSource(again)).toBe('snapshot');
      expect(visibleText((await sendCommand(again, 'gossamer', 'r3'))['blocks'])).toContain(first.title);
      // A paper `paperboy ingest` stores now is picked up by the running bot at its next poll
      // (live-ingest-e2e.test.ts has more), and a later start rebuilds with it.
      fake.hfDay('2026-12-01', [hfItem(second)]);
      await ingest(file);
      for (let i = 0; !visibleText((await sendCommand(again, 'quillwort adapters', `r4-${i}`))['blocks']).includes(second.title); i++) {
        if (i > 50) throw new Error('the running bot never picked up the ingested paper');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    } finally {
      await again.close();
    }

    const third = await startOn(file);
    try {
      expect(indexSource(third)).toBe('built');
      expect(visibleText((await sendCommand(third, 'quillwort adapters', 'r5'))['blocks'])).toContain(second.title);
      expect(visibleText((await sendCommand(third, 'gossamer', 'r6'))['blocks'])).toContain(first.title);
    } finally {
      await third.close();
    }
  }, 60_000);
});
