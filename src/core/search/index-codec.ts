/**
 * An index as bytes and back: the index JSON, the typed arrays as one raw block
 * (array-block.ts) and the papers as JSON lines, which a snapshot file (src/corpus/snapshot.ts)
 * stores one after the other.
 */
import { arrayBlockChunks, arraySlots, packArraysSteps, viewArray, type ArraySlot, type TypedArray } from './array-block.js';
import { createFrozenPostingsSteps, type FrozenPostings } from './frozen-postings.js';
import { wordListSteps, type WordList } from './word-list.js';
import { assemble, FIELDS, type SearchIndex } from './index-shape.js';
import { lazyPapersSteps, paperLine, type PaperList } from './paper-list.js';
import { jsonPiecesSteps } from './json-pieces.js';
import { createPhrasePositions, type PhrasePositions } from './phrase-positions.js';
import { SearchError, SnapshotError } from './search-errors.js';
import { DEFAULT_SEARCH_SETTINGS, settingsFingerprint, type SearchSettings } from './search-settings.js';
import { runSteps, ticker, type Steps } from './work-steps.js';

const SNAPSHOT_FORMAT = 'paperboy-index-snapshot';
/** The one format version of a snapshot: of the index's parts and of the file that holds them. */
const SNAPSHOT_VERSION = 10;

/** What names a snapshot as one this build can use: the format, its version, the settings. */
export interface SnapshotStamp {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly version: typeof SNAPSHOT_VERSION;
  /** settingsFingerprint of the settings the index was built with. */
  readonly fingerprint: string;
}

export function snapshotStamp(fingerprint: string): SnapshotStamp {
  return { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, fingerprint };
}

/**
 * Why a stamp (the index JSON's, or a snapshot file's header) is not one of an index this
 * build can use with these settings, or null when it is: the one check of format, version and
 * settings, for the index JSON here and the file header in src/corpus/snapshot.ts.
 */
export function stampProblem(stamp: Partial<SnapshotStamp> | null, settings: SearchSettings): SnapshotError | null {
  if (stamp === null || typeof stamp !== 'object' || stamp.format !== SNAPSHOT_FORMAT) {
    return new SnapshotError('foreign', 'this is not a paperboy index snapshot');
  }
  if (stamp.version !== SNAPSHOT_VERSION) {
    return new SnapshotError('version', `index snapshot format ${String(stamp.version)} is not ${SNAPSHOT_VERSION}`);
  }
  const expected = settingsFingerprint(settings);
  if (stamp.fingerprint !== expected) {
    return new SnapshotError('settings', `the index snapshot was built with other search settings (${String(stamp.fingerprint)}, expected ${expected})`);
  }
  return null;
}

/** The frozen postings in a snapshot's JSON; their typed arrays are in the array block. */
interface SnapshotPostings {
  readonly fields: readonly string[];
  readonly documentCount: number;
  readonly avgFieldLengths: readonly number[];
  readonly terms: readonly string[];
  /** 1, 2 or 4: the width of the term frequencies in bytes. */
  readonly freqBytes: number;
}

/**
 * The snapshot's typed arrays, by name: the paper line offsets (line i of the papers section is
 * bytes paperOffsets[i] .. paperOffsets[i+1]; a section past 4 GiB is refused when written),
 * the frozen postings' arrays, and the term number of each typo-correction word.
 */
type ArrayName = 'paperOffsets' | 'offsets' | 'docs' | 'freqs' | 'fieldLengths' | 'wordTerms' | 'phraseStarts' | 'phraseBytes' | 'phraseDocCounts' | 'phraseCommon';

interface Snapshot extends SnapshotStamp {
  /** Paper ids in corpus order (paper i has short id i). */
  readonly ids: readonly string[];
  readonly postings: SnapshotPostings;
  /** The typo-correction vocabulary: folded words (their terms by number, in wordTerms). */
  readonly words: readonly string[];
  /** The phrase tokens, sorted (their runs are in the array block). */
  readonly phraseTokens: readonly string[];
  /** Where each typed array is in the array block. */
  readonly arrays: Readonly<Record<ArrayName, ArraySlot>>;
}

/**
 * A serialized index, in three parts that a snapshot file stores one after the other: the
 * index JSON (ASCII), the typed arrays as raw bytes (array-block.ts), and the papers, one JSON
 * line each (ASCII), so a load parses the JSON, views the arrays in place and leaves the papers
 * as bytes until they are needed (paper-list.ts).
 */
