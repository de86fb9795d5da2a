/**
 * Turns the LaTeX residue that arXiv abstracts carry into display text.
 *
 * Accents map to Unicode combining marks and are then composed (NFC), so `Schr\"odinger`,
 * `Schr\"{o}dinger` and `na\"{\i}ve` all come out right without a table of every letter.
 * Anything we do not understand is left as it is: a stray backslash is better than a lost word.
 */

const ACCENTS: Record<string, string> = {
  '"': '\u0308', // diaeresis
  "'": '\u0301', // acute
  '`': '\u0300', // grave
  '^': '\u0302', // circumflex
  '~': '\u0303', // tilde
  '=': '\u0304', // macron
  '.': '\u0307', // dot above
  u: '\u0306', // breve
  v: '\u030c', // caron
  H: '\u030b', // double acute
  c: '\u0327', // cedilla
  k: '\u0328', // ogonek
};

const GREEK = [
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda',
  'mu', 'nu', 'xi', 'omicron', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega',
];
const SYMBOLS: Record<string, string> = {
  varepsilon: 'ε', vartheta: 'ϑ', varphi: 'φ', varrho: 'ϱ', varsigma: 'ς',
  ell: 'ℓ', infty: '∞', times: '×', cdot: '·', approx: '≈', leq: '≤', geq: '≥', le: '≤', ge: '≥',
  neq: '≠', sim: '∼', pm: '±', in: '∈', to: '→', rightarrow: '→', log: 'log', top: '⊤',
  // Macros authors define for themselves and arXiv leaves unexpanded.
  ie: 'i.e.', eg: 'e.g.', etal: 'et al.', aka: 'a.k.a.', wrt: 'w.r.t.', etc: 'etc.',
};
// Greek by code point: lower-case letters are contiguous from α (U+03B1), upper from Α (U+0391),
// with ς (U+03C2) skipped between ρ and σ.
GREEK.forEach((name, i) => {
  const offset = i >= 17 ? i + 1 : i;
  SYMBOLS[name] = String.fromCodePoint(0x03b1 + offset);
  SYMBOLS[name[0]!.toUpperCase() + name.slice(1)] = String.fromCodePoint(0x0391 + offset);
});

/** Font switches whose argument we keep and whose command we drop: `{\em x}`, `\textbf{x}`. */
const FONT_SWITCH = /\{\\(?:em|it|bf|sc|tt|rm|sf|sl)\s+([^{}]*)\}/g;
const FONT_COMMAND = /\\(?:emph|textbf|textit|texttt|textsc|textrm|mathrm|mathbf|mathcal|mathbb|text|mbox)\{([^{}]*)\}/g;

export function cleanLatex(input: string): string {
  let text = input;
  text = text.replace(FONT_SWITCH, '$1').replace(FONT_COMMAND, '$1');
  // Accents, braced or bare: \"{o}, \"{\i}, \"o, \'e. The dotless i/j take the accent. Letter-named
  // accents (\v, \u, \c...) only count when braced: bare, `\varepsilon` would read as \v + arepsilon.
  text = text.replace(/\\(?:(["'`^~=.])\s*|([uvHck])(?=\{))(?:\{\s*(\\[ij]|[A-Za-z])\s*\}|(\\[ij](?![a-zA-Z])|[A-Za-z]))/g,
    (_m, symbol?: string, letter?: string, braced?: string, bare?: string) => {
      const base = (braced ?? bare ?? '').replace(/^\\/, '');
      return (base + ACCENTS[symbol ?? letter ?? '']).normalize('NFC');
    });
  text = text.replace(/\\([%&#_$])/g, '$1');
  // Inline math delimiters: keep the content, drop the markers.
  text = text.replace(/\\\(\s*(.*?)\s*\\\)/g, '$1');
  // Generous length: arXiv abstracts carry whole formulas, and only paired dollars are touched.
  text = text.replace(/\$([^$]{1,500}?)\$/g, '$1');
  text = text.replace(/\\([a-zA-Z]+)/g, (whole, name: string) => SYMBOLS[name] ?? whole);
  // "estimation~(NCE)": a tie is a space to a reader.
  text = text.replace(/(\S)~(?=\S)/g, '$1 ');
  // Braces left around a single word or symbol once the commands inside them are gone.
  // Repeated because nested groups (`{\varepsilon^{O(k)}}`) only open up one level per pass.
  for (let pass = 0; pass < 4; pass += 1) {
    const before = text;
    text = text.replace(/\{([^{}\s]{1,40})\}/g, (whole, inner: string, offset: number, all: string) =>
      // A `{...}` glued to a URL is link text, handled by the link extractor; keep it verbatim.
      /\S*:\/\/\S*$/.test(all.slice(0, offset)) ? whole : inner);
    if (text === before) break;
  }
  return text.replace(/[ \t]{2,}/g, ' ').trim();
}
