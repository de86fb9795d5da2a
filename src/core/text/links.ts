/**
 * Links in an abstract. arXiv abstracts glue punctuation and LaTeX to URLs
 * ("https://github.com/a/b.", "https://github.com/a/b{here}", ".git{https://...}"), so each
 * candidate is trimmed back to what a browser would open.
 */

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"')\]}]+|\b(?:www\.)?github\.com\/[^\s<>"')\]}]+/gi;
const CODE_HOSTS = /^(?:www\.)?(github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|anonymous\.4open\.science|huggingface\.co|sourceforge\.net)$/i;

export interface AbstractLinks {
  readonly codeLinks: string[];
  readonly otherLinks: string[];
}

function tidy(raw: string): string | null {
  let url = raw.replace(/\{.*$/, ''); // LaTeX \href residue: "url{text}"
  url = url.replace(/[.,;:!?]+$/, '');
  url = url.replace(/\.git$/, '');
  if (!/^https?:\/\//i.test(url)) url = `https://${url}`;
  try {
    const parsed = new URL(url);
    if (!parsed.hostname.includes('.')) return null;
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return null;
  }
}

export function extractLinks(text: string): AbstractLinks {
  const codeLinks: string[] = [];
  const otherLinks: string[] = [];
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = tidy(match[0]);
    if (url === null) continue;
    const isCode = CODE_HOSTS.test(new URL(url).hostname);
    // Code hosts all serve https; an old http:// link would only cost the reader a redirect.
    const link = isCode ? url.replace(/^http:/i, 'https:') : url;
    const bucket = isCode ? codeLinks : otherLinks;
    if (!bucket.includes(link)) bucket.push(link);
  }
  return { codeLinks, otherLinks };
}
