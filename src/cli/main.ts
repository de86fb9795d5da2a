/**
 * The paperboy command line: `paperboy <command> [args]`. Only dispatch lives here; each
 * command is its own file taking (argv, io). Add a command with one line in COMMANDS.
 */
import { pathToFileURL } from 'node:url';
import { EXIT_USAGE, type CliCommand, type CliIo } from './cli-io.js';
import { runDigestCommand } from './digest-command.js';
import { runIngestCommand } from './ingest-command.js';
import { runSearchCommand } from './search-command.js';

const COMMANDS: Readonly<Record<string, { readonly run: CliCommand; readonly summary: string }>> = {
  search: { run: runSearchCommand, summary: 'search [--json] [--limit N] <query...>   find papers, as /papers does' },
  digest: { run: runDigestCommand, summary: 'digest --preview [--topics "a, b"]        preview a channel digest' },
  ingest: { run: runIngestCommand, summary: 'ingest [--since YYYY-MM-DD] [--dry-run]    read the feeds into the database' },
};

export const USAGE = `Usage: paperboy <command> [options]

Commands:
${Object.values(COMMANDS)
  .map((c) => `  ${c.summary}`)
  .join('\n')}

Run "paperboy <command> --help" for a command's options.`;

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(USAGE);
    return name === undefined ? EXIT_USAGE : 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr(`Unknown command "${name}".\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  return command.run(rest, io);
}

function processIo(): CliIo {
  return {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
    now: () => new Date(),
  };
}

// Run directly with `tsx src/cli/main.ts ...` (the npm script) as well as through bin/paperboy.js.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
