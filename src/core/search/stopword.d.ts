// The stopword package ships no types; declare the one list we use.
declare module 'stopword' {
  /** English stop words. */
  export const eng: readonly string[];
}
