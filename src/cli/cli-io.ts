import type { Env } from '../config/load-config.js';

/**
 * Where a CLI command writes, what time it is and the environment it reads its settings from:
 * passed in, so commands run the same in tests.
 */
export interface CliIo {
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
  readonly now: () => Date;
  readonly env: Env;
}

/** A subcommand: its arguments (after the name) and the io; resolves to the exit code. */
export type CliCommand = (argv: readonly string[], io: CliIo) => Promise<number>;

/** Exit code for bad usage, as most Unix tools use it. */
export const EXIT_USAGE = 2;
