/**
 * /healthz and /metrics on the real Bolt app in HTTP mode (beside /slack/events), and on the
 * Socket Mode ops server, each with its own metrics registry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paperCount } from '../../src/core/search/search-index.js';
import { deliverDigest } from '../../src/digest/deliver-digest.js';
import { startOpsServer } from '../../src/http/ops-server.js';
import { createMetrics } from '../../src/metrics/metrics.js';
import { createOperations } from '../../src/ops/operations.js';
import { StoreUnavailableError } from '../../src/store/store-errors.js';
import { silentLogger } from '../digest/digest-harness.js';
import { slackError } from '../support/fake-slack.js';
import { createMemoryStore } from '../support/memory-store.js';
import { interactionBody, postSigned, slashCommandBody } from '../support/sign-request.js';
import { startHarness as startDigestHarness, subscribe } from '../digest/digest-harness.js';
import { SIGNING_SECRET, buttonClick, buttonsIn, seedIndex, slashCommand, startHarness, type Harness } from '../slack/harness.js';
import { ACTION_IDS } from '../../src/core/blocks/action-ids.js';

const HTTP_CONFIG = { slack: { mode: 'http' as const, botToken: 'xoxb-x', appToken: null, signingSecret: 's', apiUrl: null }, ops: { metricsPort: null, maxBodyBytes: 65536 } };

/** A store whose ping fails or succeeds as the test says. */
function switchableStore() {
  const store = createMemoryStore();
  let down = false;
  return {
    store: Object.assign(store, {
      ping: async () => {
        if (down) throw new StoreUnavailableError('ECONNREFUSED');
      },
    }),
    setDown: (value: boolean) => (down = value),
  };
}

describe('HTTP mode: /healthz and /metrics beside /slack/events', () => {
  let h: Harness;
  const { store, setDown } = switchableStore();
  let loaded = true;
  beforeAll(async () => {
    const index = await seedIndex();
    const ops = createOperations({ config: HTTP_CONFIG, logger: silentLogger, papers: () => (loaded ? paperCount(index) : null), store });
    h = await startHarness({
      mode: 'http',
      store,
      appOptions: { metrics: ops.metrics, http: { routes: ops.routes } },
      deps: { observeSearchSeconds: (s) => ops.metrics.searchSeconds.observe(s) },
    });
  });
  afterAll(() => h.close());

  it('/healthz: 200 with a small JSON body while the store answers and the index is loaded; 503 with the reason otherwise', async () => {
    const up = await fetch(`${h.baseUrl}/healthz`);
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ status: 'ok', papers: 402, store: 'ok' });

    setDown(true);
    const down = await fetch(`${h.baseUrl}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: 'unavailable', reason: 'store unreachable (ECONNREFUSED)' });
    setDown(false);

    loaded = false;
    const loading = await fetch(`${h.baseUrl}/healthz`);
    expect(loading.status).toBe(503);
    expect(await loading.json()).toEqual({ status: 'unavailable', reason: 'search index not loaded yet' });
    loaded = true;
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
  });

  it('/metrics: Prometheus text with request latency by surface, search latency, Slack API errors, corpus size and process metrics', async () => {
    const r1 = h.fake.responseUrl('m1');
    expect((await postSigned(h.eventsUrl, SIGNING_SECRET, slashCommandBody(slashCommand('diffusion quantization', r1)))).status).toBe(200);
    const reply = await h.fake.waitFor((r) => r.kind === 'response' && r.method === 'm1');
    // Share to a channel the bot is not in: Slack answers not_in_channel, which is counted.
    h.fake.answerOnce('chat.postMessage', slackError('not_in_channel'));
    const share = buttonsIn(reply.body['blocks']).find((b) => b.button.action_id === ACTION_IDS.share)!;
    await postSigned(h.eventsUrl, SIGNING_SECRET, interactionBody(buttonClick(share, h.fake.responseUrl('m2'))));
    await h.fake.waitFor((r) => r.kind === 'response' && r.method === 'm2');
    // The listener's histogram entry lands when its work is done, just after the reply.
    await h.requests.drained(2000);

    const response = await fetch(`${h.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toMatch(/paperboy_request_duration_seconds_count\{surface="command",name="\/papers"\} 1\n/);
    expect(text).toMatch(/paperboy_request_duration_seconds_count\{surface="action",name="papers_share"\} 1\n/);
    expect(text).toMatch(/paperboy_search_duration_seconds_count 1\n/);
    expect(text).toMatch(/paperboy_slack_api_errors_total\{method="chat.postMessage",error="not_in_channel"\} 1\n/);
    expect(text).toMatch(/paperboy_corpus_papers 402\n/);
    expect(text).toMatch(/process_resident_memory_bytes \d+/);
    expect(text).toMatch(/nodejs_eventloop_lag_seconds /);
  });

  it('other paths are a plain 404, and GET /slack/events is not routed to Bolt', async () => {
    expect((await fetch(`${h.baseUrl}/nope`)).status).toBe(404);
    expect((await fetch(h.eventsUrl)).status).toBe(404);
  });
});

