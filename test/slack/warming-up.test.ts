/**
 * A cold start without a snapshot: the bot listens while the index is built and answers
 * `/papers` with how far the build is, then with results once the index is ready.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postSigned, slashCommandBody } from '../support/sign-request.js';
import { SIGNING_SECRET, slashCommand, startHarness, visibleText, type Harness } from './harness.js';

let progress: number | null = 0.427;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ mode: 'http', indexProgress: () => progress });
});
afterAll(async () => {
  await h.close();
});

async function command(text: string, id: string): Promise<Record<string, unknown>> {
  const response = await postSigned(h.eventsUrl, SIGNING_SECRET, slashCommandBody(slashCommand(text, h.fake.responseUrl(id))));
  expect(response.status).toBe(200);
  const reply = await h.fake.waitFor((r) => r.kind === 'response' && r.method === id);
  return reply.body;
}

describe('/papers while the index is being built', () => {
  it('says it is warming up and how much is indexed, then answers once the index is ready', async () => {
    const warming = await command('diffusion quantization', 'warming');
    expect(warming['response_type']).toBe('ephemeral');
    expect(String(warming['text'])).toMatch(/warming up.*42% indexed/);
    expect(visibleText(warming['blocks'])).toMatch(/warming up.*42% indexed/);

    progress = null;
    const ready = await command('diffusion quantization', 'ready');
    expect(String(ready['text'])).toMatch(/^Papers for/);
    expect(String(ready['text'])).not.toMatch(/warming up/);
  });
});
