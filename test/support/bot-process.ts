/**
 * The bundled bot (bin/build.js) run as an admin runs it, in a child process configured only
 * through the environment, with helpers to wait for its log lines. Shared by the tests that
 * start, stop and kill the real process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBot } from '../../bin/build.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Builds the bot into a folder of this test run's own under dist/; returns the path and a cleanup. */
export async function buildTestBot(name: string): Promise<{ bot: string; cleanup: () => void }> {
  // Inside the repository, as dist/main.mjs is: the packages left out of the bundle resolve from node_modules.
  const buildDir = join(repoRoot, 'dist', `${name}-${process.pid}`);
  const bot = await buildBot(join(buildDir, 'main.mjs'));
  return { bot, cleanup: () => rmSync(buildDir, { recursive: true, force: true }) };
}

export interface BotProcess {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
  /** The signal that ended it, once exited. */
  readonly signal: () => NodeJS.Signals | null;
}

export function runBot(bot: string, env: Record<string, string>): BotProcess {
  // A clean environment: only what the test sets (plus PATH), so the developer's own SLACK_* never leak in.
  const child = spawn(process.execPath, [bot], {
    cwd: repoRoot,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let signal: NodeJS.Signals | null = null;
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, sig) => {
      signal = sig;
      resolve(code);
    }),
  );
  return { child, output: () => output, exited, signal: () => signal };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function waitForOutput(read: () => string, pattern: RegExp, exited: Promise<unknown>, timeoutMs = 15_000): Promise<void> {
  let done = false;
  void exited.then(() => (done = true));
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(read())) {
    if (done || Date.now() > deadline) throw new Error(`expected ${pattern} in output:\n${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
