/**
 * `npm start` as an admin runs it: the bot built as bin/build.js builds it (src/main.ts bundled
 * into one module, here in a folder of this run's own under dist/), in a child process,
 * configured only through the environment. Bad config stops it with the list of problems (no stack trace); good config
 * serves /papers over HTTP against the fake Slack and stops cleanly on SIGTERM.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { buildTestBot, freePort, runBot, waitForOutput } from '../support/bot-process.js';
import { slackError, startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { postSigned, slashCommandBody } from '../support/sign-request.js';
import { slashCommand, visibleText } from './harness.js';

let bot = '';
let cleanup = (): void => undefined;
beforeAll(async () => {
  ({ bot, cleanup } = await buildTestBot('test'));
});
afterAll(() => cleanup());

const run = (env: Record<string, string>) => runBot(bot, env);

describe('npm start (the bundled bot)', () => {
  let fake: FakeSlack | undefined;
  let child: ChildProcess | undefined;
  afterEach(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await fake?.close();
    fake = undefined;
    child = undefined;
  });

  it('stops with every config problem listed, exit code 1, and no stack trace', async () => {
    const started = run({ SLACK_BOT_TOKEN: 'xoxp-wrong-kind-secret', PORT: 'abc' });
    child = started.child;
    expect(await started.exited).toBe(1);
    const output = started.output();
    expect(output).toContain('SLACK_BOT_TOKEN');
    expect(output).toContain('SLACK_SIGNING_SECRET');
    expect(output).toContain('PORT');
    expect(output).not.toMatch(/\n\s+at /);
    expect(output).not.toContain('xoxp-wrong-kind-secret');
  });

  it('stops with a message an admin can act on when Slack rejects the bot token', async () => {
    fake = await startFakeSlack();
    fake.answerAlways('auth.test', slackError('invalid_auth'));
    const dataDir = mkdtempSync(join(tmpdir(), 'paperboy-main-'));
    const started = run({
      SLACK_BOT_TOKEN: 'xoxb-revoked-token-do-not-print',
      SLACK_SIGNING_SECRET: 'main-test-signing-secret',
      PORT: String(await freePort()),
      SLACK_API_URL: fake.apiUrl,
      DATABASE_URL: `sqlite:${join(dataDir, 'paperboy.db')}`,
      PAPERBOY_INDEX_SNAPSHOT: join(dataDir, 'index.json'),
    });
    child = started.child;
    expect(await started.exited).toBe(1);
    const output = started.output();
    expect(output).toContain('Slack rejected SLACK_BOT_TOKEN (invalid_auth)');
    expect(output).toContain('OAuth & Permissions');
    expect(output).not.toMatch(/\n\s+at /);
    expect(output).not.toContain('xoxb-revoked-token-do-not-print');
  });

  it('serves /papers over HTTP with the configured Web API URL, then stops cleanly on SIGTERM', async () => {
    const slack = await startFakeSlack();
    fake = slack;
    const port = await freePort();
    const secret = 'main-test-signing-secret';
    const dataDir = mkdtempSync(join(tmpdir(), 'paperboy-main-'));
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-main-test',
      SLACK_SIGNING_SECRET: secret,
      PORT: String(port),
      SLACK_API_URL: fake.apiUrl,
      LOG_LEVEL: 'info',
      DATABASE_URL: `sqlite:${join(dataDir, 'nested', 'paperboy.db')}`,
      PAPERBOY_INDEX_SNAPSHOT: join(dataDir, 'index.json'),
    };
    const started = run(env);
    child = started.child;
    await waitForOutput(started.output, /"msg":"listening"/, started.exited);
    expect(started.output()).toMatch(/"mode":"http"/);
    // No snapshot yet: the bot listens first and builds the index meanwhile, so a search right
    // away is answered either "warming up" or, if the build already finished, with results.
    const ask = async (id: string): Promise<string> => {
      const response = await postSigned(`http://127.0.0.1:${port}/slack/events`, secret, slashCommandBody(slashCommand('linear mode connectivity', slack.responseUrl(id))));
      expect(response.status).toBe(200);
      const reply = await slack.waitFor((r) => r.kind === 'response' && r.method === id, 10_000);
      return visibleText(reply.body['blocks']).toLowerCase();
    };
    expect(await ask('main-early')).toMatch(/warming up: the search index is being built \(\d+% indexed\)|linear mode connectivity/);
    await waitForOutput(started.output, /"msg":"search index ready"/, started.exited);
    expect(await ask('main')).toContain('linear mode connectivity');
    child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
    expect(started.output()).toMatch(/"msg":"stopped"/);
    expect(started.output()).not.toContain(secret);
    // First start: the database is created where DATABASE_URL says, and the index is built and saved.
    expect(existsSync(join(dataDir, 'nested', 'paperboy.db'))).toBe(true);
    expect(started.output()).toMatch(/"source":"built"/);
    // Built by the bundled worker thread, not on the main thread.
    expect(started.output()).toMatch(/building the index in a worker thread/);
    expect(started.output()).not.toMatch(/building it on the main thread/);
    expect(existsSync(join(dataDir, 'index.json'))).toBe(true);

    // Second start serves from the snapshot instead of rebuilding.
    const restarted = run(env);
    child = restarted.child;
    await waitForOutput(restarted.output, /"msg":"listening"/, restarted.exited);
    expect(restarted.output()).toMatch(/"source":"snapshot"/);
    child.kill('SIGTERM');
    expect(await restarted.exited).toBe(0);
  });
  it('serves /papers over Socket Mode (the bundled WebSocket client), acking the envelope', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    try {
      await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
      const acks: Record<string, unknown>[] = [];
      const connected = new Promise<WebSocket>((resolve) =>
        wss.on('connection', (ws) => {
          ws.on('message', (data) => acks.push(JSON.parse(String(data)) as Record<string, unknown>));
          ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0APP' } }));
          resolve(ws);
        }),
      );
      fake = await startFakeSlack();
      fake.setSocketModeUrl(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link/?ticket=t1`);
      const dataDir = mkdtempSync(join(tmpdir(), 'paperboy-main-'));
      const started = run({
        SLACK_BOT_TOKEN: 'xoxb-main-test',
        SLACK_APP_TOKEN: 'xapp-main-test',
        SLACK_API_URL: fake.apiUrl,
        DATABASE_URL: `sqlite:${join(dataDir, 'paperboy.db')}`,
        PAPERBOY_INDEX_SNAPSHOT: join(dataDir, 'index.json'),
      });
      child = started.child;
      const socket = await connected;
      await waitForOutput(started.output, /"msg":"listening \(Socket Mode\)"/, started.exited);
      await waitForOutput(started.output, /"msg":"search index ready"/, started.exited);
      const payload = slashCommand('diffusion quantization', fake.responseUrl('main-socket'));
      socket.send(JSON.stringify({ envelope_id: 'env-main', type: 'slash_commands', payload, accepts_response_payload: true }));
      const reply = await fake.waitFor((r) => r.kind === 'response' && r.method === 'main-socket', 10_000);
      expect(visibleText(reply.body['blocks'])).toMatch(/Quantization/);
      expect(acks.some((m) => m['envelope_id'] === 'env-main')).toBe(true);
      child.kill('SIGTERM');
      expect(await started.exited).toBe(0);
    } finally {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    }
  });
});
