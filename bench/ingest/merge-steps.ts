/**
 * The longest stretches the main thread is held while the running bot merges its segments and
 * refreshes its snapshot, at 100k papers: `node --expose-gc --import tsx
 * bench/ingest/merge-steps.ts [--top 15] [--no-profile] [--check]`. Loads the profiling tools'
 * index (bench/speed/profile-index.ts), adds 10 batches of 100 papers as segments (90 new, 10 new
 * versions of indexed ones each), then merges them (mergeAllSteps) and saves the snapshot
 * stepwise (saveIndexSnapshotInSlices) to a temporary file, both with one step per slice, as the
 * bot runs them but with nothing else to do.
 *
 * A stretch is the time between two turns of a setImmediate loop running alongside: one step of
 * the work, or one synchronous piece of the file writing between two awaits. Each of the longest
 * is printed with how much of it the main thread ran and waited for a CPU (the machine is
 * shared), the GC pauses inside it (V8's incremental marking
 * steps are not pauses it reports: the profile's "(garbage collector)" share shows them), and
 * what a CPU profile (sampled every 100 us, which slows the work a little; --no-profile leaves it
 * out) says it was doing: the innermost function of src/ on the sampled stacks, and the function
 * on top of them. --check also writes the snapshot from serializeIndex's strings, compares the
 * two files' bytes and prints the stepwise one's sha256. A tool, not a benchmark: the figures are
 * one run on a shared machine.
 */
import { createHash } from 'node:crypto';
import { openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import type { Paper } from '../../src/core/paper.js';
import { serializeIndex } from '../../src/core/search/search-index.js';
import { addPapersSteps, mergeAllSteps, segmentedIndex } from '../../src/core/search/segments.js';
import { runSteps } from '../../src/core/search/work-steps.js';
import { runInSlices } from '../../src/corpus/run-in-slices.js';
import { saveIndexSnapshotInSlices, writeSnapshotFile } from '../../src/corpus/snapshot.js';
import { profileIndex } from '../speed/profile-index.js';

const flag = (name: string): boolean => process.argv.includes(name);
const i = process.argv.indexOf('--top');
const top = i >= 0 ? Number(process.argv[i + 1]) : 15;
const profiling = !flag('--no-profile');

const index = await profileIndex(console.log);
let current = segmentedIndex(index);
for (let batch = 0; batch < 10; batch++) {
  const fresh: Paper[] = [];
  for (let k = 0; k < 100; k++) {
    const a = index.papers.at((batch * 7919 + k * 104729) % index.papers.length);
    if (k % 10 === 9) fresh.push({ ...a, abstract: `${a.abstract} (revised: ${batch})`, arxivVersion: 2 });
    else fresh.push({ ...a, id: `new-${batch}-${k}`, title: `${a.title} revisited`, arxivId: `2612.${10000 + batch * 100 + k}` });
  }
  current = runSteps(addPapersSteps(current, fresh));
}
console.log(`segments ${current.segments.length}, papers ${current.index.papers.length}`);
globalThis.gc?.();

interface Stretch {
  readonly phase: string;
  readonly start: number;
  readonly ms: number;
  /**
   * The main thread's time running, and waiting to run while the OS ran something else
   * (/proc/thread-self/schedstat; NaN where there is none): on a shared machine a stretch can be
   * long with little of it ours.
   */
  readonly runMs: number;
  readonly waitMs: number;
}
const stretches: Stretch[] = [];
let phase = 'idle';
let spinning = true;
let last = performance.now();
const schedstat = ((): number | null => {
  try {
    return openSync('/proc/thread-self/schedstat', 'r');
  } catch {
    return null;
  }
})();
const statBuffer = Buffer.alloc(128);
/** [ns running, ns waiting to run] of the main thread so far. */
const sched = (): [number, number] => {
  if (schedstat === null) return [Number.NaN, Number.NaN];
  const n = readSync(schedstat, statBuffer, 0, statBuffer.length, 0);
  const [run, wait] = statBuffer.toString('latin1', 0, n).split(' ');
  return [Number(run), Number(wait)];
};
let lastSched = sched();
const spin = (): void => {
  const now = performance.now();
  const at = sched();
  stretches.push({ phase, start: last, ms: now - last, runMs: (at[0] - lastSched[0]) / 1e6, waitMs: (at[1] - lastSched[1]) / 1e6 });
  last = now;
  lastSched = at;
  if (spinning) setImmediate(spin);
};
const gcs: { start: number; ms: number }[] = [];
const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcs.push({ start: e.startTime, ms: e.duration });
});
observer.observe({ entryTypes: ['gc'] });
const session = new Session();
if (profiling) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
}
// The profile's clock (µs) is the monotonic clock process.hrtime reads; performance.now() is it less the time origin.
const perfOffsetMs = Number(process.hrtime.bigint()) / 1e6 - performance.now();

