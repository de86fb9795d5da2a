/**
 * The paper links paperboy unfurls, read into an arXiv id: arxiv.org/abs/ID and arxiv.org/pdf/ID
 * (with or without vN and .pdf; new-style 2403.12345 and old-style hep-th/9901001 ids) and
 * huggingface.co/papers/ID (Hugging Face names papers by their arXiv id). Anything else is null.
 * Pure: no lookup, no network.
 */

/** The domains these links live on: manifest.yml declares the same (unfurl_domains). */
export const UNFURL_DOMAINS = ['arxiv.org', 'huggingface.co'] as const;

const NEW_ID = /^(\d{4}\.\d{4,5})(?:v\d+)?$/;
const OLD_ID = /^([a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?$/;

function arxivIdOf(raw: string): string | null {
  const id = raw.replace(/\.pdf$/i, '');
  return NEW_ID.exec(id)?.[1] ?? OLD_ID.exec(id)?.[1] ?? null;
}

export function paperLinkArxivId(link: string): string | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const path = decodeURIComponent(url.pathname).replace(/\/+$/, '');
  if (host === 'arxiv.org') {
    const match = /^\/(?:abs|pdf)\/(.+)$/.exec(path);
    return match ? arxivIdOf(match[1] as string) : null;
  }
  if (host === 'huggingface.co') {
    const match = /^\/papers\/([^/]+)$/.exec(path);
    return match ? arxivIdOf(match[1] as string) : null;
  }
  return null;
}
