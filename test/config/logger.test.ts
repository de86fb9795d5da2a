import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';

function collector(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, lines: () => chunks.join('').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('writes structured JSON lines at the configured level', () => {
    const out = collector();
    const logger = createLogger({ level: 'info', pretty: false, destination: out.stream });
    logger.debug('hidden');
    logger.info({ mode: 'http', port: 3000 }, 'listening');
    const lines = out.lines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'listening', mode: 'http', port: 3000, name: 'paperboy', level: 30 });
  });

  it('redacts tokens and secrets, top level and nested', () => {
    const out = collector();
    const logger = createLogger({ level: 'info', pretty: false, destination: out.stream });
    logger.info({ token: 'xoxb-secret', slack: { botToken: 'xoxb-secret2', signingSecret: 'sss' }, req: { headers: { authorization: 'Bearer xoxb-3' } } }, 'x');
    const text = JSON.stringify(out.lines());
    expect(text).not.toMatch(/xoxb-|sss/);
    expect(text).toContain('[redacted]');
  });
});
