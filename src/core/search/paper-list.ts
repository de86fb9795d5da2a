/**
 * The index's papers, in corpus order: either held as objects (an index just built), or kept as
 * the snapshot's bytes, one JSON line per paper, and parsed one at a time when first needed.
 *
 * Why: at 100,000 papers, JSON.parse of every paper was ~0.55 s of a ~2.2 s start-up, yet a
 * query only ever shows a handful of them. The bytes (ASCII, one Uint8Array) plus an array of
 * line offsets are ~180 MB outside the V8 heap, about what the parsed papers cost inside it.
 * Once every paper has been parsed (the digest and the store take them all) the bytes are
 * dropped, so memory never holds both for long.
 *
 * Pure: Uint8Array and TextDecoder only, no Node APIs.
 */
import { SearchError, SnapshotError } from './search-errors.js';
import type { ListingDate, Paper } from '../paper.js';
import { runSteps, type Steps } from './work-steps.js';

export interface PaperList {
  readonly length: number;
  /** Paper id by corpus position (always held: the postings and lookups need them). */
  readonly ids: readonly string[];
  /** The corpus position of a paper id. */
  position(id: string): number | undefined;
  /** The paper with this id, parsed now if it was not yet. */
  get(id: string): Paper | undefined;
  /** The paper at this corpus position. */
  at(position: number): Paper;
  /** Every paper in corpus order; parses all the ones not parsed yet (a one-off cost). */
  all(): readonly Paper[];
}

const fail = (what: string): never => {
  throw new SearchError('inconsistent', what);
};

/** Position by id; a repeated id is refused, named by `describe` (the id, or more when known). */
/** Ids put in a map between two yields of positionsOfSteps (well under 1 ms, but for the map's growth). */
const IDS_PER_STEP = 2_000;

function* positionsOfSteps(ids: readonly string[], describe: (i: number) => string): Steps<Map<string, number>> {
  const positions = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (positions.has(id)) throw new SearchError('duplicate-id', `duplicate paper id ${describe(i)}`);
    positions.set(id, i);
    if (i % IDS_PER_STEP === IDS_PER_STEP - 1) yield;
  }
  return positions;
}

/** Papers already in memory: an index built from a corpus. */
export function heldPapers(papers: readonly Paper[]): PaperList {
  return runSteps(heldPapersSteps(papers));
}

/** heldPapers in bounded steps: in one go, the id map of 100,000 papers holds the event loop ~50 ms. */
export function* heldPapersSteps(papers: readonly Paper[]): Steps<PaperList> {
  const ids: string[] = [];
  for (let i = 0; i < papers.length; i++) {
    ids.push(papers[i]!.id);
    if (i % IDS_PER_STEP === IDS_PER_STEP - 1) yield;
  }
  const positions = yield* positionsOfSteps(ids, (i) => `${ids[i]} ("${papers[i]!.title}")`);
  return {
    length: papers.length,
    ids,
    position: (id) => positions.get(id),
    get: (id) => {
      const i = positions.get(id);
      return i === undefined ? undefined : papers[i];
    },
    at: (i) => papers[i] ?? fail(`no paper at position ${i}`),
    all: () => papers,
  };
}

/**
 * The JSON line of a paper: `id` first, so a loader can check every line's id without parsing
 * it, and ASCII only (`ascii` escapes the rest) for the decoder's fast path.
 */
export function paperLine(paper: Paper, ascii: (json: string) => string): string {
  const { id, ...rest } = paper;
  return ascii(JSON.stringify({ id, ...rest }));
}

/** What the papers section of a snapshot starts with for a paper, as `paperLine` writes it. */
function linePrefix(id: string, ascii: (json: string) => string): string {
  return `{"id":${ascii(JSON.stringify(id))},`;
}

const ID_OPEN = '{"id":"';

const EMPTY: readonly never[] = Object.freeze([]);

/**
 * What JSON.parse makes many copies of across 100,000 papers, made one: every empty list, the
 * same listing date, the same seed page name, the same category. ~150 bytes a paper of small
 * objects and strings, ~15 MB at 100,000 papers; the papers are read-only, so sharing is safe.
 */
class Interner {
  private readonly strings = new Map<string, string>();
  private readonly dates = new Map<number, ListingDate>();

  string(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    // Only short, repeated strings come here (page names, categories, origins): bounded by the corpus's variety.
    this.strings.set(value, value);
    return value;
  }

  date(value: ListingDate | null): ListingDate | null {
    if (value === null || typeof value !== 'object') return value;
    const key = value.month * 32 + value.day;
    const known = this.dates.get(key);
    if (known && known.month === value.month && known.day === value.day) return known;
    const frozen = Object.freeze({ month: value.month, day: value.day });
    this.dates.set(key, frozen);
    return frozen;
  }

  list<T>(value: readonly T[] | undefined, item: (x: T) => T): readonly T[] | undefined {
    if (!Array.isArray(value)) return value;
    if (value.length === 0) return EMPTY;
    for (let i = 0; i < value.length; i++) (value as T[])[i] = item(value[i]!);
    return value;
  }

