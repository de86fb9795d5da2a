/**
 * Text folding shared by the corpus (duplicate detection) and search (accent-insensitive
 * matching). Uses Unicode canonical decomposition rather than a hand table, so every accented
 * Latin letter folds, not just the ones we happened to list.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** "Schrödinger" → "Schrodinger". Leaves letters without a base form (ß, ø) as they are. */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').normalize('NFC');
}

/**
 * The key two listings of the same paper share: `$f$-Divergence` and `f-Divergence` match,
 * as do case, accent and punctuation variants. Only letters and digits survive.
 */
export function titleKey(title: string): string {
  const withoutLatex = title.replace(/\\[a-zA-Z]+/g, '').replace(/\\./g, '');
  return foldAccents(withoutLatex)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}
