/**
 * The one-line summary under each digest paper: the abstract's first sentence, cut to ~200
 * characters. Abstracts open with their claim, so the first sentence is the best short summary
 * we have without a model.
 */
import { truncate } from './limits.js';

export const SUMMARY_MAX = 200;

// Abbreviations whose period does not end a sentence; "et al." and "e.g." are common in abstracts.
const NOT_AN_END = /(?:\b(?:e\.g|i\.e|et al|etc|vs|cf|Fig|Eq|Sec|approx|resp|No)\.|\b[A-Z]\.)$/;

export function firstSentence(abstract: string, max: number = SUMMARY_MAX): string {
  const text = abstract.replace(/\s+/g, ' ').trim();
  const ends = /[.!?](?=\s+["'(\[]?[A-Z0-9]|$)/g;
  let match: RegExpExecArray | null;
  while ((match = ends.exec(text)) !== null) {
    const candidate = text.slice(0, match.index + 1);
    if (!NOT_AN_END.test(candidate)) return truncate(candidate, max);
  }
  return truncate(text, max);
}
