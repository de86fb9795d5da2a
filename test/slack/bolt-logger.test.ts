import { LogLevel } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { boltLogger } from '../../src/slack/bolt-logger.js';
import { logSink } from '../support/log-sink.js';

describe('boltLogger', () => {
  it('writes SDK logs as structured pino lines, and the SDK cannot raise our LOG_LEVEL', () => {
    const { stream, sink } = logSink();
    const logger = boltLogger(createLogger({ level: 'warn', pretty: false, destination: stream }));
    // What the Socket Mode client does on construction.
    logger.setLevel(LogLevel.DEBUG);
    logger.setName('socket-mode:SocketModeClient:0');
    logger.debug('noise');
    logger.info('chatter');
    logger.warn('rate limited', { retryAfter: 3 });
    logger.error(new Error('boom'));
    expect(sink.lines().map((l) => [l['level'], l['msg'], l['component']])).toEqual([
      [40, 'rate limited {"retryAfter":3}', 'slack-sdk'],
      [50, 'boom', 'slack-sdk'],
    ]);
    expect(logger.getLevel()).toBe(LogLevel.WARN);
  });

  it('keeps request and response bodies out of the logs, and cuts every SDK line short', () => {
    const { stream, sink } = logSink();
    const logger = boltLogger(createLogger({ level: 'debug', pretty: false, destination: stream }));
    logger.debug(`http request body: {"text":"${'secret query '.repeat(50)}"}`);
    logger.debug('http request result:', { ok: true, message: { text: 'a title' } });
    logger.warn(`something ${'x'.repeat(1000)}`);
    const msgs = sink.lines().map((l) => String(l['msg']));
    expect(msgs[0]).toMatch(/^http request body: \d+ characters, not logged$/);
    expect(msgs[1]).toMatch(/^http request result: \d+ characters, not logged$/);
    expect(Array.from(msgs[2]!).length).toBeLessThanOrEqual(200);
    expect(sink.raw()).not.toContain('secret query');
  });
});
