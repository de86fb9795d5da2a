/**
 * Hugging Face Daily Papers (`GET /api/daily_papers?date=YYYY-MM-DD`): an array of items, each
 * with the arXiv paper under `paper`. Validated item by item, so one malformed item is rejected
 * with its reason and the rest of the day is kept. Unknown fields are ignored (the API adds them).
 */
import { z } from 'zod';
import { collapseWhitespace, isoInstant, parseArxivId, type IncomingPaper, type ParsedItems, type Rejection } from './incoming-paper.js';

const count = z.number().int().nonnegative();

const HfItem = z.object({
  paper: z.object({
    id: z.string(),
    title: z.string().trim().min(1),
    summary: z.string(),
    authors: z.array(z.object({ name: z.string() })),
    publishedAt: z.string(),
    upvotes: count.optional(),
    githubRepo: z.string().nullish(),
    ai_keywords: z.array(z.string()).nullish(),
  }),
  publishedAt: z.string().optional(),
  numComments: count.optional(),
});

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'item'}: ${issue.message}`)
    .join('; ');
}

/** A code link from `githubRepo`, when it is an http(s) URL. */
function repoUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString().replace(/\/$/, '').replace(/^http:/, 'https:') : null;
  } catch {
    return null;
  }
}

/** The papers of one day's JSON body (already JSON-parsed). A body that is not an array is one rejection. */
export function parseHfDailyPapers(body: unknown): ParsedItems | { error: string } {
  if (!Array.isArray(body)) return { error: `expected a JSON array of daily papers, got ${body === null ? 'null' : typeof body}` };
  const papers: IncomingPaper[] = [];
  const rejected: Rejection[] = [];
  body.forEach((raw: unknown, index) => {
    const position = `item ${index + 1}`;
    const parsed = HfItem.safeParse(raw);
    const rawId = (raw as { paper?: { id?: unknown } } | null)?.paper?.id;
    const label = typeof rawId === 'string' && rawId.length <= 40 ? `${position} (${rawId})` : position;
    if (!parsed.success) {
      rejected.push({ item: label, reason: describeIssues(parsed.error) });
      return;
    }
    const { paper, publishedAt: listed, numComments } = parsed.data;
    const arxiv = parseArxivId(paper.id);
    if (!arxiv) {
      rejected.push({ item: label, reason: 'paper.id is not an arXiv id' });
      return;
    }
    const publishedAt = isoInstant(paper.publishedAt);
    if (!publishedAt) {
      rejected.push({ item: label, reason: 'paper.publishedAt is not an ISO 8601 date' });
      return;
    }
    papers.push({
      origin: 'hf',
      arxivId: arxiv.id,
      arxivVersion: null,
      rawTitle: collapseWhitespace(paper.title),
      rawAbstract: collapseWhitespace(paper.summary),
      authors: paper.authors.map((a) => collapseWhitespace(a.name)).filter((name) => name !== ''),
      publishedAt,
      updatedAt: null,
      listedAt: listed === undefined ? null : isoInstant(listed),
      categories: [],
      pdfUrl: null,
      upvotes: paper.upvotes ?? null,
      comments: numComments ?? null,
      githubRepo: repoUrl(paper.githubRepo),
      keywords: paper.ai_keywords ?? [],
    });
  });
  return { papers, rejected };
}
