/**
 * The three engines the speed bench compares, behind one shape: build, query, export, import.
 * Each runs in its own child process (bench/speed/worker.ts), so their heaps never mix.
 */
import { Charset, Index } from 'flexsearch';
import MiniSearch from 'minisearch';
import type { Paper } from '../../src/core/paper.js';
import { buildSearchIndex, loadSearchIndex, searchPapers, serializeIndex, type SearchIndex, type SerializedBytes } from '../../src/core/search/search-index.js';

export type EngineName = 'paperboy' | 'minisearch' | 'flexsearch';
export const ENGINE_NAMES: readonly EngineName[] = ['paperboy', 'minisearch', 'flexsearch'];

export interface QueryAnswer {
  /** Ids (or positions) of the answers shown, at most 5. */
  readonly shown: number;
  /** Every paper the query matched, when the engine says (null when it only returns the page). */
  readonly total: number | null;
}

export interface Engine {
  readonly name: EngineName;
  /** How it is configured and queried, for the report. */
  readonly description: string;
  build(papers: readonly Paper[]): void;
  exact(query: string): QueryAnswer;
  typo(query: string): QueryAnswer;
  /** The index exported (as the engine stores it) and its size, or null when the engine cannot export it. */
  exportIndex(): Exported | null;
  /** Drops the built index so the import is measured without it in memory. */
  drop(): void;
  importIndex(data: unknown): void;
}

export interface Exported {
  readonly bytes: number;
  readonly data: unknown;
}

const text = (json: string): Exported => ({ bytes: Buffer.byteLength(json), data: json });

const LIMIT = 5;

/** paperboy exactly as the bot calls it: searchPapers(index, text, { limit: 5 }), typos built in. */
function paperboy(): Engine {
  let index: SearchIndex | null = null;
  const ask = (query: string): QueryAnswer => {
    const outcome = searchPapers(index!, query, { limit: LIMIT });
    return outcome.kind === 'results' ? { shown: outcome.hits.length, total: outcome.total } : { shown: 0, total: 0 };
  };
  return {
    name: 'paperboy',
    description:
      'buildSearchIndex(papers) with DEFAULT_SEARCH_SETTINGS; searchPapers(index, q, { limit: 5 }) for both sets ' +
      '(typo tolerance is built in); snapshot serializeIndex / loadSearchIndex from the parts as bytes, as the bot reads them from its file',
    build: (papers) => {
      index = buildSearchIndex(papers);
    },
    exact: ask,
    typo: ask,
    exportIndex: () => {
      const { json, arrays, papers } = serializeIndex(index!);
      const bytes: SerializedBytes = { json: Buffer.from(json), arrays, papers: Buffer.from(papers) };
      return { bytes: bytes.json.byteLength + 1 + arrays.byteLength + bytes.papers.byteLength, data: bytes };
    },
    drop: () => {
      index = null;
    },
    importIndex: (data) => {
      index = loadSearchIndex(data as SerializedBytes);
    },
  };
}

const MINISEARCH_OPTIONS = { fields: ['title', 'abstract'], storeFields: [] as string[] };

/** MiniSearch 7 with its defaults; results sliced to the first 5 (it has no limit option). */
function minisearch(): Engine {
  let ms: MiniSearch<Paper> | null = null;
  const answer = (results: readonly unknown[]): QueryAnswer => ({ shown: Math.min(LIMIT, results.slice(0, LIMIT).length), total: results.length });
  return {
    name: 'minisearch',
    description:
      "new MiniSearch({ fields: ['title', 'abstract'], storeFields: [] }) + addAll; exact: search(q); " +
      'typo: search(q, { fuzzy: 0.2, prefix: true }); first 5 results kept; snapshot JSON.stringify(ms) / MiniSearch.loadJSON',
    build: (papers) => {
      ms = new MiniSearch<Paper>(MINISEARCH_OPTIONS);
      ms.addAll(papers);
    },
    exact: (query) => answer(ms!.search(query)),
    typo: (query) => answer(ms!.search(query, { fuzzy: 0.2, prefix: true })),
    exportIndex: () => text(JSON.stringify(ms)),
    drop: () => {
      ms = null;
    },
    importIndex: (data) => {
      ms = MiniSearch.loadJSON<Paper>(data as string, MINISEARCH_OPTIONS);
    },
  };
}

/**
 * FlexSearch 0.8: an Index over "title abstract" with numeric ids (as its docs advise), the
 * default "strict" tokenizer and the LatinBalance encoder (its phonetic normalisation is its
 * typo tolerance), searched with { limit: 5, suggest: true } so a query matches papers holding
 * some of its words, as the other two do. The "tolerant" and "forward" tokenizers were tried at
 * 10k papers: 10x and 5x slower to build and 12x and 4x the heap, so out of reach at 100k.
 */
const FLEX_OPTIONS = { tokenize: 'strict', encoder: Charset.LatinBalance } as const;

function flexsearch(): Engine {
  let index: Index | null = null;
  const ask = (query: string): QueryAnswer => ({ shown: (index!.search(query, { limit: LIMIT, suggest: true }) as unknown[]).length, total: null });
  return {
    name: 'flexsearch',
    description:
      "new Index({ tokenize: 'strict', encoder: Charset.LatinBalance }), add(i, title + ' ' + abstract) with numeric ids; " +
      'search(q, { limit: 5, suggest: true }) for both sets (LatinBalance is its typo handling); ' +
      'snapshot index.export((key, data) => ...) collected into one JSON object / new Index(same options) + import(key, data)',
    build: (papers) => {
      index = new Index(FLEX_OPTIONS);
      papers.forEach((p, i) => index!.add(i, `${p.title} ${p.abstract}`));
    },
    exact: ask,
    typo: ask,
    exportIndex: () => {
      const parts: Record<string, string> = {};
      // Synchronous for an in-memory Index: the handler is called once per chunk before export returns.
      void index!.export((key: string, data: string) => {
        parts[key] = data;
      });
      return text(JSON.stringify(parts));
    },
    drop: () => {
      index = null;
    },
    importIndex: (data) => {
      index = new Index(FLEX_OPTIONS);
      for (const [key, part] of Object.entries(JSON.parse(data as string) as Record<string, string>)) index.import(key, part);
    },
  };
}

export function createEngine(name: EngineName): Engine {
  switch (name) {
    case 'paperboy':
      return paperboy();
    case 'minisearch':
      return minisearch();
    case 'flexsearch':
      return flexsearch();
  }
}
