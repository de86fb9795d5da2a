/**
 * The paper record every part of paperboy shares. Pure data: no behaviour, no I/O.
 */

/**
 * A listing date as printed on a Hugging Face listing page ("Mar 14").
 * The pages never print the year, so we keep month and day only rather than guess one.
 */
export interface ListingDate {
  /** 1-12 */
  readonly month: number;
  /** 1-31 */
  readonly day: number;
}

/** Where a paper was seen: one seed page and the line its title stands on (1-based). */
export interface PaperSource {
  readonly file: string;
  readonly line: number;
  /** The page's listing date, or null when the page layout carries none. */
  readonly listedOn: ListingDate | null;
}

/** Where a paper's record came from: a seed listing page, Hugging Face Daily Papers, the arXiv API. */
export type PaperOrigin = 'seed' | 'hf' | 'arxiv';

export interface Paper {
  /** Stable across runs and corpora: derived from the normalised title. */
  readonly id: string;
  /** Display text, LaTeX residue cleaned ("Schrödinger", not `Schr\"odinger`). */
  readonly title: string;
  readonly abstract: string;
  /**
   * Extra text that only search sees: the raw spellings that cleaning changed, so a query for
   * either spelling finds the paper. Empty when cleaning changed nothing.
   */
  readonly searchAliases: string;
  /** Earliest listing date seen across the paper's sources, or null when none printed one. */
  readonly listedOn: ListingDate | null;
  /** Every page the paper appeared on, in corpus order; duplicates merge here. */
  readonly sources: readonly PaperSource[];
  /** Code repositories named in the abstract (GitHub, GitLab, ...), cleaned, deduplicated. */
  readonly codeLinks: readonly string[];
  /** Other links in the abstract (project pages, datasets). */
  readonly otherLinks: readonly string[];
  /** Upvotes at the source when known: Hugging Face's (the seed pages do not carry them). */
  readonly sourceUpvotes: number | null;

  // What real papers carry beyond a seed listing. All optional: a seed paper has none of them,
  // and every reader treats a missing field as "not known".

  /** arXiv identifier without its version ("2403.12345", "hep-th/9901001"). */
  readonly arxivId?: string | null;
  /** The arXiv version the text is from (2 for "v2"); null when only Hugging Face gave it. */
  readonly arxivVersion?: number | null;
  /** Author names in the paper's order. */
  readonly authors?: readonly string[];
  /** First publication, ISO 8601 with the year ("2024-03-18T17:59:59Z"). */
  readonly publishedAt?: string | null;
  /** When the latest arXiv version appeared (ISO 8601). */
  readonly updatedAt?: string | null;
  /** When it reached the Hugging Face daily list (ISO 8601). */
  readonly listedAt?: string | null;
  /** arXiv categories, primary first ("cs.LG", "cs.CV"). */
  readonly categories?: readonly string[];
  /** Comments on the Hugging Face paper page. */
  readonly hfComments?: number | null;
  /** Keywords Hugging Face derived from the abstract (`ai_keywords`). */
  readonly keywords?: readonly string[];
  /** The arXiv PDF. */
  readonly pdfUrl?: string | null;
  /** Where this record came from; absent means a seed listing only. */
  readonly origins?: readonly PaperOrigin[];
}

/** The origins of a paper, a record without any being a seed listing. */
export const paperOrigins = (paper: Pick<Paper, 'origins'>): readonly PaperOrigin[] => paper.origins ?? ['seed'];

/** Something in a seed page that the parser could not take as it stands; never silent. */
export interface ParseProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}
