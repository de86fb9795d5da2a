/**
 * `/papers help` (and `/papers` alone): usage for every subcommand.
 */
import { renderHelp } from '../../core/blocks/render-help.js';
import type { SubcommandHandler } from './subcommand.js';

export const helpSubcommand: SubcommandHandler = async ({ respond }) => {
  await respond({ response_type: 'ephemeral', ...renderHelp() });
};
