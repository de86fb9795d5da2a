/**
 * Vocabulary statistics of a corpus, printed for the generated corpus next to SciFact's so a
 * reader can judge how realistic it is: tokens, distinct words, the share of words seen once
 * (hapaxes), Heaps' law V(n) = K n^beta fitted by least squares on log V against log n at 20
 * points of the token stream, and the share of adjacent word pairs (bigrams) seen more than once.
 * Words as the bench counts them: whitespace-split, edge punctuation stripped, lower-cased.
 */
export interface TextStats {
  readonly documents: number;
  readonly tokens: number;
  readonly distinctWords: number;
  /** Share of distinct words seen exactly once. */
  readonly hapaxShare: number;
  readonly heaps: { readonly k: number; readonly beta: number };
  /** Share of bigram tokens whose bigram occurs 2+ times in the corpus. */
  readonly repeatedBigramShare: number;
  readonly meanWordsPerDocument: number;
}

const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

export function words(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\s+/)) {
    const w = raw.replace(EDGE_PUNCTUATION, '').toLowerCase();
    if (w) out.push(w);
  }
  return out;
}

/** Least-squares fit of log y = log k + beta log x. */
export function fitPowerLaw(points: readonly (readonly [number, number])[]): { k: number; beta: number } {
  const xs = points.map(([x]) => Math.log(x));
  const ys = points.map(([, y]) => Math.log(y));
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  const beta = sxy / sxx;
  return { k: Math.exp(my - beta * mx), beta };
}

export function textStats(documents: Iterable<string>): TextStats {
  const counts = new Map<string, number>();
  const bigrams = new Map<string, number>();
  const growth: [number, number][] = [];
  let tokens = 0;
  let docs = 0;
  const perDoc: number[] = [];
  for (const text of documents) {
    const ws = words(text);
    docs++;
    perDoc.push(ws.length);
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i]!;
      counts.set(w, (counts.get(w) ?? 0) + 1);
      if (i > 0) {
        const b = `${ws[i - 1]} ${w}`;
        bigrams.set(b, (bigrams.get(b) ?? 0) + 1);
      }
      tokens++;
    }
    growth.push([tokens, counts.size]);
  }
  let hapax = 0;
  for (const c of counts.values()) if (c === 1) hapax++;
  let bigramTokens = 0;
  let repeated = 0;
  for (const c of bigrams.values()) {
    bigramTokens += c;
    if (c > 1) repeated += c;
  }
  // 20 points spread evenly in log n over the second half of the stream's magnitude.
  const points: [number, number][] = [];
  const step = Math.max(1, Math.floor(growth.length / 20));
  for (let i = step - 1; i < growth.length; i += step) points.push(growth[i]!);
  return {
    documents: docs,
    tokens,
    distinctWords: counts.size,
    hapaxShare: hapax / counts.size,
    heaps: points.length >= 2 ? fitPowerLaw(points) : { k: Number.NaN, beta: Number.NaN },
    repeatedBigramShare: bigramTokens === 0 ? 0 : repeated / bigramTokens,
    meanWordsPerDocument: tokens / Math.max(1, docs),
  };
}
