/**
 * The CLI as a person runs it: `node bin/paperboy.js ...` as a child process, from the repo and
 * from elsewhere, asserting stdout, stderr and exit codes. No config, Slack or database.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/paperboy.js', import.meta.url));

async function paperboy(args: string[], cwd = ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('paperboy search', () => {
  it('takes has:code: only papers with a code link, and refuses an unknown filter with exit 2', async () => {
    const { code, stdout } = await paperboy(['search', '--json', '--limit', '20', 'diffusion', 'has:code']);
    expect(code).toBe(0);
    const hits = JSON.parse(stdout) as { codeLinks: string[] }[];
    expect(hits.length).toBeGreaterThan(5);
    for (const hit of hits) expect(hit.codeLinks[0]).toMatch(/^https:\/\//);
    const alone = await paperboy(['search', '--limit', '2', 'has:code']);
    expect(alone.code).toBe(0);
    expect(alone.stdout).toContain('newest first');
    expect(alone.stdout).toContain('paperboy search diffusion has:code');
    const unknown = await paperboy(['search', 'diffusion', 'has:stars']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('paperboy has no filter has:stars');
  });

  it('prints a numbered list with title, score, listing date and code link', async () => {
    const { code, stdout } = await paperboy(['search', '--limit', '3', 'schrodinger', 'bridge']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+ papers? match "schrodinger bridge"; showing 1-3:/);
    expect(stdout).toContain(' 1. Light Schrödinger Bridge\n    score ');
    expect(stdout).toContain('listed Mar 14');
    expect(stdout).toContain('code: https://github.com/ngushchin/LightSB');
    expect(stdout.split('\n').filter((l) => /^ ?\d+\. /.test(l))).toHaveLength(3);
  });

  it('shows a phrase query as typed, without doubling its quotes', async () => {
    const { code, stdout } = await paperboy(['search', '--limit', '1', '"linear mode connectivity"']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('1 paper matches "linear mode connectivity"; showing 1-1:');
  });

  it('answers a quoted phrase no paper holds for its words, and says so', async () => {
    const { code, stdout } = await paperboy(['search', '--limit', '2', '"diffusion for video"']);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^\d+ papers match "diffusion for video"; showing 1-2:$/);
    expect(lines[1]).toBe('No paper has the exact phrase "diffusion for video"; these papers match its words.');
    expect(stdout).toContain(' 1. ');
    const json = await paperboy(['search', '--json', '--limit', '2', '"diffusion for video"']);
    expect(JSON.parse(json.stdout)).toHaveLength(2);
    expect(json.stderr).toContain('No paper has the exact phrase "diffusion for video"');
  });

  it('--json prints an array, best first, from any working directory', async () => {
    const { code, stdout } = await paperboy(['search', '--json', '--limit=5', 'linear', 'mode', 'connectivity'], tmpdir());
    expect(code).toBe(0);
    const hits = JSON.parse(stdout) as { id: string; title: string; score: number; listedOn: string | null; codeLinks: string[]; matchedTerms: string[] }[];
    expect(hits).toHaveLength(5);
    expect(hits[0]!.title).toBe('Analysis of Linear Mode Connectivity via Permutation-Based Weight Matching');
    expect(hits[0]!.matchedTerms).toEqual(expect.arrayContaining(['linear', 'mode', 'connect']));
    const scores = hits.map((h) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const hit of hits) expect(Object.keys(hit)).toEqual(expect.arrayContaining(['id', 'title', 'score', 'listedOn', 'codeLinks', 'matchedTerms']));
  });

  it('reads -word as an exclusion, not as an option', async () => {
    const { code, stdout } = await paperboy(['search', '--json', '--limit', '100', 'diffusion', '-image']);
    expect(code).toBe(0);
    const hits = JSON.parse(stdout) as { title: string; abstract: string }[];
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) expect(`${hit.title} ${hit.abstract}`.toLowerCase()).not.toMatch(/\bimages?\b/);
  });

  it('no results: says so, suggests a close query, exits 1', async () => {
    const { code, stdout } = await paperboy(['search', 'difsion']);
    expect(code).toBe(1);
    expect(stdout).toContain('No papers match "difsion". Did you mean: diffusion');
  });

  it('a stop-word-only query gets help on stderr, exit 2', async () => {
    const { code, stderr, stdout } = await paperboy(['search', 'the', 'of']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Nothing to search for');
  });
});

describe('paperboy usage errors', () => {
  it.each([
    [['--help'], 0, 'stdout', 'Usage: paperboy <command>'],
    [[], 2, 'stderr', 'Usage: paperboy <command>'],
    [['frobnicate'], 2, 'stderr', 'paperboy: unknown command "frobnicate".'],
    [['search'], 2, 'stderr', 'Usage: paperboy search'],
    [['search', '--limit', 'lots', 'gan'], 2, 'stderr', 'paperboy search: --limit must be a whole number from 1 to 100 (got "lots").'],
    [['search', '--colour', 'gan'], 2, 'stderr', 'paperboy search: unknown option --colour.'],
    [['search', 'gan', '--limit'], 2, 'stderr', 'paperboy search: option --limit needs a value.'],
    [['digest', '--preview', '--colour'], 2, 'stderr', 'paperboy digest: unknown option --colour.'],
    [['digest', '--preview', '--max'], 2, 'stderr', 'paperboy digest: option --max needs a value.'],
  ] as const)('%j exits %i with a friendly message on %s', async (args, exitCode, stream, text) => {
    const result = await paperboy([...args]);
    expect(result.code).toBe(exitCode);
    expect(result[stream]).toContain(text);
  });

  it('--help lists every option of every command', async () => {
    const { code, stdout } = await paperboy(['--help']);
    expect(code).toBe(0);
    for (const option of ['--json', '--limit N', '--offset N', '--seeds DIR', '--preview', '--topics', '--date YYYY-MM-DD', '--max N', '--help']) {
      expect(stdout).toContain(option);
    }
    // Each command's own --help says the same, from the same option list.
    expect((await paperboy(['search', '--help'])).stdout).toContain('--offset N');
    expect((await paperboy(['digest', '--help'])).stdout).toContain('--seeds DIR');
  });
});

describe('paperboy search --seeds', () => {
  it.each([
    ['a missing folder', () => join(tmpdir(), 'paperboy-no-such-folder'), 'does not exist'],
    ['an empty folder', () => mkdtempSync(join(tmpdir(), 'paperboy-empty-')), 'no .txt seed pages in'],
    [
      'a file instead of a folder',
      () => {
        const dir = mkdtempSync(join(tmpdir(), 'paperboy-file-'));
        writeFileSync(join(dir, 'page.txt'), 'x');
        return join(dir, 'page.txt');
      },
      'is a file, not a folder',
    ],
  ])('%s: one clear line on stderr, exit 2, no stack trace', async (_, folder, text) => {
    const { code, stdout, stderr } = await paperboy(['search', '--seeds', folder(), 'diffusion']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(text);
    expect(stderr).not.toMatch(/\bat .*\(|node:internal|Error:/);
  });

  it('refuses a page that is not a listing page, and reports parse problems with their count', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-garbage-'));
    // Random-looking lines pair into title/abstract "papers" unless the page is refused.
    const junk = Array.from({ length: 120 }, (_, i) => (i % 2 === 0 ? `Qx${i} zq${i * 7} vv` : `${'lorem ipsum dolor '.repeat(8)}${i}`)).join('\n');
    writeFileSync(join(dir, 'garbage.txt'), junk);
    const page = readFileSync(join(ROOT, 'seeds', readdirSync(join(ROOT, 'seeds'))[0]!), 'utf8');
    writeFileSync(join(dir, 'real.txt'), `${page}\nA lonely title at the end`);
    const { code, stdout, stderr } = await paperboy(['search', '--seeds', dir, 'binary', 'neural', 'networks']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+ papers? match/);
    expect(stderr).toContain('paperboy search: refused garbage.txt: not a paper listing page');
    expect(stderr).toContain('paperboy search: 1 parse problem in the seed pages:');
    expect(stderr).toContain('real.txt:');
    expect(stdout).not.toContain('lorem ipsum');

    const onlyGarbage = mkdtempSync(join(tmpdir(), 'paperboy-garbage-only-'));
    writeFileSync(join(onlyGarbage, 'garbage.txt'), junk);
    const refused = await paperboy(['search', '--seeds', onlyGarbage, 'lorem']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('no papers in');
  });
});
