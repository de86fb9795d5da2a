import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_INGEST_CRON, loadConfig, loadStoreConfig } from '../../src/config/load-config.js';

const SLACK = { SLACK_BOT_TOKEN: 'xoxb-1-2-x', SLACK_SIGNING_SECRET: 'secret' };

/** The ConfigError message for these settings (with working Slack ones). */
const problemsOf = (env: Record<string, string>): string => {
  const thrown = (() => {
    try {
      return loadConfig({ ...SLACK, ...env }) && null;
    } catch (error) {
      return error;
    }
  })();
  expect(thrown).toBeInstanceOf(ConfigError);
  return (thrown as ConfigError).message;
};

describe('feed settings', () => {
  it('are off by default: no sources, the public APIs, an ingest before the default 09:00 digest', () => {
    const { ingest } = loadConfig(SLACK);
    expect(ingest).toEqual({ sources: [], hfApiUrl: 'https://huggingface.co/api', arxivApiUrl: 'https://export.arxiv.org/api/query', cron: DEFAULT_INGEST_CRON });
    expect(DEFAULT_INGEST_CRON).toBe('0 6 * * *');
  });

  it('reads every documented form of PAPERBOY_SOURCES', () => {
    expect(loadConfig({ ...SLACK, PAPERBOY_SOURCES: 'hf' }).ingest.sources).toEqual([{ kind: 'hf' }]);
    expect(loadConfig({ ...SLACK, PAPERBOY_SOURCES: 'arxiv:cs.LG+cs.CV' }).ingest.sources).toEqual([{ kind: 'arxiv', categories: ['cs.LG', 'cs.CV'] }]);
    expect(loadConfig({ ...SLACK, PAPERBOY_SOURCES: 'hf, arxiv:cs.LG+stat.ML+eess.IV+math.OC' }).ingest.sources).toEqual([
      { kind: 'hf' },
      { kind: 'arxiv', categories: ['cs.LG', 'stat.ML', 'eess.IV', 'math.OC'] },
    ]);
  });

  it('stops start-up on an unknown source or category, listing the valid forms', () => {
    const message = problemsOf({ PAPERBOY_SOURCES: 'hf,pubmed' });
    expect(message).toContain('"pubmed" is not a source');
    expect(message).toContain('Examples: hf, arxiv:cs.LG+cs.CV, hf,arxiv:cs.LG');
    expect(problemsOf({ PAPERBOY_SOURCES: 'arxiv:cs.XX+cs.LG' })).toContain('"cs.XX" is not an arXiv category');
    expect(problemsOf({ PAPERBOY_SOURCES: 'arxiv:cs.lg' })).toContain('arXiv category "cs.lg" is spelled cs.LG');
    expect(problemsOf({ PAPERBOY_SOURCES: 'arxiv' })).toContain('"arxiv" needs its categories, e.g. arxiv:cs.LG+cs.CV');
    expect(problemsOf({ PAPERBOY_SOURCES: 'hf,hf' })).toContain('"hf" is listed twice');
  });

  it('checks the URLs and the cron expression', () => {
    const config = loadConfig({ ...SLACK, HF_PAPERS_API_URL: 'http://127.0.0.1:9/hf', ARXIV_API_URL: 'http://127.0.0.1:9/q', PAPERBOY_INGEST_CRON: '30 5 * * 1-5' });
    expect(config.ingest).toMatchObject({ hfApiUrl: 'http://127.0.0.1:9/hf', arxivApiUrl: 'http://127.0.0.1:9/q', cron: '30 5 * * 1-5' });
    const message = problemsOf({ HF_PAPERS_API_URL: 'ftp://x', ARXIV_API_URL: 'nope', PAPERBOY_INGEST_CRON: 'every morning' });
    expect(message).toContain('HF_PAPERS_API_URL must be an http(s) URL');
    expect(message).toContain('ARXIV_API_URL must be an http(s) URL');
    expect(message).toContain('PAPERBOY_INGEST_CRON must be a cron expression');
  });

  it('loadStoreConfig needs no Slack settings but checks the same variables', () => {
    expect(loadStoreConfig({ DATABASE_URL: 'sqlite:/tmp/x.db', PAPERBOY_SOURCES: 'hf' })).toMatchObject({
      database: { kind: 'sqlite', path: '/tmp/x.db' },
      databaseConfigured: true,
      ingest: { sources: [{ kind: 'hf' }] },
    });
    expect(loadStoreConfig({}).databaseConfigured).toBe(false);
    expect(() => loadStoreConfig({ PAPERBOY_SOURCES: 'arxiv:physics' })).toThrow(/"physics" is not an arXiv category/);
  });
});
