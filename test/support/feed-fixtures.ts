/**
 * Feed bodies in the formats the real APIs send, for fake-sources.ts: Hugging Face daily_papers
 * items (with the fields the API carries beside the ones paperboy reads) and arXiv Atom feeds
 * (namespaces, affiliations, DOI and PDF links, primary category, an "Error" entry).
 */

export interface FixturePaper {
  readonly arxivId: string;
  readonly version?: number;
  readonly title: string;
  readonly abstract: string;
  readonly authors?: readonly string[];
  /** ISO date-time of v1. */
  readonly published: string;
  readonly updated?: string;
  readonly categories?: readonly string[];
  readonly upvotes?: number;
  readonly comments?: number;
  readonly githubRepo?: string;
  readonly keywords?: readonly string[];
  /** When it reached the daily list (Hugging Face). */
  readonly listed?: string;
}

const xml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One daily_papers item, shaped as https://huggingface.co/api/daily_papers returns it. */
export function hfItem(p: FixturePaper): Record<string, unknown> {
  const authors = (p.authors ?? ['Ada Lovelace', 'Alan Turing']).map((name, i) => ({
    _id: `65f${String(i).padStart(21, '0')}`,
    name,
    hidden: false,
    ...(i === 0 ? { user: { _id: '60f1', avatarUrl: '/avatars/x.svg', fullname: name, user: name.toLowerCase().replace(/ /g, ''), type: 'user' } } : {}),
  }));
  return {
    paper: {
      id: p.arxivId,
      authors,
      mediaUrls: [],
      publishedAt: p.published,
      submittedOnDailyAt: p.listed ?? p.published,
      title: p.title,
      summary: p.abstract,
      upvotes: p.upvotes ?? 0,
      discussionId: `66a${p.arxivId.replace('.', '')}`,
      ...(p.githubRepo ? { githubRepo: p.githubRepo, githubStars: 42 } : {}),
      ...(p.keywords ? { ai_summary: 'A short summary.', ai_keywords: p.keywords } : {}),
    },
    publishedAt: p.listed ?? p.published,
    title: p.title,
    summary: p.abstract,
    thumbnail: `https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/${p.arxivId}.png`,
    numComments: p.comments ?? 0,
    submittedBy: { _id: '60f2', avatarUrl: '/avatars/y.svg', fullname: 'AK', name: 'akhaliq', type: 'user', isPro: false },
    isAuthorParticipating: false,
  };
}

/** One Atom <entry>, as export.arxiv.org/api/query writes it (title and summary wrapped over lines). */
export function arxivEntry(p: FixturePaper): string {
  const v = p.version ?? 1;
  const categories = p.categories ?? ['cs.LG'];
  const authors = (p.authors ?? ['Ada Lovelace', 'Alan Turing'])
    .map((name, i) => `    <author>\n      <name>${xml(name)}</name>${i === 0 ? '\n      <arxiv:affiliation xmlns:arxiv="http://arxiv.org/schemas/atom">University of Somewhere</arxiv:affiliation>' : ''}\n    </author>`)
    .join('\n');
  const wrap = (text: string): string => xml(text).replace(/(.{60,}?) /g, '$1\n  ');
  return `  <entry>
    <id>http://arxiv.org/abs/${p.arxivId}v${v}</id>
    <updated>${p.updated ?? p.published}</updated>
    <published>${p.published}</published>
    <title>${wrap(p.title)}</title>
    <summary>  ${wrap(p.abstract)}
</summary>
${authors}
    <arxiv:doi xmlns:arxiv="http://arxiv.org/schemas/atom">10.1000/xyz${p.arxivId}</arxiv:doi>
    <link title="doi" href="http://dx.doi.org/10.1000/xyz${p.arxivId}" rel="related"/>
    <arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">12 pages, 4 figures</arxiv:comment>
    <link href="http://arxiv.org/abs/${p.arxivId}v${v}" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/${p.arxivId}v${v}" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="${categories[0]}" scheme="http://arxiv.org/schemas/atom"/>
${categories.map((c) => `    <category term="${c}" scheme="http://arxiv.org/schemas/atom"/>`).join('\n')}
  </entry>`;
}

/** A page of results: the feed header with opensearch paging, then the entries. */
export function arxivFeed(page: { total: number; start: number; entries: readonly string[] }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link href="http://arxiv.org/api/query?search_query%3Dcat%3Acs.LG%26id_list%3D%26start%3D${page.start}%26max_results%3D${page.entries.length}" rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query: search_query=cat:cs.LG&amp;id_list=&amp;start=${page.start}&amp;max_results=${page.entries.length}</title>
  <id>http://arxiv.org/api/cHxbiOdZaP56ODnBPIenZhzg5f8</id>
  <updated>2026-12-01T00:00:00-05:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${page.total}</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${page.start}</opensearch:startIndex>
  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${page.entries.length}</opensearch:itemsPerPage>
${page.entries.join('\n')}
</feed>
`;
}

/** What arXiv answers a query it cannot run: a feed of one entry titled "Error". */
export function arxivErrorFeed(message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link href="http://arxiv.org/api/query?search_query%3D%26id_list%3D1234.12345" rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query: search_query=&amp;id_list=1234.12345</title>
  <id>http://arxiv.org/api/kvuntZ8c9a4Eq5CF7KY03nMug+Q</id>
  <updated>2026-12-01T00:00:00-05:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">1</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0</opensearch:startIndex>
  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">1</opensearch:itemsPerPage>
  <entry>
    <id>http://arxiv.org/api/errors#${xml(message.replace(/ /g, '_'))}</id>
    <title>Error</title>
    <summary>${xml(message)}</summary>
    <updated>2026-12-01T00:00:00-05:00</updated>
    <link href="http://arxiv.org/api/errors#${xml(message.replace(/ /g, '_'))}" rel="alternate" type="text/html"/>
    <author>
      <name>arXiv api core</name>
    </author>
  </entry>
</feed>
`;
}
