/**
 * What reaches /slack/events before Bolt: bodies over the limit get 413 unread (even unsigned or
 * badly signed ones: the size check comes first), and requests without well-formed signature
 * headers get 401, logged as one warning line without a stack trace.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postSigned, signRequest, slashCommandBody } from '../support/sign-request.js';
import { SIGNING_SECRET, slashCommand, startHarness, type Harness } from '../slack/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ mode: 'http', appOptions: { http: { bodyLimitBytes: 8 * 1024 } } });
});
afterAll(() => h.close());

/** A command padded to about `bytes` with an extra form field (the query itself stays short). */
const padded = (bytes: number, responseUrl: string): string => slashCommandBody(slashCommand('diffusion', responseUrl, { pad: 'x'.repeat(bytes) }));

/** POST with chunked transfer encoding (no content-length), as a client streaming a body would. */
function postChunked(url: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked', ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    for (let i = 0; i < body.length; i += 4096) req.write(body.slice(i, i + 4096));
    req.end();
  });
}

function stackTraces(raw: string): string[] {
  return raw.split('\n').filter((line) => /\\n\s+at |"stack":/.test(line));
}

describe('body limit', () => {
  it('a signed 3 MiB command gets 413, is never handled, and the log says why without the body', async () => {
    const body = padded(3 * 1024 * 1024, h.fake.responseUrl('big'));
    const response = await postSigned(h.eventsUrl, SIGNING_SECRET, body);
    expect(response.status).toBe(413);
    const line = h.logs.lines().find((l) => l['msg'] === 'request rejected' && l['status'] === 413);
    expect(line?.['reason']).toMatch(/over the 8192-byte limit/);
    expect(h.logs.raw()).not.toContain('xxxxxxxxxx');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.fake.responses()).toHaveLength(0);
  });

  it('the size check comes before the signature check: an oversized forged body is 413, not 401', async () => {
    const response = await fetch(h.eventsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-signature': 'v0=nonsense', 'x-slack-request-timestamp': 'now' },
      body: padded(100_000, h.fake.responseUrl('forged-big')),
    });
    expect(response.status).toBe(413);
  });

  it('a chunked body with no length is cut off at the limit with 413 too', async () => {
    const body = padded(20_000, h.fake.responseUrl('chunked'));
    expect(await postChunked(h.eventsUrl, body, { ...signRequest(SIGNING_SECRET, body) })).toBe(413);
  });

  it('a body under the limit is answered as usual', async () => {
    const id = 'small';
    const response = await postSigned(h.eventsUrl, SIGNING_SECRET, padded(6000, h.fake.responseUrl(id)));
    expect(response.status).toBe(200);
    await h.fake.waitFor((r) => r.kind === 'response' && r.method === id);
  });
});

describe('signature headers', () => {
  const body = slashCommandBody(slashCommand('diffusion', 'http://127.0.0.1:1/response/never'));
  const good = signRequest(SIGNING_SECRET, body);
  const cases: [string, Record<string, string>][] = [
    ['both missing', {}],
    ['signature missing', { 'x-slack-request-timestamp': good['x-slack-request-timestamp'] }],
    ['timestamp missing', { 'x-slack-signature': good['x-slack-signature'] }],
    ['signature not v0=<64 hex>', { ...good, 'x-slack-signature': 'v1=abc' }],
    ['signature with non-hex', { ...good, 'x-slack-signature': `v0=${'z'.repeat(64)}` }],
    ['timestamp not a number', { ...good, 'x-slack-request-timestamp': 'yesterday' }],
  ];
  for (const [name, headers] of cases) {
    it(`${name}: 401, one warning, no stack trace`, async () => {
      const before = h.logs.raw().length;
      const response = await fetch(h.eventsUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
      expect(response.status).toBe(401);
      expect(await response.text()).toBe('');
      const logged = h.logs.raw().slice(before);
      expect(logged).toMatch(/"msg":"request rejected"/);
      expect(logged).toMatch(/"status":401/);
      expect(stackTraces(logged)).toEqual([]);
    });
  }

  it('a well-formed but wrong signature is rejected by Bolt with 401, also without a stack trace', async () => {
    const before = h.logs.raw().length;
    const response = await postSigned(h.eventsUrl, 'not-the-secret', body);
    expect(response.status).toBe(401);
    expect(stackTraces(h.logs.raw().slice(before))).toEqual([]);
  });
});

describe('the default limit', () => {
  it('is 64 KiB: 60 KiB is answered, 65 KiB is 413', async () => {
    const d = await startHarness({ mode: 'http' });
    try {
      const ok = await postSigned(d.eventsUrl, SIGNING_SECRET, padded(60 * 1024, d.fake.responseUrl('d1')));
      expect(ok.status).toBe(200);
      const big = await postSigned(d.eventsUrl, SIGNING_SECRET, padded(65 * 1024, d.fake.responseUrl('d2')));
      expect(big.status).toBe(413);
    } finally {
      await d.close();
    }
  });
});
