/**
 * Small pieces every paper rendering shares: where a title links to, the listing date, code link.
 */
import type { ListingDate, Paper } from '../paper.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Mar 14": the seed pages print no year, so we show none rather than guess one. */
export function formatListingDate(date: ListingDate | null): string | null {
  if (!date) return null;
  const month = MONTHS[date.month - 1];
  return month ? `${month} ${date.day}` : null;
}

/**
 * The seeds carry no paper URL (no arXiv id), so the title links to a Hugging Face Papers search
 * for the exact title: the pages the corpus came from, and the first hit is the paper itself.
 * The code repository, when there is one, gets its own "Code" link next to it.
 */
export function paperUrl(paper: Pick<Paper, 'title'>): string {
  // The first 150 code points find the paper; a longer query only risks Slack's length limits.
  const query = Array.from(paper.title).slice(0, 150).join('');
  return `https://huggingface.co/papers?q=${encodeURIComponent(query)}`;
}

/** First code link, if it is a sane http(s) URL short enough to show. */
export function codeUrl(paper: Pick<Paper, 'codeLinks'>): string | null {
  const url = paper.codeLinks[0];
  if (!url || !/^https?:\/\//.test(url) || url.length > 500) return null;
  return url;
}
