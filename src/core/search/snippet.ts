/**
 * A short window of an abstract around the matched words, with those words flagged so the
 * Slack renderer can bold them. Matched terms are analysed (stems), so the words of the text
 * are analysed the same way to find them.
 */
import { analyze } from './analyzer.js';

export interface SnippetPart {
  readonly text: string;
  readonly match: boolean;
}

const ELLIPSIS = '…';
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’\-‐‑–][\p{L}\p{N}\p{M}]+)*/gu;

interface Word {
  readonly start: number;
  readonly end: number;
  readonly match: boolean;
}

const JOINERS = /['’\-‐‑–]/;
const ASCII = /^[\u0000-\u007f]*$/;

/**
 * Whether a word of the text holds one of the wanted terms. Analysing every word of five
 * abstracts was ~1 ms of each /papers reply at 200 commands/s; but a term always begins with the
 * first letter of the (lower-cased ASCII) word or compound part it came from (stemming only
 * rewrites endings), so most words are ruled out by that letter alone and only the rest are
 * analysed. Words with other characters (folding may change them) are always analysed.
 */
function matcher(wanted: ReadonlySet<string>): (word: string) => boolean {
  if (wanted.size === 0) return () => false;
  const firsts = new Set<string>();
  for (const term of wanted) firsts.add(term.charAt(0));
  const memo = new Map<string, boolean>();
  return (word) => {
    let known = memo.get(word);
    if (known !== undefined) return known;
    let possible = !ASCII.test(word);
    if (!possible) {
      const lower = word.toLowerCase();
      if (JOINERS.test(lower)) {
        for (const part of lower.split(JOINERS)) if (firsts.has(part.charAt(0))) possible = true;
      } else {
        possible = firsts.has(lower.charAt(0));
      }
    }
    known = possible && analyze(word).some((t) => wanted.has(t));
    memo.set(word, known);
    return known;
  };
}

export function makeSnippet(text: string, matchedTerms: readonly string[], maxChars: number): SnippetPart[] {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length === 0 || maxChars <= 0) return [];
  const isMatch = matcher(new Set(matchedTerms));
  const words: Word[] = [];
  for (const m of clean.matchAll(WORD)) {
    const start = m.index;
    words.push({ start, end: start + m[0].length, match: isMatch(m[0]) });
  }
  const [from, to] = chooseWindow(clean, words, maxChars);
  const parts: SnippetPart[] = [];
  const push = (part: string, match: boolean): void => {
    if (!part) return;
    const last = parts[parts.length - 1];
    if (last && last.match === match) parts[parts.length - 1] = { text: last.text + part, match };
    else parts.push({ text: part, match });
  };
  if (from > 0) push(ELLIPSIS, false);
  let cursor = from;
  for (const word of words) {
    if (!word.match || word.start < from || word.end > to) continue;
    push(clean.slice(cursor, word.start), false);
    push(clean.slice(word.start, word.end), true);
    cursor = word.end;
  }
  push(clean.slice(cursor, to), false);
  if (to < clean.length) push(ELLIPSIS, false);
  return parts;
}

/**
 * The [from, to) range to show: the whole text when it fits, else the window of at most
 * maxChars (ellipses included) holding the most matches, started a little before the first
 * of them for context, and cut at word boundaries.
 */
function chooseWindow(text: string, words: readonly Word[], maxChars: number): [number, number] {
  if (text.length <= maxChars) return [0, text.length];
  const budget = Math.max(1, maxChars - 2 * ELLIPSIS.length);
  const matches = words.filter((w) => w.match);
  let anchor = 0;
  if (matches.length > 0) {
    // Densest window: two pointers over match positions.
    let best = 0;
    let bestCount = 0;
    let j = 0;
    for (let i = 0; i < matches.length; i++) {
      while (j < matches.length && matches[j]!.end - matches[i]!.start <= budget) j++;
      if (j - i > bestCount) {
        bestCount = j - i;
        best = i;
      }
    }
    const first = matches[best]!;
    // Some context before the first match, but never so much that the match itself is cut.
    const lead = Math.min(Math.floor(budget / 4), Math.max(0, budget - (first.end - first.start)));
    anchor = Math.max(0, first.start - lead);
  }
  let from = anchor === 0 ? 0 : wordStartAtOrAfter(words, anchor);
  let to = Math.min(text.length, from + (from === 0 ? maxChars - ELLIPSIS.length : budget));
  // Pull the start back if the window ran past the end of the text.
  if (to === text.length && from > 0) from = wordStartAtOrAfter(words, Math.max(0, text.length - budget));
  to = wordEndAtOrBefore(words, from, to);
  return [from, to];
}

function wordStartAtOrAfter(words: readonly Word[], position: number): number {
  for (const w of words) if (w.start >= position) return w.start;
  return position;
}

function wordEndAtOrBefore(words: readonly Word[], from: number, position: number): number {
  let end = -1;
  for (const w of words) {
    if (w.start < from) continue;
    if (w.end > position) break;
    end = w.end;
  }
  // A single word longer than the window: cut it rather than show nothing.
  return end > from ? end : position;
}
