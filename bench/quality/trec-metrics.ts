/**
 * nDCG@k and Recall@k computed the way trec_eval 9.0.4 and later computes `ndcg_cut.k` and
 * `recall.k` (usnistgov/trec_eval, form_res_rels.c and m_ndcg_cut.c, whose loops are
 * `sum += gain / log2((double) (i + 2))` for the 0-based rank i, for the run and for the ideal
 * DCG alike), which pytrec_eval wraps and BEIR and pyserini report, so the figures printed by the
 * bench are the figures `trec_eval -c -m ndcg_cut.10 -m recall.100 QRELS RUN` gives on the run file:
 *
 * - A query's results are re-ranked by score descending, ties broken by docid descending
 *   (comp_sim_docno: `strcmp(p2->docno, p1->docno)`); the rank column of a run file is ignored.
 * - Gain is the relevance value of the qrels, linear; rank r (from 1) is discounted by
 *   log2(r + 1), so rank 1 by 1 and rank 2 by log2(3). Non-positive or unjudged documents add
 *   nothing. (trec_eval 9.0a3's m_ndcg_cut.c left rank 1 undiscounted and discounted rank r > 1 by
 *   log2(r), so ranks 1 and 2 counted the same; the standard formula is not that one.)
 * - The ideal DCG comes from the qrels' relevance levels (best first), not from the run.
 * - Recall@k is the number of relevant documents (relevance >= 1) in the top k over all relevant.
 * - Averages are over every query of the qrels; a query the run has no results for counts as 0
 *   (trec_eval's -c). A query without any relevant document scores 0 (trec_eval has no ideal then).
 *
 * Pure functions, no I/O: parsing of the file formats is here too so it can be tested on strings.
 */

export interface RunEntry {
  readonly docid: string;
  readonly score: number;
}

/** query id -> docid -> relevance. */
export type Qrels = ReadonlyMap<string, ReadonlyMap<string, number>>;
/** query id -> retrieved documents, in any order. */
export type Run = ReadonlyMap<string, readonly RunEntry[]>;

/** strcmp on the docids (byte order for ASCII ids, which BEIR ids are). */
function strcmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The order trec_eval scores a query's results in: score descending, then docid descending. */
export function trecOrder(entries: readonly RunEntry[]): RunEntry[] {
  return [...entries].sort((p1, p2) => (p1.score > p2.score ? -1 : p1.score < p2.score ? 1 : strcmp(p2.docid, p1.docid)));
}

/** The discounted gain at 0-based rank i: m_ndcg_cut.c's `gain / log2((double) (i + 2))`. */
function discounted(gain: number, i: number): number {
  return gain / Math.log2(i + 2);
}

/** nDCG at cutoff k for one query; `judged` maps docid -> relevance. */
export function ndcgAt(entries: readonly RunEntry[], judged: ReadonlyMap<string, number>, k: number): number {
  const ranked = trecOrder(entries).slice(0, k);
  let dcg = 0;
  ranked.forEach((entry, i) => {
    const gain = judged.get(entry.docid) ?? 0;
    if (gain > 0) dcg += discounted(gain, i);
  });
  const ideal = [...judged.values()].filter((g) => g > 0).sort((a, b) => b - a).slice(0, k);
  let idcg = 0;
  ideal.forEach((gain, i) => {
    idcg += discounted(gain, i);
  });
  return idcg > 0 ? dcg / idcg : 0;
}

/** Recall at cutoff k for one query: relevant (>= 1) documents in the top k over all relevant. */
export function recallAt(entries: readonly RunEntry[], judged: ReadonlyMap<string, number>, k: number): number {
  let relevant = 0;
  for (const rel of judged.values()) if (rel >= 1) relevant++;
  if (relevant === 0) return 0;
  let found = 0;
  for (const entry of trecOrder(entries).slice(0, k)) if ((judged.get(entry.docid) ?? 0) >= 1) found++;
  return found / relevant;
}

export interface Evaluation {
  /** Mean nDCG@ndcgK over the qrels' queries. */
  readonly ndcg: number;
  /** Mean Recall@recallK over the qrels' queries. */
  readonly recall: number;
  readonly queries: number;
  readonly perQuery: ReadonlyMap<string, { readonly ndcg: number; readonly recall: number }>;
}

export function evaluate(run: Run, qrels: Qrels, ndcgK = 10, recallK = 100): Evaluation {
  const perQuery = new Map<string, { ndcg: number; recall: number }>();
  let ndcgSum = 0;
  let recallSum = 0;
  for (const [qid, judged] of qrels) {
    const entries = run.get(qid) ?? [];
    const ndcg = ndcgAt(entries, judged, ndcgK);
    const recall = recallAt(entries, judged, recallK);
    perQuery.set(qid, { ndcg, recall });
    ndcgSum += ndcg;
    recallSum += recall;
  }
  const n = qrels.size;
  return { ndcg: n ? ndcgSum / n : 0, recall: n ? recallSum / n : 0, queries: n, perQuery };
}

/** A BEIR / TREC qrels file: `qid docid rel` (TSV, optional header) or `qid iter docid rel`. */
export function parseQrels(text: string): Map<string, Map<string, number>> {
  const qrels = new Map<string, Map<string, number>>();
  for (const line of text.split(/\r?\n/)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 3 || fields[0] === '') continue;
    const [qid, docid, rel] = fields.length >= 4 ? [fields[0]!, fields[2]!, fields[3]!] : [fields[0]!, fields[1]!, fields[2]!];
    const value = Number(rel);
    if (!Number.isFinite(value)) continue; // the header line "query-id corpus-id score"
    let judged = qrels.get(qid);
    if (!judged) qrels.set(qid, (judged = new Map()));
    judged.set(docid, value);
  }
  return qrels;
}

/**
 * A TREC run file body, `qid Q0 docid rank score tag`, results in trec_eval order. Scores are
 * written with a fixed number of decimals; read the file back with parseRun to score exactly
 * what trec_eval would read (rounding can create ties that the in-memory scores did not have).
 */
export function formatRun(run: Run, tag: string, decimals = 6): string {
  const lines: string[] = [];
  for (const [qid, entries] of run) {
    trecOrder(entries).forEach((entry, i) => {
      lines.push(`${qid} Q0 ${entry.docid} ${i + 1} ${entry.score.toFixed(decimals)} ${tag}`);
    });
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

export function parseRun(text: string): Map<string, RunEntry[]> {
  const run = new Map<string, RunEntry[]>();
  for (const line of text.split(/\r?\n/)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 6) continue;
    const [qid, , docid, , score] = fields as [string, string, string, string, string];
    let entries = run.get(qid);
    if (!entries) run.set(qid, (entries = []));
    entries.push({ docid, score: Number(score) });
  }
  return run;
}
