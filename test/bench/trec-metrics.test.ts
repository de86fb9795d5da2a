/**
 * The bench's metrics against hand-computed trec_eval 9.0.4+ figures (ndcg_cut.k, recall.k, -c).
 */
import { describe, expect, it } from 'vitest';
import { evaluate, formatRun, ndcgAt, parseQrels, parseRun, recallAt, trecOrder, type RunEntry } from '../../bench/quality/trec-metrics.js';

const e = (docid: string, score: number): RunEntry => ({ docid, score });
const judged = (pairs: Record<string, number>): Map<string, number> => new Map(Object.entries(pairs));

describe('trecOrder', () => {
  it('sorts by score descending, ties by docid descending (strcmp), ignoring input order', () => {
    const order = trecOrder([e('a', 1), e('c', 2), e('b', 2), e('d', 0.5), e('10', 2), e('9', 2)]);
    // "c" > "b" > "9" > "10" in byte order.
    expect(order.map((x) => x.docid)).toEqual(['c', 'b', '9', '10', 'a', 'd']);
  });
});

describe('ndcgAt', () => {
  // Hand-computed with trec_eval 9.0.4+'s discount (m_ndcg_cut.c: gain / log2(i + 2), 0-based i).
  // Each case but the first gives another figure under 9.0a3's formula (rank 1 undiscounted,
  // rank r > 1 by log2(r)), noted as "old".
  const ten = (relevantAt: number): RunEntry[] =>
    Array.from({ length: 10 }, (_, i) => e(i + 1 === relevantAt ? 'x' : `n${i + 1}`, 10 - i));

  it('is 1 when the only relevant document is first', () => {
    expect(ndcgAt(ten(1), judged({ x: 1 }), 10)).toBe(1);
  });

  it('one relevant document at rank 2 of 10, one relevant in all: 1/log2(3) = 0.6309 (old: 1)', () => {
    expect(ndcgAt(ten(2), judged({ x: 1 }), 10)).toBeCloseTo(0.6309297536, 9);
  });

  it('rank 3 of one relevant: 1/log2(4) = 0.5 (old: 0.6309)', () => {
    expect(ndcgAt(ten(3), judged({ x: 1 }), 10)).toBeCloseTo(0.5, 12);
  });

  it('two relevant at ranks 1 and 4: (1 + 1/log2(5)) / (1 + 1/log2(3)) = 0.8772 (old: 0.75)', () => {
    const run = [e('r1', 9), e('n1', 8), e('n2', 7), e('r2', 6)];
    expect(ndcgAt(run, judged({ r1: 1, r2: 1 }), 10)).toBeCloseTo(0.8772153153, 9);
  });

  it('graded gains are linear and the ideal comes from the qrels, including unretrieved documents', () => {
    // Retrieved: g1 (gain 1) at rank 1, g2 (gain 2) at rank 2; g3 (gain 2) never retrieved.
    // DCG 1 + 2/log2(3) = 2.2619; ideal 2 + 2/log2(3) + 1/log2(4) = 3.7619 (old: 3/4.6309 = 0.6478).
    const run = [e('g1', 2), e('g2', 1)];
    expect(ndcgAt(run, judged({ g1: 1, g2: 2, g3: 2, z: 0 }), 10)).toBeCloseTo(0.6012610261, 9);
  });

  it('only the top k count, and the ideal is cut at k too', () => {
    const run = [e('n1', 5), e('n2', 4), e('r', 3)];
    expect(ndcgAt(run, judged({ r: 1 }), 2)).toBe(0);
    // DCG at k=2 is 1; the ideal at k=2 is 1 + 1/log2(3) (old: 1/2).
    const two = [e('r1', 5), e('n', 4), e('r2', 3)];
    expect(ndcgAt(two, judged({ r1: 1, r2: 1, r3: 1 }), 2)).toBeCloseTo(0.6131471928, 9);
  });

  it('ties are broken by docid descending, which moves a relevant doc', () => {
    // All tied: trec_eval ranks c, b, a, so the relevant "a" is third whatever the input order:
    // 1/log2(4) = 0.5 (old: 0.6309). Relevant "b" and "a" at ranks 2 and 3 of an ideal of three:
    // (1/log2(3) + 1/log2(4)) / (1 + 1/log2(3) + 1/log2(4)).
    expect(ndcgAt([e('a', 1), e('b', 1), e('c', 1)], judged({ a: 1 }), 10)).toBeCloseTo(0.5, 12);
    expect(ndcgAt([e('c', 1), e('a', 1), e('b', 1)], judged({ a: 1 }), 10)).toBeCloseTo(0.5, 12);
    expect(ndcgAt([e('a', 1), e('b', 1), e('c', 1)], judged({ a: 1, b: 1, d: 1 }), 10)).toBeCloseTo(0.5307212740, 9);
  });

  it('a query without relevant documents or results scores 0', () => {
    expect(ndcgAt([e('a', 1)], judged({ a: 0 }), 10)).toBe(0);
    expect(ndcgAt([], judged({ a: 1 }), 10)).toBe(0);
  });
});

describe('recallAt', () => {
  it('counts relevant documents in the top k over all relevant ones', () => {
    const run = [e('r1', 5), e('n', 4), e('r2', 3)];
    expect(recallAt(run, judged({ r1: 1, r2: 1, r3: 1, z: 0 }), 100)).toBeCloseTo(2 / 3, 12);
    expect(recallAt(run, judged({ r1: 1, r2: 1, r3: 1 }), 2)).toBeCloseTo(1 / 3, 12);
    expect(recallAt(run, judged({ z: 0 }), 2)).toBe(0);
  });
});

describe('evaluate', () => {
  it('averages over every query of the qrels; a query missing from the run counts as 0', () => {
    const qrels = parseQrels('query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\n');
    const run = new Map([['q1', [e('d1', 1)]], ['q9', [e('d2', 1)]]]);
    const ev = evaluate(run, qrels);
    expect(ev.queries).toBe(2);
    expect(ev.ndcg).toBe(0.5);
    expect(ev.recall).toBe(0.5);
    expect(ev.perQuery.get('q2')).toEqual({ ndcg: 0, recall: 0 });
  });
});

describe('file formats', () => {
  it('parses BEIR TSV qrels with a header and 4-column TREC qrels', () => {
    expect(parseQrels('query-id\tcorpus-id\tscore\n1\t31715818\t1\n1\t5\t0\n')).toEqual(new Map([['1', new Map([['31715818', 1], ['5', 0]])]]));
    expect(parseQrels('7 0 d3 2\n')).toEqual(new Map([['7', new Map([['d3', 2]])]]));
  });

  it('writes a run in trec_eval order with ranks from 1 and reads it back', () => {
    const text = formatRun(new Map([['q', [e('a', 1), e('b', 2.5)]]]), 'paperboy');
    expect(text).toBe('q Q0 b 1 2.500000 paperboy\nq Q0 a 2 1.000000 paperboy\n');
    expect(parseRun(text)).toEqual(new Map([['q', [e('b', 2.5), e('a', 1)]]]));
  });

  it('scores what the file holds: rounding to the written decimals can create ties', () => {
    const text = formatRun(new Map([['q', [e('a', 1.0000001), e('b', 1.0000002)]]]), 't');
    // Both read back as 1.000000, so trec_eval puts "b" (larger docid) first.
    expect(trecOrder(parseRun(text).get('q')!).map((x) => x.docid)).toEqual(['b', 'a']);
  });
});
