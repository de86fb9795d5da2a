/**
 * The snapshot's JSON written in steps and pieces must be the very text JSON.stringify gives:
 * the loader parses it, and the file's bytes must not change.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonPiecesSteps } from '../../../src/core/search/json-pieces.js';

function pieces(value: unknown, pieceChars: number): { pieces: string[]; steps: number } {
  const out: string[] = [];
  const work = jsonPiecesSteps(value, (text) => out.push(text), pieceChars);
  let steps = 1;
  while (!work.next().done) steps++;
  return { pieces: out, steps };
}

const text = fc.string({ unit: 'binary', maxLength: 12 });

describe('jsonPiecesSteps', () => {
  it('writes what JSON.stringify writes, in pieces of at least pieceChars but the last', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.array(text, { maxLength: 7000, size: 'max' }),
        fc.array(fc.oneof(fc.double(), fc.constant(null), fc.boolean()), { maxLength: 2500, size: 'max' }),
        fc.integer({ min: 1, max: 50_000 }),
        (json, strings, mixed, pieceChars) => {
          const value = { json, strings, nested: { mixed, empty: {}, none: [], strings }, last: 'é\ud83d\ude00' };
          const { pieces: out } = pieces(value, pieceChars);
          expect(out.join('')).toBe(JSON.stringify(value));
          for (const piece of out.slice(0, -1)) expect(piece.length).toBeGreaterThanOrEqual(pieceChars);
        },
      ),
      { numRuns: 60, endOnFailure: true },
    );
  });

  it('leaves out what JSON.stringify leaves out of an object, and uses toJSON where it would', () => {
    const value = { a: undefined, b: () => 1, c: Symbol('c'), d: 1, e: new Date(0), f: { toJSON: () => 'f' }, g: [undefined, () => 2], h: {} };
    expect(pieces(value, 4).pieces.join('')).toBe(JSON.stringify(value));
    expect(pieces({ a: undefined }, 4).pieces.join('')).toBe('{}');
  });

  it('yields between the slices of a long array', () => {
    const long = Array.from({ length: 10_000 }, (_, i) => `term${i}`);
    const { pieces: out, steps } = pieces({ long }, 1 << 20);
    expect(out).toEqual([JSON.stringify({ long })]);
    expect(steps).toBeGreaterThanOrEqual(5);
  });
});
