/**
 * Why a query had nothing to search for, in the user's terms: the reply before the usage help
 * names what actually happened instead of one catch-all ("only very common words" for `🚀🔥`).
 */
import type { ParsedQuery } from '../search/search-types.js';
import { SLACK_LIMITS, truncate } from './limits.js';
import { escapeMrkdwn } from './mrkdwn.js';

/** Null for an empty query (plain `/papers`): the help alone is the right answer then. */
export function emptyQueryReason(typed: string, query: ParsedQuery): { mrkdwn: string; plain: string } | null {
  const text = typed.trim();
  if (text === '') return null;
  if (query.excluded.length > 0) {
    const shown = truncate(query.excluded.map((word) => `-${word}`).join(' '), 200);
    return {
      mrkdwn: `That query only excludes words (${escapeMrkdwn(shown)}), so there is nothing to search for. Add a word to find, e.g. \`diffusion ${escapeMrkdwn(truncate(shown, 60))}\`.`,
      plain: `That query only excludes words (${shown}), so there is nothing to search for.`,
    };
  }
  if (!/[\p{L}\p{N}]/u.test(text)) {
    return {
      mrkdwn: 'That query has no words in it (only punctuation, symbols or emoji), so there was nothing to search for.',
      plain: 'That query has no words in it (only punctuation, symbols or emoji), so there was nothing to search for.',
    };
  }
  return {
    mrkdwn: 'That query has only very common words (like _the_, _of_, _and_), which every paper contains, so there was nothing to search for.',
    plain: 'That query has only very common words (like "the", "of", "and"), so there was nothing to search for.',
  };
}

export const emptyQueryBlock = (mrkdwn: string) => ({ type: 'section' as const, text: { type: 'mrkdwn' as const, text: truncate(mrkdwn, SLACK_LIMITS.sectionText) } });