describe('digest outcomes in /metrics', () => {
  it('counts posted, skipped (nothing new) and failed deliveries, not the minute-by-minute "already done"', async () => {
    const dh = await startDigestHarness();
    const ops = createOperations({ config: HTTP_CONFIG, logger: silentLogger, papers: () => 3, store: dh.store, metrics: createMetrics({ defaultMetrics: false }) });
    try {
      const a = await subscribe(dh.store, 'CA');
      const b = await subscribe(dh.store, 'CB', { topics: ['none'] });
      const deps = dh.deps({ onOutcome: ops.onDigestOutcome, compose: (r) => (r.target.topics.includes('none') ? null : { paperIds: ['p1'], text: 't', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 't' } }] }) });
      const at = new Date('2026-11-23T08:05:00Z');
      expect((await deliverDigest(deps, a, at)).kind).toBe('posted');
      expect((await deliverDigest(deps, a, at)).kind).toBe('already-done');
      expect((await deliverDigest(deps, b, at)).kind).toBe('nothing-new');
      dh.fake.answerOnce('chat.postMessage', slackError('invalid_blocks'));
      const c = await subscribe(dh.store, 'CC');
      expect((await deliverDigest(deps, c, at)).kind).toBe('failed');
      const text = await ops.metrics.registry.metrics();
      expect(text).toMatch(/paperboy_digests_total\{outcome="posted"\} 1\n/);
      expect(text).toMatch(/paperboy_digests_total\{outcome="skipped"\} 1\n/);
      expect(text).toMatch(/paperboy_digests_total\{outcome="failed"\} 1\n/);
      expect(text).not.toMatch(/outcome="already/);
    } finally {
      await dh.close();
    }
  });
});

describe('Socket Mode ops server (PAPERBOY_METRICS_PORT)', () => {
  it('serves the same /healthz and /metrics, and only those', async () => {
    const metrics = createMetrics({ corpusSize: () => 7 });
    const ops = createOperations({ config: HTTP_CONFIG, logger: silentLogger, papers: () => 7, store: createMemoryStore(), metrics });
    const server = await startOpsServer(0, ops.routes, '127.0.0.1');
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', papers: 7, store: 'ok' });
      expect(await (await fetch(`${base}/metrics`)).text()).toMatch(/paperboy_corpus_papers 7\n/);
      expect((await fetch(`${base}/slack/events`, { method: 'POST' })).status).toBe(404);
      ops.beginStopping();
      const stopping = await fetch(`${base}/healthz`);
      expect(stopping.status).toBe(503);
      expect(await stopping.json()).toEqual({ status: 'unavailable', reason: 'shutting down' });
    } finally {
      await server.close();
    }
  });
});
