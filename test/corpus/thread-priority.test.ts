/**
 * Background threads run at the lowest priority on Linux, where a nice value is per thread:
 * checked in a fresh process, as the bot starts, by reading each thread's nice value from /proc.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const priority = fileURLToPath(new URL('../../src/corpus/thread-priority.ts', import.meta.url));
const builder = fileURLToPath(new URL('../../src/corpus/index-builder.ts', import.meta.url));
const settings = fileURLToPath(new URL('../../src/core/search/search-settings.ts', import.meta.url));

/** In a fresh process: lowers the background threads, builds a segment in the worker, and prints each thread's nice value. */
const script = `
import { readdirSync, readFileSync } from 'node:fs';
import { lowerBackgroundThreads } from ${JSON.stringify(priority)};
import { createIndexBuilder } from ${JSON.stringify(builder)};
import { DEFAULT_SEARCH_SETTINGS } from ${JSON.stringify(settings)};
const nice = (tid) => { const stat = readFileSync('/proc/self/task/' + tid + '/stat', 'utf8'); return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]); };
const before = readdirSync('/proc/self/task').map(Number);
const lowered = lowerBackgroundThreads();
const b = createIndexBuilder();
await b.segment([], DEFAULT_SEARCH_SETTINGS);
const threads = readdirSync('/proc/self/task').map(Number).map((tid) => ({ tid, nice: nice(tid), startedBefore: before.includes(tid) }));
console.log(JSON.stringify({ pid: process.pid, lowered, threads }));
await b.close();
`;

describe.runIf(process.platform === 'linux')('thread priority', () => {
  it("leaves the main thread as it is and lowers V8's helper threads and the index worker to nice 19", () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const { pid, lowered, threads } = JSON.parse(run.stdout.trim().split('\n').pop()!) as { pid: number; lowered: number; threads: { tid: number; nice: number; startedBefore: boolean }[] };
    expect(threads.find((t) => t.tid === pid)!.nice).toBe(0);
    // The helper threads that were there at the start, every one of them lowered.
    const helpers = threads.filter((t) => t.startedBefore && t.tid !== pid);
    expect(helpers.length).toBeGreaterThan(0);
    expect(lowered).toBe(helpers.length);
    expect(helpers.every((t) => t.nice === 19)).toBe(true);
    // The worker's own thread, started afterwards, lowered itself.
    expect(threads.filter((t) => !t.startedBefore).some((t) => t.nice === 19)).toBe(true);
  });
});
