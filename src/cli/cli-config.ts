/**
 * The CLI's settings: the bot's own loadConfig variables and defaults (loadCliConfig, without
 * Slack's), so `paperboy search` and `digest --preview` read the seed folder and digest limits
 * the bot would. A bad setting is reported as the bot reports it, and the command exits 2.
 */
import { ConfigError, loadCliConfig, type CliConfig } from '../config/load-config.js';
import type { CliIo } from './cli-io.js';

export function readCliConfig(command: string, io: CliIo): CliConfig | null {
  try {
    return loadCliConfig(io.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr(error.message.replace('paperboy cannot start', `paperboy ${command} cannot run`));
    return null;
  }
}
