/**
 * `paperboy search <arXiv id or link>` in process, over stored papers given by the deps (as an
 * ingest would have filled the database): the paper first, then papers like it; an unknown id is
 * said so, with the other words offered as a search.
 */
import { describe, expect, it } from 'vitest';
import { runSearchCommand, defaultSearchCliDeps } from '../../src/cli/search-command.js';
import type { CliIo } from '../../src/cli/cli-io.js';
import { loadSeedCorpus } from '../../src/corpus/load-seeds.js';

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { papers } = await loadSeedCorpus();
  const seed = papers.find((p) => /diffusion/i.test(p.title))!;
  const stored = papers.map((p) => (p.id === seed.id ? { ...p, arxivId: '2403.12345' } : p));
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (l) => out.push(l), stderr: (l) => err.push(l), now: () => new Date('2026-03-14T09:00:00Z'), env: {} };
  const code = await runSearchCommand(argv, io, { ...defaultSearchCliDeps, loadStored: async () => stored });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('paperboy search <arXiv id or link>', () => {
  it('prints the paper, whatever version is named, then papers like it', async () => {
    const { code, stdout } = await run(['--limit', '3', 'https://arxiv.org/abs/2403.12345v2']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^arXiv 2403\.12345: .*[Dd]iffusion/);
    expect(stdout).toContain('Papers like "');
    expect(stdout.split('\n').filter((l) => /^ ?\d+\. /.test(l))).toHaveLength(3);
    const json = await run(['--json', '--limit', '2', '2403.12345']);
    const hits = JSON.parse(json.stdout) as { arxivId: string | null }[];
    expect(hits).toHaveLength(3);
    expect(hits[0]!.arxivId).toBe('2403.12345');
  });

  it('says so for an id it does not know, and offers the other words', async () => {
    const { code, stdout } = await run(['huggingface.co/papers/2499.99999', 'sparse', 'attention']);
    expect(code).toBe(1);
    expect(stdout).toBe('paperboy does not know arXiv 2499.99999. Search its other words instead: paperboy search sparse attention');
  });
});
