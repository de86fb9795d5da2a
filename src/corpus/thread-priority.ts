/**
 * Background work yields the CPU to the thread that answers Slack. On a small machine (2 cores)
 * a segment built in the worker thread, with V8's helper threads collecting its garbage, kept
 * the main thread waiting for a CPU 10-35 ms at a time while papers were added, and searches
 * took p99 26-35 ms from when they were due instead of ~8 (bench:ingest, which reads the run
 * queue wait from /proc). So the worker thread, and the threads started with the process (V8's
 * GC and compilation helpers, libuv's pool), run at the lowest priority: they use whatever CPU
 * the main thread leaves, and a build takes as long as it takes when the bot is busy.
 *
 * Linux only, where a nice value belongs to each thread (setpriority(2) on a thread id, or 0
 * for the calling thread); elsewhere setpriority would lower the whole process, so nothing is
 * done. Lowering one's own priority needs no privilege. Best effort: a thread that cannot be
 * reniced (gone, or a container that forbids it) is left as it is.
 */
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The nice value background threads get: the lowest priority. */
export const BACKGROUND_NICE = 19;

/** Lowers the calling thread (a worker's), on Linux; true when it was lowered. */
export function lowerThisThread(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    setPriority(BACKGROUND_NICE);
    return true;
  } catch {
    return false;
  }
}

/**
 * Lowers every thread of the process but the main one, on Linux: at start-up these are V8's
 * helper threads and libuv's pool (started by then: the module loader used it), which does the
 * work behind promise-returning file, DNS and crypto calls. Those then share a core with a
 * build: measured while 1,000-paper segments were built back to back, dns.lookup and a small
 * readFile took p99 5-8 ms and at most 9-11 ms, as without lowering (4.8-10.7, 4.9-16.0): far
 * inside Slack's 3 s. Returns how many were lowered.
 */
export function lowerBackgroundThreads(): number {
  if (process.platform !== 'linux') return 0;
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return 0;
  }
  let lowered = 0;
  for (const tid of tids) {
    if (Number(tid) === process.pid) continue;
    try {
      setPriority(Number(tid), BACKGROUND_NICE);
      lowered++;
    } catch {
      // Gone since listed, or not ours to change.
    }
  }
  return lowered;
}
