// talisman ships no types; declare the one metric the tests use as a reference.
declare module 'talisman/metrics/damerau-levenshtein.js' {
  /** The optimal string alignment distance (restricted Damerau-Levenshtein): insertions, deletions, substitutions, adjacent transpositions. */
  export default function damerauLevenshtein(a: string, b: string): number;
}
