import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';

const BOT = 'xoxb-111-222-secretbotvalue';
const SECRET = 'signingsecretvalue123';

function problemsOf(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('PAPERBOY_VOTE_REACTIONS: +1 and fire by default; names with or without colons; a bad list is named with the fix', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET }).votes.reactions).toEqual(['+1', 'fire']);
    expect(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, PAPERBOY_VOTE_REACTIONS: ' :rocket:, Fire ,rocket' }).votes.reactions).toEqual(['rocket', 'fire']);
    expect(problemsOf({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, PAPERBOY_VOTE_REACTIONS: 'fire, two words' })).toContain(
      'PAPERBOY_VOTE_REACTIONS must be emoji names separated by commas, e.g. +1,fire,rocket ("two words" is not an emoji name). Unset it to use +1,fire.',
    );
    expect(problemsOf({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, PAPERBOY_VOTE_REACTIONS: ' , ' })).toContain('(no emoji names given)');
  });

  it('applies defaults in HTTP mode', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET });
    expect(config.slack).toEqual({ botToken: BOT, appToken: null, signingSecret: SECRET, apiUrl: null, mode: 'http' });
    expect(config.port).toBe(3000);
    expect(config.logLevel).toBe('info');
    expect(config.database).toEqual({ kind: 'sqlite', path: './data/paperboy.db' });
    expect(config.seedsDir).toMatch(/seeds\/?$/);
    expect(config.indexSnapshotPath).toBe('./data/index.json');
    expect(config.digest).toEqual({ defaultTime: '09:00', defaultTimezone: 'UTC', maxPapers: 5, trendingDays: 7 });
  });

  it('uses Socket Mode when an app token is set, without needing a signing secret', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: 'xapp-1-abc' });
    expect(config.slack.mode).toBe('socket');
    expect(config.slack.signingSecret).toBeNull();
  });

  it('reads every optional variable', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: BOT,
      SLACK_SIGNING_SECRET: SECRET,
      PORT: '8080',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      LOG_LEVEL: 'DEBUG',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      PAPERBOY_SEEDS_DIR: '/tmp/seeds',
      PAPERBOY_INDEX_SNAPSHOT: '/tmp/index.json',
      DIGEST_DEFAULT_TIME: '17:30',
      DIGEST_DEFAULT_TIMEZONE: 'Europe/Berlin',
      DIGEST_MAX_PAPERS: '10',
      DIGEST_TRENDING_DAYS: '14',
    });
    expect(config.port).toBe(8080);
    // The Web API client joins method names onto this, so it must end with '/'.
    expect(config.slack.apiUrl).toBe('http://127.0.0.1:9999/api/');
    expect(config.logLevel).toBe('debug');
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/test' });
    expect(config.seedsDir).toBe('/tmp/seeds');
    expect(config.indexSnapshotPath).toBe('/tmp/index.json');
    expect(config.digest).toEqual({ defaultTime: '17:30', defaultTimezone: 'Europe/Berlin', maxPapers: 10, trendingDays: 14 });
    expect(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: 'xapp-1', DATABASE_URL: 'sqlite:/tmp/x.db' }).database).toEqual({
      kind: 'sqlite',
      path: '/tmp/x.db',
    });
  });

  it('says how to fix a missing bot token and signing secret, both in one message', () => {
    const message = problemsOf({});
    expect(message).toMatch(/SLACK_BOT_TOKEN is missing.*manifest\.yml.*OAuth & Permissions/);
    expect(message).toMatch(/SLACK_SIGNING_SECRET is missing.*Basic Information/);
    expect(message).toMatch(/2 settings/);
  });

  it('treats blank values as missing', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: '  ', SLACK_SIGNING_SECRET: SECRET })).toMatch(/SLACK_BOT_TOKEN is missing/);
  });

  it('names every malformed variable and never echoes secrets', () => {
    const message = problemsOf({
      SLACK_BOT_TOKEN: 'xoxp-user-token-secret',
      SLACK_APP_TOKEN: 'not-an-app-token-secret',
      PORT: '99999',
      SLACK_API_URL: 'not a url',
      LOG_LEVEL: 'loud',
      DATABASE_URL: 'mysql://root:hunter2@db/x',
      DIGEST_DEFAULT_TIME: '9am',
      DIGEST_DEFAULT_TIMEZONE: 'Mars/Olympus',
      DIGEST_MAX_PAPERS: '11',
      DIGEST_TRENDING_DAYS: '0',
    });
    for (const name of [
      'SLACK_BOT_TOKEN',
      'SLACK_APP_TOKEN',
      'PORT',
      'SLACK_API_URL',
      'LOG_LEVEL',
      'DATABASE_URL',
      'DIGEST_DEFAULT_TIME',
      'DIGEST_DEFAULT_TIMEZONE',
      'DIGEST_MAX_PAPERS',
      'DIGEST_TRENDING_DAYS',
    ]) {
      expect(message).toContain(name);
    }
    expect(message).toMatch(/10 settings/);
    expect(message).not.toContain('xoxp-user-token-secret');
    expect(message).not.toContain('not-an-app-token-secret');
    expect(message).not.toContain('hunter2');
  });

  it('rejects ports and counts that are not whole numbers', () => {
    const message = problemsOf({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, PORT: '3000.5', DIGEST_MAX_PAPERS: '0' });
    expect(message).toContain('PORT');
    expect(message).toContain('DIGEST_MAX_PAPERS');
  });
});

