import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';

const BASE = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' };

function message(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig: operations settings', () => {
  it('defaults: no metrics port, a 64 KiB body limit', () => {
    expect(loadConfig(BASE).ops).toEqual({ metricsPort: null, maxBodyBytes: 65_536 });
  });

  it('reads PAPERBOY_METRICS_PORT and PAPERBOY_MAX_BODY_BYTES', () => {
    expect(loadConfig({ ...BASE, PAPERBOY_METRICS_PORT: '9464', PAPERBOY_MAX_BODY_BYTES: '131072' }).ops).toEqual({ metricsPort: 9464, maxBodyBytes: 131_072 });
  });

  it('a bad value names the variable, what it must be, and how to turn it off', () => {
    for (const bad of ['abc', '0', '70000', '9464.5', '-1']) {
      const text = message({ ...BASE, PAPERBOY_METRICS_PORT: bad });
      expect(text).toContain(`PAPERBOY_METRICS_PORT must be a whole number from 1 to 65535 (got "${bad}")`);
      expect(text).toContain('Unset it');
    }
    expect(message({ ...BASE, PAPERBOY_MAX_BODY_BYTES: '64k' })).toContain('PAPERBOY_MAX_BODY_BYTES must be a whole number of bytes');
    expect(message({ ...BASE, PAPERBOY_MAX_BODY_BYTES: '10' })).toContain('from 1024');
  });
});
