/**
 * The one option parser for every CLI command: node:util parseArgs over a declared option
 * list, so every command reports unknown or incomplete options the same way, and its --help
 * (and `paperboy --help`) is generated from the same list and cannot leave an option out.
 */
import { parseArgs } from 'node:util';

export interface CliOption {
  readonly type: 'boolean' | 'string';
  readonly short?: string;
  /** Placeholder for the value in usage ("N", "DIR"); string options only. */
  readonly value?: string;
  readonly description: string;
}

export type CliOptions = Readonly<Record<string, CliOption>>;

export interface CliSpec {
  readonly name: string;
  /** What follows the options in the synopsis ("<query...>"), if the command takes words. */
  readonly words?: string;
  readonly summary: string;
  readonly options: CliOptions;
}

export type ParsedCliArgs = { readonly values: Record<string, string | boolean | undefined>; readonly words: string[] } | { readonly error: string };

export const HELP_OPTION: CliOption = { type: 'boolean', short: 'h', description: 'show this help' };

/**
 * Parses `argv` for `spec`. When the command takes words (a search query), a word starting
 * with a single dash ("-image") is a query exclusion, not an option: only `--name` options and
 * the declared short flags are read as options.
 */
export function parseCliArgs(spec: CliSpec, argv: readonly string[]): ParsedCliArgs {
  const shorts = new Set(Object.values(spec.options).flatMap((o) => (o.short ? [`-${o.short}`] : [])));
  let args = [...argv];
  if (spec.words) {
    const options: string[] = [];
    const words: string[] = [];
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i]!;
      if (arg === '--') {
        words.push(...argv.slice(i + 1));
        break;
      }
      if (arg.startsWith('--') || shorts.has(arg)) {
        const name = arg.startsWith('--') ? arg.slice(2) : undefined;
        if (name !== undefined && spec.options[name]?.type === 'string') {
          // `--name=value` form, so a value starting with a dash stays a value.
          if (i + 1 >= argv.length) return { error: `option --${name} needs a value.` };
          options.push(`${arg}=${argv[++i]!}`);
        } else {
          options.push(arg);
        }
      } else {
        words.push(arg);
      }
    }
    args = [...options, '--', ...words];
  }
  try {
    const { values, positionals } = parseArgs({
      args,
      options: Object.fromEntries(Object.entries(spec.options).map(([name, o]) => [name, o.short ? { type: o.type, short: o.short } : { type: o.type }])),
      strict: true,
      allowPositionals: spec.words !== undefined,
    });
    return { values: values as Record<string, string | boolean | undefined>, words: positionals };
  } catch (error) {
    return { error: describeParseError(error as Error & { code?: string }) };
  }
}

/** parseArgs' errors in the one style every command uses ("unknown option --colour."). */
function describeParseError(error: Error & { code?: string }): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  const option = quoted.split(/[ =]/, 1)[0] ?? quoted;
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option}.`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing|ambiguous/.test(error.message) ? `option ${option} needs a value.` : `option ${option} takes no value.`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${quoted}": this command takes options only.`;
    default:
      return error.message;
  }
}

/** A whole-number option within [min, max], or an error message in the one style. */
export function wholeNumberOption(values: Record<string, unknown>, name: string, range: { min: number; max: number; fallback: number }): number | { error: string } {
  const raw = values[name];
  if (raw === undefined) return range.fallback;
  const text = String(raw);
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < range.min || n > range.max) {
    return { error: `--${name} must be a whole number from ${range.min} to ${range.max} (got "${text}").` };
  }
  return n;
}

function optionSynopsis(name: string, option: CliOption): string {
  return option.type === 'string' ? `--${name} ${option.value ?? 'VALUE'}` : `--${name}`;
}

/** The command's usage: synopsis and one line per option, from the spec. */
export function usageOf(spec: CliSpec): string {
  const synopsis = Object.entries(spec.options)
    .filter(([name]) => name !== 'help')
    .map(([name, option]) => `[${optionSynopsis(name, option)}]`);
  const lines = Object.entries(spec.options).map(([name, option]) => {
    const flag = `${option.short ? `-${option.short}, ` : ''}${optionSynopsis(name, option)}`;
    return `  ${flag.padEnd(22)} ${option.description}`;
  });
  return [`Usage: paperboy ${spec.name} ${[...synopsis, ...(spec.words ? [spec.words] : [])].join(' ')}`, '', spec.summary, '', 'Options:', ...lines].join('\n');
}

/** "paperboy search: <message>" then the usage, as every command reports bad usage. */
export const usageError = (spec: CliSpec, message: string): string => `paperboy ${spec.name}: ${message}\n\n${usageOf(spec)}`;