  paper(paper: Paper): Paper {
    const p = paper as { -readonly [K in keyof Paper]: Paper[K] };
    const same = <T>(x: T): T => x;
    const str = (x: string): string => (typeof x === 'string' ? this.string(x) : x);
    p.listedOn = this.date(p.listedOn);
    p.sources = this.list(p.sources, (s) => (s && typeof s === 'object' ? { file: str(s.file), line: s.line, listedOn: this.date(s.listedOn) } : s))!;
    p.codeLinks = this.list(p.codeLinks, same)!;
    p.otherLinks = this.list(p.otherLinks, same)!;
    if (p.authors !== undefined) p.authors = this.list(p.authors, same);
    if (p.categories !== undefined) p.categories = this.list(p.categories, str);
    if (p.keywords !== undefined) p.keywords = this.list(p.keywords, same);
    if (p.origins !== undefined) p.origins = this.list(p.origins, (o) => str(o) as typeof o);
    return paper;
  }
}

/** Whether bytes start..end (a line) open as `paperLine` writes paper `id`. */
function opensWithId(bytes: Uint8Array, start: number, end: number, id: string, ascii: (json: string) => string): boolean {
  // Ids are printable ASCII without quote or backslash (in every corpus so far), which JSON
  // writes as they are: compare them in place. Building the JSON prefix of each of 100,000 ids
  // was ~40 ms of a start-up; ids needing escapes still take that way.
  let plain = true;
  for (let k = 0; k < id.length && plain; k++) {
    const c = id.charCodeAt(k);
    plain = c >= 0x20 && c <= 0x7e && c !== 0x22 && c !== 0x5c;
  }
  const prefix = plain ? ID_OPEN : linePrefix(id, ascii);
  if (end - start <= prefix.length + (plain ? id.length + 2 : 0)) return false;
  for (let k = 0; k < prefix.length; k++) if (bytes[start + k] !== prefix.charCodeAt(k)) return false;
  if (!plain) return true;
  const at = start + prefix.length;
  for (let k = 0; k < id.length; k++) if (bytes[at + k] !== id.charCodeAt(k)) return false;
  return bytes[at + id.length] === 0x22 && bytes[at + id.length + 1] === 0x2c;
}

/**
 * Papers kept as the bytes of their JSON lines (`bytes`: line i is offsets[i] .. offsets[i+1],
 * the last byte its newline), parsed on demand and memoized. Checked now, so a damaged section
 * is refused at load rather than found by a query: one offset per paper plus the end, rising,
 * within the bytes, each line closed by a newline and opening with the id the index expects.
 * What a line holds past its id is checked when it is parsed.
 */
export function lazyPapers(ids: readonly string[], offsets: Uint32Array, bytes: Uint8Array, ascii: (json: string) => string): PaperList {
  return runSteps(lazyPapersSteps(ids, offsets, bytes, ascii));
}

/** lazyPapers in bounded steps: checking 100,000 lines and mapping their ids is ~30 ms in one go. */
export function* lazyPapersSteps(ids: readonly string[], offsets: Uint32Array, bytes: Uint8Array, ascii: (json: string) => string): Steps<PaperList> {
  const n = ids.length;
  if (offsets.length !== n + 1) fail(`${offsets.length} paper line offsets for ${n} papers`);
  if (offsets[0] !== 0 || offsets[n] !== bytes.length) fail(`the paper lines span ${offsets[0]}..${offsets[n]} of ${bytes.length} bytes`);
  for (let i = 0; i < n; i++) {
    const start = offsets[i]!;
    const end = offsets[i + 1]!;
    if (end <= start || bytes[end - 1] !== 10) fail(`paper line ${i} (bytes ${start}..${end}) is not a line`);
    if (!opensWithId(bytes, start, end, ids[i]!, ascii)) fail(`paper line ${i} is not paper ${ids[i]}`);
    if (i % IDS_PER_STEP === IDS_PER_STEP - 1) yield;
  }
  const positions = yield* positionsOfSteps(ids, (i) => ids[i]!);
  const parsed: (Paper | undefined)[] = new Array<Paper | undefined>(n);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const interner = new Interner();
  let section: Uint8Array | null = bytes;
  let unparsed = n;

  const at = (i: number): Paper => {
    const known = parsed[i];
    if (known) return known;
    if (!(i >= 0 && i < n) || section === null) return fail(`no paper at position ${i}`);
    let paper: Partial<Paper> | null;
    try {
      paper = JSON.parse(decoder.decode(section.subarray(offsets[i]!, offsets[i + 1]! - 1))) as Partial<Paper> | null;
    } catch (error) {
      throw new SnapshotError('corrupt', `the index snapshot is corrupt (paper line ${i}: ${(error as Error).message})`);
    }
    if (
      paper === null ||
      typeof paper !== 'object' ||
      paper.id !== ids[i] ||
      typeof paper.title !== 'string' ||
      typeof paper.abstract !== 'string' ||
      typeof paper.searchAliases !== 'string'
    ) {
      throw new SnapshotError('corrupt', `the index snapshot is corrupt (paper line ${i} is not paper ${ids[i]})`);
    }
    parsed[i] = interner.paper(paper as Paper);
    // Every paper is an object now: the bytes are a second copy of them.
    if (--unparsed === 0) section = null;
    return paper as Paper;
  };

  return {
    length: n,
    ids,
    position: (id) => positions.get(id),
    get: (id) => {
      const i = positions.get(id);
      return i === undefined ? undefined : at(i);
    },
    at,
    all: () => {
      for (let i = 0; i < n; i++) at(i);
      return parsed as Paper[];
    },
  };
}