const BASE = { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET };

describe('loadConfig: operations settings', () => {
  it('defaults: no metrics port, a 64 KiB body limit', () => {
    expect(loadConfig(BASE).ops).toEqual({ metricsPort: null, maxBodyBytes: 65_536 });
  });

  it('reads PAPERBOY_METRICS_PORT and PAPERBOY_MAX_BODY_BYTES', () => {
    expect(loadConfig({ ...BASE, PAPERBOY_METRICS_PORT: '9464', PAPERBOY_MAX_BODY_BYTES: '131072' }).ops).toEqual({ metricsPort: 9464, maxBodyBytes: 131_072 });
  });

  it('a bad value names the variable, what it must be, and how to turn it off', () => {
    for (const bad of ['abc', '0', '70000', '9464.5', '-1']) {
      const text = problemsOf({ ...BASE, PAPERBOY_METRICS_PORT: bad });
      expect(text).toContain(`PAPERBOY_METRICS_PORT must be a whole number from 1 to 65535 (got "${bad}")`);
      expect(text).toContain('Unset it');
    }
    expect(problemsOf({ ...BASE, PAPERBOY_MAX_BODY_BYTES: '64k' })).toContain('PAPERBOY_MAX_BODY_BYTES must be a whole number of bytes');
    expect(problemsOf({ ...BASE, PAPERBOY_MAX_BODY_BYTES: '10' })).toContain('from 1024');
  });
});

describe('loadConfig: PAPERBOY_CORPUS_POLL_SECONDS', () => {
  it('defaults to 30 s and reads a whole number of seconds', () => {
    expect(loadConfig(BASE).corpus).toEqual({ pollSeconds: 30 });
    expect(loadConfig({ ...BASE, PAPERBOY_CORPUS_POLL_SECONDS: '5' }).corpus).toEqual({ pollSeconds: 5 });
  });

  it('a bad value names the variable, the range and the default', () => {
    for (const bad of ['0', '3601', '1.5', 'soon', '-3']) {
      const text = problemsOf({ ...BASE, PAPERBOY_CORPUS_POLL_SECONDS: bad });
      expect(text).toContain(`PAPERBOY_CORPUS_POLL_SECONDS must be a whole number of seconds from 1 to 3600 (got "${bad}")`);
      expect(text).toContain('Unset it to use 30');
    }
  });
});
