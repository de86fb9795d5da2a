/**
 * Reads a bot CPU profile written by `npm run bench:load -- --profile DIR`:
 * `npx tsx bench/load/profile-summary.ts DIR [--rate 200] [--top 30]`.
 *
 * Only the samples inside the chosen phase count (DIR/phases.json has each phase's window on the
 * profile's clock). It prints where the bot's main thread went: idle, garbage collection, the
 * functional core (any sample with a src/core/ frame on its stack: search and rendering) and the
 * rest (the shell and its libraries: Bolt, HTTP, SQLite, logging), then the functions and the
 * bundled modules by self time. Functions are located in dist/main.mjs, the bundle esbuild wrote
 * (its `// path` comments say which module each line came from), so run it on the same build.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const dir = process.argv[2];
if (!dir || dir.startsWith('--')) {
  console.error('usage: npx tsx bench/load/profile-summary.ts DIR [--rate 200] [--top 30]');
  process.exit(1);
}
const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
if (!file) throw new Error(`no .cpuprofile in ${dir}`);
const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
const phases = JSON.parse(readFileSync(join(dir, 'phases.json'), 'utf8')) as { rate: number; startUs: number; endUs: number }[];
const rate = Number(flag('rate', String(phases.at(-1)?.rate ?? 0)));
const phase = phases.find((p) => p.rate === rate);
if (!phase) throw new Error(`no phase at ${rate}/s in ${dir}/phases.json`);
const top = Number(flag('top', '30'));

// Which bundled module each line of dist/main.mjs came from.
const bundle = readFileSync(resolve(fileURLToPath(new URL('../../dist/main.mjs', import.meta.url))), 'utf8').split('\n');
const moduleStarts: { line: number; name: string }[] = [];
bundle.forEach((text, i) => {
  if (text.startsWith('// ')) moduleStarts.push({ line: i + 1, name: text.slice(3).trim() });
});
const moduleAt = (line: number): string => {
  let lo = 0;
  let hi = moduleStarts.length - 1;
  let found = '?';
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (moduleStarts[mid]!.line <= line) {
      found = moduleStarts[mid]!.name;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
};
const inBundle = (frame: CallFrame): boolean => frame.url.endsWith('main.mjs');
const moduleOf = (frame: CallFrame): string =>
  inBundle(frame) ? moduleAt(frame.lineNumber + 1) : frame.url.includes('node_modules/') ? frame.url.split('node_modules/')[1]!.split('/')[0]! : frame.url || frame.functionName;

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);

const self = new Map<number, number>();
let t = profile.startTime;
profile.samples.forEach((id, i) => {
  t += profile.timeDeltas[i]!;
  if (t >= phase.startUs && t <= phase.endUs) self.set(id, (self.get(id) ?? 0) + profile.timeDeltas[i]!);
});
const total = [...self.values()].reduce((a, b) => a + b, 0);

const add = (map: Map<string, number>, key: string, us: number): void => void map.set(key, (map.get(key) ?? 0) + us);
const byKind = new Map<string, number>();
const byFunction = new Map<string, number>();
const byModule = new Map<string, number>();
for (const [id, us] of self) {
  const frame = nodes.get(id)!.callFrame;
  add(byFunction, `${frame.functionName || '(anonymous)'}  ${inBundle(frame) ? moduleAt(frame.lineNumber + 1) : frame.url || '(native)'}`, us);
  add(byModule, moduleOf(frame), us);
  if (['(idle)', '(garbage collector)', '(program)'].includes(frame.functionName)) {
    add(byKind, frame.functionName, us);
    continue;
  }
  let core = false;
  for (let at: number | undefined = id; at !== undefined && !core; at = parent.get(at)) {
    const f = nodes.get(at)!.callFrame;
    core = inBundle(f) && moduleAt(f.lineNumber + 1).startsWith('src/core/');
  }
  add(byKind, core ? 'core: search and rendering (a src/core/ frame on the stack)' : 'shell and libraries (Bolt, HTTP, SQLite, logging, metrics)', us);
}

const row = (us: number, label: string): string => `${((us / total) * 100).toFixed(1).padStart(6)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${label}`;
const sorted = (map: Map<string, number>): [string, number][] => [...map].sort((a, b) => b[1] - a[1]);
console.log(`${file}, phase ${rate}/s: ${(total / 1000).toFixed(0)} ms of main-thread samples`);
for (const [label, us] of sorted(byKind)) console.log(row(us, label));
console.log(`\nfunctions by self time (top ${top})`);
for (const [label, us] of sorted(byFunction).slice(0, top)) console.log(row(us, label));
console.log(`\nmodules by self time (top ${top})`);
for (const [label, us] of sorted(byModule).slice(0, top)) console.log(row(us, label));