export interface SerializedIndex {
  readonly json: string;
  readonly arrays: Uint8Array;
  readonly papers: string;
}

/** The same parts as read back from a file: bytes, each part in a buffer of its own. */
export interface SerializedBytes {
  readonly json: Uint8Array;
  readonly arrays: Uint8Array;
  readonly papers: Uint8Array;
}

/**
 * The same parts as runs of byte chunks, each part the concatenation of its chunks: what the
 * running bot writes to its snapshot, made in steps that never handle more than a piece at a
 * time. The array chunks view the index's own arrays (array-block.ts): no copy.
 */
export interface SerializedChunks {
  readonly json: readonly Uint8Array[];
  readonly arrays: readonly Uint8Array[];
  readonly papers: readonly Uint8Array[];
}

/** The whole index, papers included, so start-up from a snapshot needs no corpus parse. */
export function serializeIndex(index: SearchIndex): SerializedIndex {
  return runSteps(serializeIndexStringsSteps(index));
}

function* serializeIndexStringsSteps(index: SearchIndex): Steps<SerializedIndex> {
  const json: string[] = [];
  const papers: string[] = [];
  const arrays = yield* serializedPiecesSteps(index, (section, text) => (section === 'json' ? json : papers).push(text));
  const { bytes } = yield* packArraysSteps(arrays);
  return { json: json.join(''), arrays: bytes, papers: papers.join('') };
}

/**
 * serializeIndex's parts as byte chunks, in bounded steps (see work-steps.ts), so the running
 * bot can refresh its snapshot after a merge while it serves: the papers' lines and the JSON
 * made and encoded ~256 KB at a time, the arrays not copied at all.
 */
export function* serializeIndexChunksSteps(index: SearchIndex): Steps<SerializedChunks> {
  const encoder = new TextEncoder();
  const json: Uint8Array[] = [];
  const papers: Uint8Array[] = [];
  const arrays = yield* serializedPiecesSteps(index, (section, text) => (section === 'json' ? json : papers).push(encoder.encode(text)));
  return { json, arrays: arrayBlockChunks(arrays).chunks, papers };
}

/** Characters of papers' lines, and of the JSON, in one piece (each made and encoded in well under 1 ms). */
const PAPER_PIECE_CHARS = 256 * 1024;
const JSON_PIECE_CHARS = 256 * 1024;

/** Papers' lines, or words, made between two yields. */
const ITEMS_PER_STEP = 200;

/**
 * The index's papers' lines and JSON (both ASCII) handed to `piece` in pieces, in order, a yield
 * after each; returns the typed arrays the JSON places in the array block. The pieces of each
 * section joined are the section's text; one join of 100,000 lines (~180 MB), or one string of
 * the JSON, holds the event loop for a few hundred ms.
 */
function* serializedPiecesSteps(index: SearchIndex, piece: (section: 'json' | 'papers', text: string) => void): Steps<Record<ArrayName, TypedArray>> {
  const tick = ticker(ITEMS_PER_STEP);
  const p = index.postings;
  let lines: string[] = [];
  let chars = 0;
  const paperOffsets = new Uint32Array(index.papers.length + 1);
  let end = 0;
  for (let i = 0; i < index.papers.length; i++) {
    const line = `${paperLine(index.papers.at(i), asciiJson)}\n`;
    end += line.length;
    if (end > 0xffffffff) throw new SearchError('too-large', 'the papers take more than 4 GiB, more than a snapshot can hold');
    paperOffsets[i + 1] = end;
    lines.push(line);
    chars += line.length;
    if (chars >= PAPER_PIECE_CHARS) {
      piece('papers', lines.join(''));
      lines = [];
      chars = 0;
      yield;
    } else if (tick()) yield;
  }
  if (lines.length > 0) piece('papers', lines.join(''));
  const words: string[] = [];
  const wordTerms = new Uint32Array(index.words.size);
  for (const [word, t] of index.words) {
    wordTerms[words.length] = t;
    words.push(word);
    if (tick()) yield;
  }
  const arrays: Record<ArrayName, TypedArray> = {
    paperOffsets,
    offsets: p.offsets,
    docs: p.docs,
    freqs: p.freqs,
    fieldLengths: p.fieldLengths,
    wordTerms,
    phraseStarts: index.phrases.starts,
    phraseBytes: index.phrases.bytes,
    phraseDocCounts: index.phrases.docCounts,
    phraseCommon: index.phrases.common,
  };
  const snapshot: Snapshot = {
    ...snapshotStamp(index.fingerprint),
    ids: index.papers.ids,
    postings: {
      fields: p.fields,
      documentCount: p.documentCount,
      avgFieldLengths: Array.from(p.avgFieldLengths),
      terms: p.terms,
      freqBytes: p.freqs.BYTES_PER_ELEMENT,
    },
    words,
    phraseTokens: index.phrases.tokens,
    arrays: arraySlots(arrays),
  };
  // Escaped a piece at a time: asciiJson maps characters one by one, and a piece ends between two of them.
  yield* jsonPiecesSteps(snapshot, (text) => piece('json', asciiJson(text)), JSON_PIECE_CHARS);
  return arrays;
}

