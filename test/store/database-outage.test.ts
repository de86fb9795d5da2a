/**
 * The database goes away mid-run and comes back (PostgreSQL behind a TCP proxy the test cuts,
 * and backends killed with pg_terminate_backend): `/papers <query>` keeps answering from the
 * index, requests that need the store are told it is temporarily unavailable, /healthz says 503
 * meanwhile, and once the database is back the store reconnects by itself with nothing lost.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/core/blocks/action-ids.js';
import { paperCount } from '../../src/core/search/search-index.js';
import { createOperations } from '../../src/ops/operations.js';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres-store.js';
import { isStoreUnavailable, StoreUnavailableError } from '../../src/store/store-errors.js';
import { createMemoryStore } from '../support/memory-store.js';
import { silentLogger } from '../digest/digest-harness.js';
import { interactionBody, postSigned, slashCommandBody } from '../support/sign-request.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { SIGNING_SECRET, buttonClick, buttonsIn, seedIndex, slashCommand, startHarness, visibleText, type Harness } from '../slack/harness.js';

const url = process.env.PAPERBOY_TEST_DATABASE_URL;
if (!url) console.warn('database outage tests: PostgreSQL skipped, set PAPERBOY_TEST_DATABASE_URL to run');

const HTTP_CONFIG = { slack: { mode: 'http' as const, botToken: 'xoxb-x', appToken: null, signingSecret: 's', apiUrl: null }, ops: { metricsPort: null, maxBodyBytes: 65536 } };
const APP_NAME = `pb_outage_${randomBytes(4).toString('hex')}`;

describe.skipIf(!url)('PostgreSQL goes away mid-run', () => {
  const schema = `pb_outage_${randomBytes(6).toString('hex')}`;
  let proxy: TcpProxy;
  let store: PostgresStore;
  let h: Harness;
  let n = 0;

  beforeAll(async () => {
    const target = new URL(url!);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(url!);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    viaProxy.searchParams.set('application_name', APP_NAME);
    store = openPostgresStore(viaProxy.toString(), { schema });
    await store.migrate();
    const index = await seedIndex();
    const ops = createOperations({ config: HTTP_CONFIG, logger: silentLogger, papers: () => paperCount(index), store });
    h = await startHarness({ mode: 'http', store, appOptions: { metrics: ops.metrics, http: { routes: ops.routes } } });
  });
  afterAll(async () => {
    await h?.close();
    await store?.close().catch(() => undefined);
    await proxy?.close();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  async function command(text: string): Promise<Record<string, unknown>> {
    const id = `c${++n}`;
    expect((await postSigned(h.eventsUrl, SIGNING_SECRET, slashCommandBody(slashCommand(text, h.fake.responseUrl(id))))).status).toBe(200);
    return (await h.fake.waitFor((r) => r.kind === 'response' && r.method === id, 10_000)).body;
  }
  async function click(reply: Record<string, unknown>, actionId: string): Promise<string> {
    const button = buttonsIn(reply['blocks']).find((b) => b.button.action_id === actionId)!;
    const id = `a${++n}`;
    expect((await postSigned(h.eventsUrl, SIGNING_SECRET, interactionBody(buttonClick(button, h.fake.responseUrl(id))))).status).toBe(200);
    return visibleText((await h.fake.waitFor((r) => r.kind === 'response' && r.method === id, 10_000)).body['blocks']);
  }
  const health = async (): Promise<{ status: number; body: Record<string, unknown> }> => {
    const r = await fetch(`${h.baseUrl}/healthz`);
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };

  it('cut, serve what can be served, restore, and nothing saved before is lost', async () => {
    const results = await command('diffusion quantization');
    expect(await click(results, ACTION_IDS.save)).toMatch(/Saved/i);
    expect((await health()).status).toBe(200);

    proxy.cut();
    const down = await health();
    console.log(`during the outage /healthz said ${down.status} ${JSON.stringify(down.body)}`);
    expect(down.status).toBe(503);
    expect(String(down.body['reason'])).toMatch(/^store unreachable \(/);

    const search = await command('linear mode connectivity');
    expect(visibleText(search['blocks']).toLowerCase()).toContain('linear mode connectivity');
    const saved = visibleText((await command('saved'))['blocks']);
    expect(saved).toMatch(/temporarily unavailable/);
    expect(saved).not.toMatch(/Something went wrong/);
    expect(await click(results, ACTION_IDS.save)).toMatch(/temporarily unavailable/);
    expect(h.logs.lines().some((l) => l['msg'] === 'listener failed')).toBe(false);
    expect(h.logs.lines().filter((l) => l['msg'] === 'request needed the database, which is unavailable').length).toBeGreaterThanOrEqual(2);

    proxy.restore();
    expect((await health()).status).toBe(200);
    const after = visibleText((await command('saved'))['blocks']);
    expect(after).not.toMatch(/temporarily unavailable/);
    expect(after, after).toMatch(/1 saved paper/);
  });

  it('backends killed by pg_terminate_backend: at worst one request is told to retry, then the pool reconnects', async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await store.ping(); // at least one pooled connection to kill
      const killed = await admin.query('SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1', [APP_NAME]);
      expect(killed.rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    const first = await store.ping().then(
      () => 'ok',
      (error: unknown) => (isStoreUnavailable(error) ? `unavailable (${error.reason})` : `unexpected: ${String(error)}`),
    );
    console.log(`first query after pg_terminate_backend: ${first}`);
    expect(first).toMatch(/^(ok|unavailable)/);
    await store.ping();
    expect((await health()).status).toBe(200);
    expect(visibleText((await command('saved'))['blocks'])).toMatch(/1 saved paper/);
  });

  it('a query error that is not about the connection is not mistaken for an outage', async () => {
    const error = await store.saveSubscription({ teamId: 'T', channelId: 'C', topics: [], time: '09:00', timezone: 'UTC', days: 'bogus' as never, createdBy: 'U' }, new Date('invalid')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(isStoreUnavailable(error)).toBe(false);
  });
});

describe('any store that reports itself unavailable (no database needed)', () => {
  it('search answers, store-backed commands say "temporarily unavailable", and the log has a warning, not a failure', async () => {
    const memory = createMemoryStore();
    let down = false;
    const guard = <T>(fn: () => Promise<T>): Promise<T> => (down ? Promise.reject(new StoreUnavailableError('ECONNREFUSED')) : fn());
    // Every method of the memory store, each failing while `down`.
    const store = new Proxy(memory, {
      get: (target, key) => {
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? (...args: unknown[]) => guard(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)) : value;
      },
    });
    const h = await startHarness({ mode: 'http', store });
    try {
      down = true;
      const ask = async (text: string, id: string): Promise<string> => {
        await postSigned(h.eventsUrl, SIGNING_SECRET, slashCommandBody(slashCommand(text, h.fake.responseUrl(id))));
        return visibleText((await h.fake.waitFor((r) => r.kind === 'response' && r.method === id)).body['blocks']);
      };
      expect((await ask('diffusion', 's1')).toLowerCase()).toContain('diffusion');
      const saved = await ask('saved', 's2');
      expect(saved).toMatch(/temporarily unavailable/);
      expect(h.logs.lines().find((l) => l['msg'] === 'request needed the database, which is unavailable')).toMatchObject({ level: 40, reason: 'ECONNREFUSED' });
      expect(h.logs.raw()).not.toMatch(/listener failed/);
      down = false;
      expect(await ask('saved', 's3')).not.toMatch(/temporarily unavailable/);
    } finally {
      await h.close();
    }
  });
});
