/**
 * Typed arrays stored as raw bytes, back to back in one block, for the index snapshot.
 *
 * Why raw bytes: at 100,000 papers the postings are ~75 MB. As base64 inside the snapshot's
 * JSON they cost a text decode, a JSON.parse over 100 MB of string and a base64 decode at
 * every start (~0.4 s with the garbage they left); as raw bytes a load is a file read and a
 * view per array, no copy.
 *
 * Each array starts at a multiple of 8 bytes, so a view over a block read into a buffer of its
 * own (offset 0) is always aligned. Bytes are in the platform's order; every platform Node runs
 * paperboy on is little-endian, and a big-endian one is refused rather than served scrambled
 * postings.
 *
 * Pure: Uint8Array and typed arrays only.
 */
import { SearchError } from './search-errors.js';
import { runSteps, type Steps } from './work-steps.js';

export type TypedArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;

export interface TypedArrayClass<T extends TypedArray> {
  readonly BYTES_PER_ELEMENT: number;
  new (buffer: ArrayBuffer, byteOffset: number, length: number): T;
}

/** Where an array lies in the block: byte offset, and length in elements. */
export interface ArraySlot {
  readonly offset: number;
  readonly length: number;
}

const ALIGN = 8;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const fail = (what: string): never => {
  throw new SearchError('inconsistent', what);
};

function checkEndianness(): void {
  if (!LITTLE_ENDIAN) throw new SearchError('unsupported-platform', 'index snapshots are little-endian; this platform is not');
}

/** The arrays' bytes in one block, and each array's slot in it. */
export function packArrays<K extends string>(arrays: Readonly<Record<K, TypedArray>>): { bytes: Uint8Array; slots: Record<K, ArraySlot> } {
  return runSteps(packArraysSteps(arrays));
}

/** Bytes copied between two yields of packArraysSteps (~1 ms), and the most one chunk of arrayBlockChunks holds. */
const COPY_BYTES_PER_STEP = 4 * 1024 * 1024;

/** Each array's slot in the block (as packArrays places it), and the block's size. */
function slotsOf<K extends string>(arrays: Readonly<Record<K, TypedArray>>): { slots: Record<K, ArraySlot>; size: number } {
  const slots = {} as Record<K, ArraySlot>;
  let size = 0;
  for (const name of Object.keys(arrays) as K[]) {
    slots[name] = { offset: size, length: arrays[name].length };
    size += Math.ceil(arrays[name].byteLength / ALIGN) * ALIGN;
  }
  return { slots, size };
}

/** packArrays in bounded steps: the copy of ~150 MB of postings and positions, a few MB at a time. */
export function* packArraysSteps<K extends string>(arrays: Readonly<Record<K, TypedArray>>): Steps<{ bytes: Uint8Array; slots: Record<K, ArraySlot> }> {
  checkEndianness();
  const { slots, size } = slotsOf(arrays);
  const bytes = new Uint8Array(size);
  for (const name of Object.keys(arrays) as K[]) {
    const array = arrays[name];
    const source = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    for (let from = 0; from < source.byteLength; from += COPY_BYTES_PER_STEP) {
      bytes.set(source.subarray(from, from + COPY_BYTES_PER_STEP), slots[name].offset + from);
      yield;
    }
  }
  return { bytes, slots };
}

/** Where packArrays would place each array. */
export function arraySlots<K extends string>(arrays: Readonly<Record<K, TypedArray>>): Record<K, ArraySlot> {
  return slotsOf(arrays).slots;
}

const PADDING = new Uint8Array(ALIGN);

/**
 * The block packArrays makes, as chunks of at most 4 MiB that view the arrays' own bytes (and
 * zero padding between them): a file can take the block from them without the ~150 MB copy.
 * The chunks are only as constant as the arrays are.
 */
export function arrayBlockChunks<K extends string>(arrays: Readonly<Record<K, TypedArray>>): { chunks: Uint8Array[]; slots: Record<K, ArraySlot>; size: number } {
  checkEndianness();
  const { slots, size } = slotsOf(arrays);
  const chunks: Uint8Array[] = [];
  for (const name of Object.keys(arrays) as K[]) {
    const array = arrays[name];
    const source = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    for (let from = 0; from < source.byteLength; from += COPY_BYTES_PER_STEP) chunks.push(source.subarray(from, from + COPY_BYTES_PER_STEP));
    const pad = Math.ceil(array.byteLength / ALIGN) * ALIGN - array.byteLength;
    if (pad > 0) chunks.push(PADDING.subarray(0, pad));
  }
  return { chunks, slots, size };
}

/**
 * The array in `slot` of the block, as a view when the block is aligned (a buffer of its own),
 * else as a copy. Throws, naming `what`, when the slot is malformed or outside the block.
 */
export function viewArray<T extends TypedArray>(block: Uint8Array, slot: unknown, type: TypedArrayClass<T>, what: string): T {
  checkEndianness();
  const s = slot as Partial<ArraySlot> | null | undefined;
  if (typeof s !== 'object' || s === null) return fail(`${what} is missing`);
  const { offset, length } = s;
  const size = type.BYTES_PER_ELEMENT;
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset! < 0 || length! < 0 || offset! % ALIGN !== 0) {
    return fail(`${what} has no valid place in the snapshot`);
  }
  if (offset! + length! * size > block.byteLength) return fail(`${what} runs past the end of the snapshot's arrays`);
  const start = block.byteOffset + offset!;
  if (start % size === 0) return new type(block.buffer as ArrayBuffer, start, length!);
  const copy = block.slice(offset!, offset! + length! * size);
  return new type(copy.buffer, 0, length!);
}
