/**
 * The three engines the speed bench compares, behind one shape: build, query, export, import.
 * Each runs in its own child process (bench/speed/worker.ts), so their heaps never mix.
 */
import { Charset, Index } from 'flexsearch';
import MiniSearch from 'minisearch';
import type { Paper } from '../../src/core/paper.js';
import { allPapers, loadSearchIndex, searchPapers, serializeIndex, type SearchIndex, type SerializedBytes } from '../../src/core/search/search-index.js';
import { DEFAULT_SEARCH_SETTINGS } from '../../src/core/search/search-settings.js';
import { createIndexBuilder } from '../../src/corpus/index-builder.js';
import type { QueryKind } from './queries.js';

export type EngineName = 'paperboy' | 'minisearch' | 'flexsearch';
export const ENGINE_NAMES: readonly EngineName[] = ['paperboy', 'minisearch', 'flexsearch'];

export interface QueryAnswer {
  /** How many answers are shown, at most the limit asked. */
  readonly shown: number;
  /** The paper ids shown, best first. */
  readonly ids: readonly string[];
  /** True when the engine cut the query short at its work budget (paperboy's outcome.partial). */
  readonly partial?: boolean;
  /** Every paper the query matched, when the engine says (null when it only returns the page). */
  readonly total: number | null;
}

export interface Engine {
  readonly name: EngineName;
  /** How it is configured and queried, for the report. */
  readonly description: string;
  /** paperboy's builds in a worker thread (as the bot does without a snapshot), so it returns a promise. */
  build(papers: readonly Paper[]): void | Promise<void>;
  /**
   * Bytes the built index holds that process.memoryUsage() does not count: buffers transferred
   * from a worker thread are in no isolate's arrayBuffers figure (checked on Node 20).
   */
  uncountedBytes?(): number;
  /** The query of that kind answered, `limit` shown; null when the engine has no such query. */
  query(kind: QueryKind, query: string, limit?: number): QueryAnswer | null;
  /** Parses every paper a snapshot-loaded index holds as bytes (the bot's state after the store copy). */
  parseAll?(): void;
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
  let transferred = 0;
  const ask = (_kind: QueryKind, query: string, limit = LIMIT): QueryAnswer => {
    const outcome = searchPapers(index!, query, { limit });
    return outcome.kind === 'results' ? { shown: outcome.hits.length, ids: outcome.hits.map((h) => h.paper.id), total: outcome.total, partial: outcome.partial !== undefined } : { shown: 0, ids: [], total: 0 };
  };
  return {
    name: 'paperboy',
    description:
      'built as the bot builds without a snapshot: in the index builder\'s worker thread (createIndexBuilder().index, DEFAULT_SEARCH_SETTINGS), loaded on the main thread in ~15 ms slices; ' +
      'searchPapers(index, q, { limit: 5 }) for every set (typo tolerance, "phrases" and -words are its own query syntax); snapshot serializeIndex / loadSearchIndex from the parts as bytes, as the bot reads them from its file',
    build: async (papers) => {
      const builder = createIndexBuilder();
      try {
        const built = await builder.index(papers, DEFAULT_SEARCH_SETTINGS);
        index = built.index;
        transferred = built.transferredBytes;
      } finally {
        await builder.close();
      }
    },
    uncountedBytes: () => (index ? transferred : 0),
    query: ask,
    parseAll: () => {
      allPapers(index!);
    },
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
  const answer = (results: readonly { id: unknown }[], limit: number): QueryAnswer => {
    const shown = results.slice(0, limit);
    return { shown: shown.length, ids: shown.map((r) => String(r.id)), total: results.length };
  };
  const words = (query: string): string => query.replace(/"/g, ' ');
  return {
    name: 'minisearch',
    description:
      "new MiniSearch({ fields: ['title', 'abstract'], storeFields: [] }) + addAll; exact: search(q); " +
      'typo: search(q, { fuzzy: 0.2, prefix: true }); phrase: search(words, { combineWith: "AND" }) (it has no positions: every word, in any order, a looser match than a phrase); ' +
      "exclusion: search({ combineWith: 'AND_NOT', queries: [words, excluded] }); first 5 results kept; snapshot JSON.stringify(ms) / MiniSearch.loadJSON",
    build: (papers) => {
      ms = new MiniSearch<Paper>(MINISEARCH_OPTIONS);
      ms.addAll(papers);
    },
    query: (kind, query, limit = LIMIT) => {
      switch (kind) {
        case 'exact':
          return answer(ms!.search(query), limit);
        case 'typo':
          return answer(ms!.search(query, { fuzzy: 0.2, prefix: true }), limit);
        case 'phrase':
          return answer(ms!.search(words(query), { combineWith: 'AND' }), limit);
        case 'exclusion': {
          const parts = query.split(' ');
          const positive = parts.filter((w) => !w.startsWith('-')).join(' ');
          const excluded = parts.filter((w) => w.startsWith('-')).map((w) => w.slice(1));
          return answer(ms!.search({ combineWith: 'AND_NOT', queries: [positive, ...excluded] }), limit);
        }
      }
    },
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
  let ids: readonly string[] = [];
  const ask = (query: string, limit: number): QueryAnswer => {
    const found = index!.search(query, { limit, suggest: true }) as number[];
    return { shown: found.length, ids: found.map((i) => ids[i]!), total: null };
  };
  return {
    name: 'flexsearch',
    description:
      "new Index({ tokenize: 'strict', encoder: Charset.LatinBalance }), add(i, title + ' ' + abstract) with numeric ids; " +
      'search(q, { limit: 5, suggest: true }) for the exact and typo sets (LatinBalance is its typo handling; it has no phrase or exclusion query, so those sets are n/a); ' +
      'snapshot index.export((key, data) => ...) collected into one JSON object / new Index(same options) + import(key, data)',
    build: (papers) => {
      index = new Index(FLEX_OPTIONS);
      ids = papers.map((p) => p.id);
      papers.forEach((p, i) => index!.add(i, `${p.title} ${p.abstract}`));
    },
    query: (kind, query, limit = LIMIT) => (kind === 'exact' || kind === 'typo' ? ask(query, limit) : null),
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
