/**
 * The papers a query names by arXiv id rather than by words: `2403.12345`, `arXiv:2403.12345v2`,
 * `hep-th/9901001`, and links to arxiv.org/abs, arxiv.org/pdf and huggingface.co/papers, with or
 * without their scheme (Slack's own label for a pasted link drops it). Ids come back without
 * their version, as papers store them, so any version finds the paper. Pure.
 */
import { paperLinkArxivId } from '../links/paper-links.js';

export interface PaperReferences {
  /** arXiv ids without version, in the order named, each once. */
  readonly ids: readonly string[];
  /** The rest of the query, as typed: what to search when an id is unknown. */
  readonly words: string;
}

// Year and month (01-12), then the number: 2403.12345. Old style: archive[.CLASS]/YYMMNNN.
const NEW_ID = /^(\d{2}(?:0[1-9]|1[0-2])\.\d{4,5})(?:v\d+)?$/;
const OLD_ID = /^([a-z-]+(?:\.[a-z]{2})?)\/(\d{7})(?:v\d+)?$/i;
// What people paste around an id: brackets, quotes, a sentence's comma or full stop.
const EDGES = /^[\s<([{"'“‘]+|[\s>)\]}"'”’,;.!?]+$/g;

function idOf(token: string): string | null {
  const bare = token.replace(EDGES, '');
  if (/^https?:\/\//i.test(bare)) return paperLinkArxivId(bare);
  if (/^(?:www\.)?(?:arxiv\.org|huggingface\.co)\//i.test(bare)) return paperLinkArxivId(`https://${bare}`);
  const id = bare.replace(/^arxiv:/i, '');
  const fresh = NEW_ID.exec(id);
  if (fresh) return fresh[1]!;
  const old = OLD_ID.exec(id);
  if (!old) return null;
  const [archive, subject] = old[1]!.split('.');
  return `${archive!.toLowerCase()}${subject ? `.${subject.toUpperCase()}` : ''}/${old[2]}`;
}

export function readPaperReferences(text: string): PaperReferences {
  const ids: string[] = [];
  const words: string[] = [];
  for (const token of text.split(/\s+/)) {
    if (token === '') continue;
    const id = idOf(token);
    if (id === null) words.push(token);
    else if (!ids.includes(id)) ids.push(id);
  }
  return { ids, words: words.join(' ') };
}
