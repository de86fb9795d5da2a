/**
 * Small pieces every paper rendering shares: where a title links to, the authors shortened, the
 * date, and the links (arXiv, Hugging Face, code). Pure; the `...Mrkdwn` functions return text
 * already escaped (escapeText, or mrkdwnLink for links), ready to place in a mrkdwn field.
 */
import type { ListingDate, Paper } from '../paper.js';
import { codeLinkOf } from '../links/code-link.js';
import { parseArxivId } from '../sources/incoming-paper.js';
import { escapeText, mrkdwnLink } from './mrkdwn.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Mar 14": the seed pages print no year, so we show none rather than guess one. */
export function formatListingDate(date: ListingDate | null): string | null {
  if (!date) return null;
  const month = MONTHS[date.month - 1];
  return month ? `${month} ${date.day}` : null;
}

/** "Nov 30, 2026" for an ISO 8601 instant (its UTC date); null when it is not one. */
export function formatFullDate(iso: string | null | undefined): string | null {
  if (!iso || !/^\d{4}-\d{2}-\d{2}/.test(iso)) return null;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  return `${MONTHS[at.getUTCMonth()]} ${at.getUTCDate()}, ${at.getUTCFullYear()}`;
}

export interface PaperDate {
  /** What the date is: the first publication (arXiv, with the year) or the day it was listed. */
  readonly kind: 'published' | 'listed';
  /** "Nov 30, 2026", or "Mar 14" for a seed listing (no year printed). */
  readonly text: string;
}

/** The publication date with its year when known, else the listing date (with the year when the feed gave it). */
export function paperDate(paper: Pick<Paper, 'publishedAt' | 'listedAt' | 'listedOn'>): PaperDate | null {
  const published = formatFullDate(paper.publishedAt);
  if (published) return { kind: 'published', text: published };
  const listed = formatFullDate(paper.listedAt) ?? formatListingDate(paper.listedOn);
  return listed ? { kind: 'listed', text: listed } : null;
}

/** "Published Nov 30, 2026" / "Listed Mar 14", or null. Plain text (digits and letters only). */
export function paperDateLabel(paper: Pick<Paper, 'publishedAt' | 'listedAt' | 'listedOn'>): string | null {
  const date = paperDate(paper);
  return date ? `${date.kind === 'published' ? 'Published' : 'Listed'} ${date.text}` : null;
}

// Lower-case name particles that stay with the surname ("V. van Gogh", "L. de Broglie").
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'du', 'la', 'le', 'dos', 'das', 'ter', 'ten', 'bin', 'al']);

/** "Ada Lovelace" -> "A. Lovelace", "Jean-Pierre Serre" -> "J.-P. Serre"; one word stays as it is. */
export function shortName(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length <= 1) return words[0] ?? '';
  let surnameStart = words.length - 1;
  while (surnameStart > 1 && PARTICLES.has(words[surnameStart - 1]!)) surnameStart--;
  const initials = words.slice(0, surnameStart).map((word) =>
    word
      .split('-')
      .map((part) => {
        const first = Array.from(part)[0];
        return first === undefined ? '' : /\p{L}/u.test(first) ? `${first.toUpperCase()}.` : part;
      })
      .join('-'),
  );
  return [...initials, ...words.slice(surnameStart)].join(' ');
}

/** Authors shown at most, before "et al.". */
export const AUTHORS_SHOWN = 2;
const AUTHORS_MAX_CHARS = 160;

/** "A. Name, B. Name et al." (plain text, not escaped); null without authors. */
export function shortAuthors(authors: readonly string[] | undefined): string | null {
  const names = (authors ?? []).map(shortName).filter((name) => name !== '');
  if (names.length === 0) return null;
  const shown = names.slice(0, AUTHORS_SHOWN).join(', ');
  const text = names.length > AUTHORS_SHOWN ? `${shown} et al.` : shown;
  // A hostile or absurd "name" must not crowd out the rest of the line.
  return Array.from(text).length > AUTHORS_MAX_CHARS ? `${Array.from(text).slice(0, AUTHORS_MAX_CHARS - 1).join('')}…` : text;
}

/** The arXiv id when it is one (so it is safe in a URL path), else null. */
function arxivIdOf(paper: Pick<Paper, 'arxivId'>): string | null {
  if (paper.arxivId == null) return null;
  const parsed = parseArxivId(paper.arxivId);
  return parsed !== null && parsed.version === null ? parsed.id : null;
}

/** https://arxiv.org/abs/ID when the arXiv id is known. */
export function arxivAbsUrl(paper: Pick<Paper, 'arxivId'>): string | null {
  const id = arxivIdOf(paper);
  return id === null ? null : `https://arxiv.org/abs/${id}`;
}

/** https://huggingface.co/papers/ID when the arXiv id is known (Hugging Face keys its paper pages by it). */
export function hfPaperUrl(paper: Pick<Paper, 'arxivId'>): string | null {
  const id = arxivIdOf(paper);
  return id === null ? null : `https://huggingface.co/papers/${id}`;
}

/**
 * The Hugging Face paper page when the arXiv id is known. A seed listing carries no id, so its
 * title links to a Hugging Face Papers search for the exact title: the pages the corpus came
 * from, and the first hit is the paper itself.
 */
export function paperUrl(paper: Pick<Paper, 'title' | 'arxivId'>): string {
  const page = hfPaperUrl(paper);
  if (page !== null) return page;
  // The first 150 code points find the paper; a longer query only risks Slack's length limits.
  const query = Array.from(paper.title).slice(0, 150).join('');
  return `https://huggingface.co/papers?q=${encodeURIComponent(query)}`;
}

/** The code link shown (see codeLinkOf: the same one `has:code` finds). */
export const codeUrl: (paper: Pick<Paper, 'codeLinks'>) => string | null = codeLinkOf;

/** The links of a paper as mrkdwn: arXiv, Hugging Face (when the arXiv id is known), Code. */
export function paperLinksMrkdwn(paper: Pick<Paper, 'arxivId' | 'codeLinks'>): string[] {
  const links: string[] = [];
  const arxiv = arxivAbsUrl(paper);
  const hf = hfPaperUrl(paper);
  if (arxiv) links.push(mrkdwnLink(arxiv, 'arXiv'));
  if (hf) links.push(mrkdwnLink(hf, 'Hugging Face'));
  const code = codeUrl(paper);
  if (code) links.push(mrkdwnLink(code, 'Code'));
  return links;
}

/** Authors, date and links, each escaped: the details line under a paper. */
export function paperDetailsMrkdwn(paper: Paper): string[] {
  const authors = shortAuthors(paper.authors);
  const date = paperDateLabel(paper);
  return [...(authors ? [escapeText(authors)] : []), ...(date ? [escapeText(date)] : []), ...paperLinksMrkdwn(paper)];
}