/**
 * The JSON with every non-ASCII character written as a \u escape: the same JSON value, but a
 * text Node decodes from the file's bytes on its ASCII fast path. Measured at 100,000 papers
 * (312 MB, 123k non-ASCII characters, mostly accents): decoding the bytes 1.0 s -> 0.2 s and
 * JSON.parse 0.85 s -> 0.69 s, for 0.6 s more when writing the snapshot. (Surrogate pairs become
 * two escapes, which JSON.parse joins back into the same string.)
 */
function asciiJson(json: string): string {
  return json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

/**
 * Loads an index serialized by serializeIndex, from its parts as written or as read back as
 * bytes: only the JSON is parsed, the arrays are viewed where they lie, the papers stay bytes.
 * Throws when it is corrupt, from another format version, or built with other settings or
 * another analyzer: the caller should rebuild. A paper line is checked in full when first
 * parsed, and a damaged one throws then, with the same advice.
 */
export function loadSearchIndex(serialized: SerializedIndex | SerializedBytes, settings: SearchSettings = DEFAULT_SEARCH_SETTINGS): SearchIndex {
  return runSteps(loadSearchIndexSteps(serialized, settings));
}

/** loadSearchIndex in bounded steps but for the JSON's parse (one step: a small index's, say a segment's). */
export function* loadSearchIndexSteps(serialized: SerializedIndex | SerializedBytes, settings: SearchSettings): Steps<SearchIndex> {
  const json = typeof serialized.json === 'string' ? serialized.json : new TextDecoder().decode(serialized.json);
  let snapshot: unknown;
  try {
    snapshot = JSON.parse(json);
  } catch (error) {
    throw new SnapshotError('not-json', `the index snapshot is not valid JSON (${(error as Error).message})`);
  }
  yield;
  return yield* loadParsedIndexSteps({ json: snapshot, arrays: serialized.arrays, papers: serialized.papers }, settings);
}

/** The long string lists of an index's JSON, which indexJsonPieces hands over in chunks. */
const LISTS = ['ids', 'words', 'phraseTokens', 'terms'] as const;
type ListName = (typeof LISTS)[number];

/** An index's JSON, parsed, as its long string lists (chunks of at most `chunk` strings) and the rest. */
export interface IndexJsonPieces {
  /** The JSON with its long lists left empty. */
  readonly head: unknown;
  readonly chunks: readonly { readonly list: ListName; readonly items: readonly string[] }[];
}

/**
 * A serialized index's JSON in pieces another thread can be sent one message at a time: each
 * message is copied in one go on arrival, and the JSON of 100,000 papers holds ~830,000 strings
 * (structured clone or JSON.parse of it all: ~100 ms at once).
 */
export function indexJsonPieces(json: string, chunk: number): IndexJsonPieces {
  const snapshot = JSON.parse(json) as Snapshot;
  const lists: Record<ListName, readonly string[]> = { ids: snapshot.ids, words: snapshot.words, phraseTokens: snapshot.phraseTokens, terms: snapshot.postings.terms };
  const chunks: { list: ListName; items: string[] }[] = [];
  for (const list of LISTS) for (let i = 0; i < lists[list].length; i += chunk) chunks.push({ list, items: lists[list].slice(i, i + chunk) });
  return { head: { ...snapshot, ids: [], words: [], phraseTokens: [], postings: { ...snapshot.postings, terms: [] } }, chunks };
}

/** The parsed JSON indexJsonPieces split, put back together, a chunk a step. */
export function* joinIndexJsonSteps(pieces: IndexJsonPieces): Steps<unknown> {
  const head = pieces.head as Snapshot;
  const lists: Record<ListName, string[]> = { ids: [], words: [], phraseTokens: [], terms: [] };
  for (const { list, items } of pieces.chunks) {
    const into = lists[list];
    for (const item of items) into.push(item);
    yield;
  }
  return { ...head, ids: lists.ids, words: lists.words, phraseTokens: lists.phraseTokens, postings: { ...head.postings, terms: lists.terms } };
}

/**
 * loadSearchIndex from the index JSON already parsed (from bytes in a buffer of their own for
 * the papers), in bounded steps: the running bot loads an index built in a worker thread this way
 * while it serves.
 */
export function* loadParsedIndexSteps(serialized: { readonly json: unknown; readonly arrays: Uint8Array; readonly papers: string | Uint8Array }, settings: SearchSettings): Steps<SearchIndex> {
  const paperBytes = typeof serialized.papers === 'string' ? new TextEncoder().encode(serialized.papers) : serialized.papers;
  const block = serialized.arrays;
  const snapshot = serialized.json as Snapshot;
  const refused = stampProblem(snapshot, settings);
  if (refused !== null) throw refused;
  const p = snapshot.postings as Partial<SnapshotPostings> | undefined;
  const ids = snapshot.ids;
  const slots = (snapshot.arrays ?? {}) as Partial<Record<ArrayName, ArraySlot>>;
  if (
    !isStringArray(ids) ||
    !isStringArray(snapshot.words) ||
    !isStringArray(snapshot.phraseTokens) ||
    typeof p !== 'object' ||
    p === null ||
    !isStringArray(p.fields) ||
    !isStringArray(p.terms) ||
    !Array.isArray(p.avgFieldLengths) ||
    !p.avgFieldLengths.every((a) => typeof a === 'number')
  ) {
    throw new SnapshotError('incomplete', 'the index snapshot is incomplete');
  }
  if (p.documentCount !== ids.length) {
    throw new SnapshotError('corrupt', `the index snapshot holds ${String(p.documentCount)} indexed documents for ${ids.length} papers`);
  }
  if (p.fields.join() !== FIELDS.join()) {
    throw new SnapshotError('corrupt', `the index snapshot has fields ${p.fields.join(', ')}, not ${FIELDS.join(', ')}`);
  }
  let papers: PaperList;
  let postings: FrozenPostings;
  let words: WordList;
  let phrases: PhrasePositions;
  try {
    yield;
    papers = yield* lazyPapersSteps(ids, viewArray(block, slots.paperOffsets, Uint32Array, 'the paper line offsets'), paperBytes, asciiJson);
    yield;
    const freqType = p.freqBytes === 1 ? Uint8Array : p.freqBytes === 2 ? Uint16Array : p.freqBytes === 4 ? Uint32Array : null;
    if (!freqType) throw new SearchError('inconsistent', `term frequencies of ${String(p.freqBytes)} bytes`);
    postings = yield* createFrozenPostingsSteps({
      fields: p.fields,
      documentCount: ids.length,
      documentIds: ids,
      terms: p.terms,
      offsets: viewArray(block, slots.offsets, Uint32Array, 'the postings offsets'),
      docs: viewArray(block, slots.docs, Int32Array, 'the postings'),
      freqs: viewArray<Uint8Array | Uint16Array | Uint32Array>(block, slots.freqs, freqType, 'the term frequencies'),
      fieldLengths: viewArray(block, slots.fieldLengths, Uint32Array, 'the field lengths'),
      avgFieldLengths: Float64Array.from(p.avgFieldLengths),
    });
    const wordTerms = viewArray(block, slots.wordTerms, Uint32Array, 'the word terms');
    const { terms } = postings;
    for (let i = 0; i < wordTerms.length; i++) {
      if (wordTerms[i]! >= terms.length) throw new SearchError('inconsistent', `the word "${snapshot.words[i]}" has no term`);
    }
    yield;
    // The words as JSON.parse gave them: the list is the array itself (checked in order).
    words = yield* wordListSteps(snapshot.words, wordTerms);
    yield;
    phrases = createPhrasePositions({
      tokens: snapshot.phraseTokens,
      starts: viewArray(block, slots.phraseStarts, Uint32Array, 'the phrase offsets'),
      bytes: viewArray(block, slots.phraseBytes, Uint8Array, 'the phrase positions'),
      docCounts: viewArray(block, slots.phraseDocCounts, Uint32Array, 'the phrase paper counts'),
      common: viewArray(block, slots.phraseCommon, Uint32Array, 'the common words'),
      documentCount: ids.length,
    });
  } catch (error) {
    const detail = error instanceof SearchError ? error.detail : (error as Error).message;
    throw new SnapshotError('corrupt', `the index snapshot is corrupt (${detail})`);
  }
  return assemble(settings, papers, postings, phrases, words);
}
