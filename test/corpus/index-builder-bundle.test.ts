/**
 * The bundled bot starts its index build worker from the file bin/build.js writes beside
 * dist/main.mjs: here the builder itself is bundled into that folder (as main.mjs bundles it)
 * and builds a segment and a whole index through the bundled worker. (test/slack/main.test.ts
 * starts the bundled bot without a snapshot, which builds through it too.)
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle } from '../../bin/build.js';
import { DEFAULT_SEARCH_SETTINGS } from '../../src/core/search/search-settings.js';
import { loadSeedCorpus } from '../../src/corpus/load-seeds.js';
import type { createIndexBuilder } from '../../src/corpus/index-builder.js';
import { buildTestBot } from '../support/bot-process.js';

let bot = '';
let cleanup = (): void => undefined;
beforeAll(async () => {
  ({ bot, cleanup } = await buildTestBot('index-worker'));
}, 60_000);
afterAll(() => cleanup());

describe('the bundled index build worker', () => {
  it('is written beside the bot and builds segments and whole indexes for a bundled builder', async () => {
    const dir = dirname(bot);
    expect(existsSync(join(dir, 'index-build-worker.mjs'))).toBe(true);
    const file = await bundle(fileURLToPath(new URL('../../src/corpus/index-builder.ts', import.meta.url)), join(dir, 'index-builder.mjs'));
    const bundled = (await import(pathToFileURL(file).href)) as { createIndexBuilder: typeof createIndexBuilder };
    const builder = bundled.createIndexBuilder();
    try {
      const papers = (await loadSeedCorpus()).papers.slice(0, 5);
      const index = await builder.segment(papers, DEFAULT_SEARCH_SETTINGS);
      expect(index.papers.ids).toEqual(papers.map((p) => p.id));
      const whole = await builder.index(papers, DEFAULT_SEARCH_SETTINGS);
      expect(whole.index.papers.ids).toEqual(papers.map((p) => p.id));
    } finally {
      await builder.close();
    }
  }, 60_000);
});