setImmediate(spin);
const timed = async <T>(name: string, work: () => Promise<T>): Promise<{ value: T; ms: number }> => {
  await new Promise<void>((resolve) => setImmediate(resolve));
  phase = name;
  const t = performance.now();
  const value = await work();
  const ms = performance.now() - t;
  // The stretch that ends the work is still this phase's.
  await new Promise<void>((resolve) => setImmediate(resolve));
  phase = 'idle';
  return { value, ms };
};
const merge = await timed('merge', () => runInSlices(mergeAllSteps(current), { sliceMs: 0 }));
const merged = merge.value.index;
const path = join(tmpdir(), `merge-steps-${process.pid}.snapshot`);
const facts = { fingerprint: 'merge-steps', entryCount: merged.papers.length, problems: [] };
const save = await timed('save', () => saveIndexSnapshotInSlices(path, facts, merged, 0));
spinning = false;
await new Promise<void>((resolve) => setImmediate(resolve));
observer.disconnect();

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}
let label: (s: Stretch) => string = () => '';
if (profiling) {
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] } };
  session.disconnect();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // tsx's compiled code has no useful line numbers: a function and its file name the place.
  const frame = (n: ProfileNode): string => `${n.callFrame.functionName || '(anonymous)'}${n.callFrame.url ? ` (${basename(n.callFrame.url)})` : ''}`;
  const times: number[] = [];
  let t = profile.startTime;
  for (const d of profile.timeDeltas) times.push((t += d) / 1000 - perfOffsetMs);
  label = (s) => {
    const ours = new Map<string, number>();
    const leaves = new Map<string, number>();
    let n = 0;
    for (let k = 0; k < times.length; k++) {
      if (times[k]! < s.start || times[k]! > s.start + s.ms) continue;
      n++;
      const leaf = byId.get(profile.samples[k]!)!;
      leaves.set(frame(leaf), (leaves.get(frame(leaf)) ?? 0) + 1);
      for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
        const node = byId.get(id)!;
        if (node.callFrame.url.includes('/src/')) {
          ours.set(frame(node), (ours.get(frame(node)) ?? 0) + 1);
          break;
        }
      }
    }
    const most = (m: Map<string, number>): string => {
      const best = [...m].sort((a, b) => b[1] - a[1])[0];
      return best ? `${best[0]} (${Math.round((100 * best[1]) / n)}%)` : '-';
    };
    const gc = [...leaves].find(([name]) => name === '(garbage collector)')?.[1] ?? 0;
    return `GC ${n ? Math.round((100 * gc) / n) : 0}% of ${n} samples; in ${most(ours)}; top ${most(leaves)}`;
  };
}

for (const name of ['merge', 'save']) {
  const own = stretches.filter((s) => s.phase === name);
  const wall = name === 'merge' ? merge.ms : save.ms;
  const long = own.filter((s) => s.ms >= 1);
  const held = long.reduce((sum, s) => sum + s.ms, 0);
  console.log(`\n${name}: ${wall.toFixed(0)} ms wall, ${long.length} stretches of 1 ms or more (${held.toFixed(0)} ms in all), over 20 ms: ${own.filter((s) => s.ms > 20).length}; longest:`);
  for (const s of [...own].sort((a, b) => b.ms - a.ms).slice(0, top)) {
    const gc = gcs.filter((g) => g.start >= s.start && g.start <= s.start + s.ms).reduce((sum, g) => sum + g.ms, 0);
    console.log(`  ${s.ms.toFixed(1).padStart(6)} ms  (ran ${s.runMs.toFixed(1).padStart(5)}, waited ${s.waitMs.toFixed(1).padStart(4)}, GC ${gc.toFixed(1).padStart(5)} ms)  at +${(s.start - stretches.find((x) => x.phase === name)!.start).toFixed(0)} ms  ${label(s)}`);
  }
}

if (flag('--check')) {
  const reference = `${path}.reference`;
  // Through the other way in: the parts as whole strings and one packed block.
  await writeSnapshotFile(reference, facts, merged.fingerprint, serializeIndex(merged));
  const bytes = readFileSync(path);
  const same = Buffer.compare(bytes, readFileSync(reference)) === 0;
  console.log(`\nserializeIndex and writeSnapshotFile wrote ${same ? 'the same bytes' : 'DIFFERENT bytes'}; sha256 of the stepwise file ${createHash('sha256').update(bytes).digest('hex')}`);
  rmSync(reference, { force: true });
  if (!same) process.exitCode = 1;
}
rmSync(path, { force: true });
console.log('\nOne run on a machine shared with other work: the figures are noisy.');
