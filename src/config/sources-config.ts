/**
 * PAPERBOY_SOURCES: which feeds the ingest reads. Comma-separated: `hf` (Hugging Face Daily
 * Papers) and `arxiv:CAT+CAT...` (the arXiv API for those categories). Unset: no feeds, the
 * seed corpus alone.
 */
import { ARXIV_ARCHIVES, ARXIV_CATEGORIES, arxivCategorySpelled } from './arxiv-categories.js';

export const DEFAULT_HF_PAPERS_API_URL = 'https://huggingface.co/api';
export const DEFAULT_ARXIV_API_URL = 'https://export.arxiv.org/api/query';

export type SourceConfig = { readonly kind: 'hf' } | { readonly kind: 'arxiv'; readonly categories: readonly string[] };

export const SOURCES_FORMS =
  'PAPERBOY_SOURCES takes a comma-separated list of: hf (Hugging Face Daily Papers), arxiv:CATEGORY[+CATEGORY...] ' +
  `(arXiv categories such as cs.LG, cs.CV, cs.CL, stat.ML, eess.IV, math.OC; archives ${ARXIV_ARCHIVES.join(', ')}). ` +
  'Examples: hf, arxiv:cs.LG+cs.CV, hf,arxiv:cs.LG. Unset it to serve the seed corpus only';

/** The sources, or every problem with the value (each a sentence; the caller adds SOURCES_FORMS). */
export function parseSources(raw: string): { sources: SourceConfig[] } | { problems: string[] } {
  const sources: SourceConfig[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const item of raw.split(',').map((s) => s.trim())) {
    if (item === '') {
      problems.push('an empty entry (two commas, or a trailing comma)');
      continue;
    }
    const kind = item.includes(':') ? item.slice(0, item.indexOf(':')).toLowerCase() : item.toLowerCase();
    if (seen.has(kind)) {
      problems.push(`"${kind}" is listed twice; list each source once`);
      continue;
    }
    seen.add(kind);
    if (kind === 'hf' && !item.includes(':')) {
      sources.push({ kind: 'hf' });
    } else if (kind === 'arxiv') {
      const list = item.includes(':') ? item.slice(item.indexOf(':') + 1) : '';
      if (list.trim() === '') {
        problems.push('"arxiv" needs its categories, e.g. arxiv:cs.LG+cs.CV');
        continue;
      }
      const categories: string[] = [];
      for (const name of list.split('+').map((s) => s.trim())) {
        if (ARXIV_CATEGORIES.has(name)) {
          if (!categories.includes(name)) categories.push(name);
          continue;
        }
        const spelled = arxivCategorySpelled(name);
        problems.push(spelled ? `arXiv category "${name}" is spelled ${spelled}` : `"${name}" is not an arXiv category`);
      }
      if (categories.length > 0) sources.push({ kind: 'arxiv', categories });
    } else {
      problems.push(`"${item}" is not a source`);
    }
  }
  return problems.length > 0 ? { problems } : { sources };
}

/** As PAPERBOY_SOURCES spells it (also the source's name in ingest summaries). */
export const sourceName = (source: SourceConfig): string => (source.kind === 'hf' ? 'hf' : `arxiv:${source.categories.join('+')}`);
