/**
 * A value's JSON, the very text JSON.stringify gives, written in bounded steps (see
 * work-steps.ts) and handed out in pieces: plain objects key by key, long arrays a slice at a
 * time. A 100k-paper snapshot's JSON holds four lists of 100,000-300,000 strings (~11 MB), and
 * one JSON.stringify of the term list, or one string of the whole JSON, held the event loop for
 * tens of ms.
 */
import type { Steps } from './work-steps.js';

/** Elements of a long array stringified between two yields (~0.2 ms of short strings). */
const ITEMS_PER_STEP = 2_000;

const isPlain = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype && typeof (value as { toJSON?: unknown }).toJSON !== 'function';

/**
 * Hands `piece` the JSON of `value` in pieces of at least `pieceChars` characters (the last one
 * shorter), yielding after each and between the slices of a long array.
 */
export function* jsonPiecesSteps(value: unknown, piece: (text: string) => void, pieceChars: number): Steps<void> {
  let pending: string[] = [];
  let chars = 0;
  /** Adds text; true when a piece was handed out (time to yield). */
  const add = (text: string): boolean => {
    pending.push(text);
    chars += text.length;
    if (chars < pieceChars) return false;
    piece(pending.join(''));
    pending = [];
    chars = 0;
    return true;
  };
  function* write(v: unknown): Steps<void> {
    if (Array.isArray(v) && v.length > ITEMS_PER_STEP && typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
      for (let i = 0; i < v.length; i += ITEMS_PER_STEP) {
        // An array's JSON is its elements' JSON, comma-separated, in brackets: a slice's, unbracketed, is a run of it.
        add(`${i === 0 ? '[' : ','}${JSON.stringify(v.slice(i, i + ITEMS_PER_STEP)).slice(1, -1)}`);
        yield;
      }
      add(']');
      return;
    }
    if (!isPlain(v)) {
      if (add(JSON.stringify(v))) yield;
      return;
    }
    let first = true;
    for (const [key, item] of Object.entries(v)) {
      // What JSON.stringify leaves out of an object: undefined, functions, symbols.
      if (!isPlain(item) && !Array.isArray(item) && JSON.stringify(item) === undefined) continue;
      if (add(`${first ? '{' : ','}${JSON.stringify(key)}:`)) yield;
      first = false;
      yield* write(item);
    }
    if (add(first ? '{}' : '}')) yield;
  }
  yield* write(value);
  if (pending.length > 0) piece(pending.join(''));
}
