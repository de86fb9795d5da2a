/**
 * Finding the served paper a link names: by arXiv id among the papers that carry one, and by
 * normalised title for a seed paper (which has none) once the arXiv record's title is known.
 * Pure; each lookup table is built once per corpus array.
 */
import type { Paper } from '../paper.js';
import { titleKey } from '../text/normalize.js';

interface Lookup {
  readonly byArxivId: Map<string, Paper>;
  readonly byTitle: Map<string, Paper>;
}

const lookups = new WeakMap<readonly Paper[], Lookup>();

function lookupOf(papers: readonly Paper[]): Lookup {
  let lookup = lookups.get(papers);
  if (!lookup) {
    lookup = { byArxivId: new Map(), byTitle: new Map() };
    for (const paper of papers) {
      if (paper.arxivId) lookup.byArxivId.set(paper.arxivId, paper);
      const key = titleKey(paper.title);
      if (key !== '' && !lookup.byTitle.has(key)) lookup.byTitle.set(key, paper);
    }
    lookups.set(papers, lookup);
  }
  return lookup;
}

export const paperByArxivId = (papers: readonly Paper[], arxivId: string): Paper | undefined => lookupOf(papers).byArxivId.get(arxivId);

export const paperByTitle = (papers: readonly Paper[], title: string): Paper | undefined => lookupOf(papers).byTitle.get(titleKey(title));
