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
  /** Upvotes at the source when known (the seed pages do not carry them). */
  readonly sourceUpvotes: number | null;
}

/** Something in a seed page that the parser could not take as it stands; never silent. */
export interface ParseProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}
