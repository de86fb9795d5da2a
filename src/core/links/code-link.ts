/**
 * The code link a paper shows: its first code link (Hugging Face's githubRepo, else the
 * abstract's) when that is a sane http(s) URL short enough to show. One rule for what the
 * renderers link as "Code" and what `has:code` finds, so the filter never promises a link the
 * result does not show.
 */
import type { Paper } from '../paper.js';

export function codeLinkOf(paper: Pick<Paper, 'codeLinks'>): string | null {
  const url = paper.codeLinks[0];
  if (!url || !/^https?:\/\//.test(url) || url.length > 500) return null;
  return url;
}
