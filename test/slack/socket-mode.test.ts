/**
 * The same `/papers` command through Socket Mode: the fake Web API hands out a ws:// URL from
 * apps.connections.open, a local WebSocket server plays Slack's side (hello, then an envelope),
 * and we check the app acks the envelope and the reply reaches the response_url.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { ACTION_IDS } from '../../src/core/blocks/action-ids.js';
import { APP_TOKEN, buttonClick, buttonsIn, slashCommand, startHarness, visibleText, type Harness } from './harness.js';

describe('/papers over Socket Mode', () => {
  let wss: WebSocketServer;
  let h: Harness;
  const received: Record<string, unknown>[] = [];
  let socket: WebSocket | undefined;
  const waiters: (() => void)[] = [];

  beforeAll(async () => {
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    wss.on('connection', (ws) => {
      socket = ws;
      ws.on('message', (data) => {
        received.push(JSON.parse(String(data)) as Record<string, unknown>);
        waiters.splice(0).forEach((wake) => wake());
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake-applink', build_number: 1, approximate_connection_time: 18060 }, connection_info: { app_id: 'A0APP' } }));
    });
    const { port } = wss.address() as AddressInfo;
    h = await startHarness({ mode: 'socket', beforeStart: (fake) => fake.setSocketModeUrl(`ws://127.0.0.1:${port}/link/?ticket=t1`) });
  });

  afterAll(async () => {
    await h?.close();
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });

  const waitForMessage = async (predicate: (m: Record<string, unknown>) => boolean, timeoutMs = 5_000): Promise<Record<string, unknown>> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = received.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching socket message; got ${JSON.stringify(received)}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100).unref();
      });
    }
  };

  it('opened the connection with the app-level token through the configured Web API URL', () => {
    const open = h.fake.calls('apps.connections.open');
    expect(open.length).toBeGreaterThanOrEqual(1);
    expect(open[0]!.token).toBe(APP_TOKEN);
    expect(socket?.readyState).toBe(WebSocket.OPEN);
  });

  it('acks the slash command envelope and replies through the response_url', async () => {
    const payload = slashCommand('diffusion quantization', h.fake.responseUrl('socket-cmd'));
    socket!.send(JSON.stringify({ envelope_id: 'env-1', type: 'slash_commands', payload, accepts_response_payload: true }));
    const ack = await waitForMessage((m) => m['envelope_id'] === 'env-1');
    expect(ack).toMatchObject({ envelope_id: 'env-1' });
    const reply = await h.fake.waitFor((r) => r.kind === 'response' && r.method === 'socket-cmd');
    expect(reply.body['response_type']).toBe('ephemeral');
    expect(visibleText(reply.body['blocks'])).toMatch(/Quantization/);
    expect(visibleText(reply.body['blocks'])).toMatch(/Diffusion/);
  });

  it('handles a button click envelope: "Share to channel" posts through the Web API', async () => {
    const payload = slashCommand('diffusion quantization', h.fake.responseUrl('socket-cmd-2'));
    socket!.send(JSON.stringify({ envelope_id: 'env-2', type: 'slash_commands', payload, accepts_response_payload: true }));
    const results = await h.fake.waitFor((r) => r.kind === 'response' && r.method === 'socket-cmd-2');
    const share = buttonsIn(results.body['blocks']).find((b) => b.button.action_id === ACTION_IDS.share)!;
    socket!.send(JSON.stringify({ envelope_id: 'env-3', type: 'interactive', payload: buttonClick(share, h.fake.responseUrl('socket-share')), accepts_response_payload: false }));
    await waitForMessage((m) => m['envelope_id'] === 'env-3');
    const post = await h.fake.waitFor((r) => r.method === 'chat.postMessage');
    expect(post.body['channel']).toBe('C0CHAN');
    expect(String(post.body['text'])).toContain('<@U0USER>');
  });
});
