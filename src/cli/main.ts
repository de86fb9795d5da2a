/**
 * The paperboy command line: `paperboy <command> [args]`. Only dispatch lives here; each
 * command is its own file taking (argv, io). Add a command with one line in COMMANDS.
 */
import { pathToFileURL } from 'node:url';
import { usageOf, type CliSpec } from './cli-args.js';
import { EXIT_USAGE, type CliCommand, type CliIo } from './cli-io.js';
import { DIGEST_SPEC, runDigestCommand } from './digest-command.js';
import { INGEST_SPEC, runIngestCommand } from './ingest-command.js';
import { SEARCH_SPEC, runSearchCommand } from './search-command.js';

const COMMANDS: Readonly<Record<string, { readonly run: CliCommand; readonly spec: CliSpec }>> = {
  search: { run: runSearchCommand, spec: SEARCH_SPEC },
  digest: { run: runDigestCommand, spec: DIGEST_SPEC },
  ingest: { run: runIngestCommand, spec: INGEST_SPEC },
};

/** Every command with every option, from the same specs each command parses with. */
export const USAGE = `Usage: paperboy <command> [options]   ("paperboy <command> --help" shows one command)

${Object.values(COMMANDS)
  .map((c) => usageOf(c.spec))
  .join('\n\n')}`;

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(USAGE);
    return name === undefined ? EXIT_USAGE : 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr(`paperboy: unknown command "${name}".\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  return command.run(rest, io);
}

function processIo(): CliIo {
  return {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
    now: () => new Date(),
    env: process.env,
  };
}

// Run directly with `tsx src/cli/main.ts ...` (the npm script) as well as through bin/paperboy.js.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
