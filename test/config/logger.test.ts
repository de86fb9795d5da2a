import { describe, expect, it } from 'vitest';
import { createLogger, logPrefix } from '../../src/logger.js';
import { logSink } from '../support/log-sink.js';

describe('createLogger', () => {
  it('writes structured JSON lines at the configured level', () => {
    const { stream, sink } = logSink();
    const logger = createLogger({ level: 'info', pretty: false, destination: stream });
    logger.debug('hidden');
    logger.info({ mode: 'http', port: 3000 }, 'listening');
    const lines = sink.lines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'listening', mode: 'http', port: 3000, name: 'paperboy', level: 30 });
  });

  it('redacts tokens and secrets, top level and nested', () => {
    const { stream, sink } = logSink();
    const logger = createLogger({ level: 'info', pretty: false, destination: stream });
    logger.info({ token: 'xoxb-secret', slack: { botToken: 'xoxb-secret2', signingSecret: 'sss' }, req: { headers: { authorization: 'Bearer xoxb-3' } } }, 'x');
    const text = JSON.stringify(sink.lines());
    expect(text).not.toMatch(/xoxb-|sss/);
    expect(text).toContain('[redacted]');
  });

  it('redacts tokens two levels down too (a config object inside a log field)', () => {
    const { stream, sink } = logSink();
    const logger = createLogger({ level: 'info', pretty: false, destination: stream });
    logger.info({ config: { slack: { botToken: 'xoxb-deep', appToken: 'xapp-deep', signingSecret: 'sss-deep' } } }, 'x');
    expect(JSON.stringify(sink.lines())).not.toMatch(/xoxb-|xapp-|sss-/);
  });

  it('logPrefix keeps at most 32 code points of user text', () => {
    expect(logPrefix('diffusion')).toBe('diffusion');
    const cut = logPrefix('🧪'.repeat(4000));
    expect(Array.from(cut)).toHaveLength(32);
    expect(cut.endsWith('…')).toBe(true);
  });
});
