/** Where a CLI command writes and what time it is: passed in, so commands run the same in tests. */
export interface CliIo {
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
  readonly now: () => Date;
}

/** A subcommand: its arguments (after the name) and the io; resolves to the exit code. */
export type CliCommand = (argv: readonly string[], io: CliIo) => Promise<number>;

/** Exit code for bad usage, as most Unix tools use it. */
export const EXIT_USAGE = 2;
