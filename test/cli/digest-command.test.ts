/**
 * The preview CLI as an admin runs it: a child process, stdout and exit code. No Slack, no DB.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = fileURLToPath(new URL('../../bin/paperboy.js', import.meta.url));

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, 'digest', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('paperboy digest --preview', () => {
  it('prints what a channel on those topics would get on that date, with why and scores', async () => {
    const { code, stdout } = await cli('--preview', '--topics', 'diffusion, quantization', '--date', '2026-03-20');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Digest preview · Fri 20 Mar 2026 · topics: diffusion, quantization · 5 of at most 5 papers/);
    const entries = stdout.split('\n').filter((line) => /^ ?\d+\. /.test(line));
    expect(entries).toHaveLength(5);
    const whys = stdout.split('\n').filter((line) => line.trim().startsWith('why:'));
    expect(whys).toHaveLength(5);
    for (const why of whys) expect(why).toMatch(/matches "(diffusion|quantization)"/);
    // Both topics are represented.
    expect(whys.some((w) => w.includes('"diffusion"'))).toBe(true);
    expect(whys.some((w) => w.includes('"quantization"'))).toBe(true);
    expect(stdout).toMatch(/score: \d+\.\d\d = trending \d+\.\d\d \(votes 0\.00, source 0\.00, recency \d+\.\d\d\) \+ relevance/);
  }, 60_000);

  it('prints the overall trending papers without topics, the most recent listings first', async () => {
    const { code, stdout } = await cli('--preview', '--date', '2026-03-20', '--max', '3');
    expect(code).toBe(0);
    expect(stdout).toContain('overall trending · 3 of at most 3 papers');
    expect(stdout.match(/listed Mar 18 \(2 days ago\)/g)).toHaveLength(3);
  }, 60_000);

  it('says when there is nothing to send', async () => {
    const { code, stdout } = await cli('--preview', '--topics', 'zzqxv', '--date', '2026-03-20');
    expect(code).toBe(0);
    expect(stdout).toContain('Nothing to send');
  }, 60_000);

  it('rejects bad arguments with exit code 2 and a reason', async () => {
    const badDate = await cli('--preview', '--date', '2026-02-30');
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('--date must be a calendar date');
    const noPreview = await cli('--topics', 'x');
    expect(noPreview.code).toBe(2);
    expect(noPreview.stderr).toContain('only --preview');
    const unknown = await cli('--preview', '--colour');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Usage: paperboy digest');
    // --max has DIGEST_MAX_PAPERS's range: 1-10, not 1-20.
    for (const max of ['11', '20', '0']) {
      const tooMany = await cli('--preview', '--max', max);
      expect(tooMany.code).toBe(2);
      expect(tooMany.stderr).toContain(`paperboy digest: --max must be a whole number from 1 to 10 (got "${max}").`);
    }
  }, 60_000);
});
