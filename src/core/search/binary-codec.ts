/**
 * Typed arrays as text, for the JSON index snapshot: base64 of their bytes.
 *
 * The core stays free of Node APIs, so it carries a pure codec; but measured on Node 20 with
 * 60 MB of postings, the pure decoder takes ~200 ms and the pure encoder ~1.8 s, atob + a copy
 * loop ~210 ms and btoa ~800 ms, against ~30 ms each way for Buffer. So the snapshot file code
 * (src/corpus/snapshot.ts) passes Node's Buffer codec in, and the pure one is the fallback for
 * callers without it (tests, other runtimes).
 *
 * Bytes are in the platform's order; every platform Node runs paperboy on is little-endian, and
 * a big-endian one is refused rather than served scrambled postings.
 */

export interface BinaryCodec {
  encode(bytes: Uint8Array): string;
  decode(text: string): Uint8Array;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

/** Standard base64 with padding, in plain JavaScript. */
export const pureBase64: BinaryCodec = {
  encode(bytes) {
    const parts: string[] = [];
    // Chunks keep String.fromCharCode's argument list short.
    const CHUNK = 3 * 8192;
    for (let start = 0; start < bytes.length; start += CHUNK) {
      const end = Math.min(bytes.length, start + CHUNK);
      const codes: number[] = [];
      for (let i = start; i < end; i += 3) {
        const rest = end - i;
        const v = (bytes[i]! << 16) | ((rest > 1 ? bytes[i + 1]! : 0) << 8) | (rest > 2 ? bytes[i + 2]! : 0);
        codes.push(
          ALPHABET.charCodeAt(v >> 18),
          ALPHABET.charCodeAt((v >> 12) & 63),
          rest > 1 ? ALPHABET.charCodeAt((v >> 6) & 63) : 61,
          rest > 2 ? ALPHABET.charCodeAt(v & 63) : 61,
        );
      }
      parts.push(String.fromCharCode(...codes));
    }
    return parts.join('');
  },
  decode(text) {
    if (text.length % 4 !== 0) throw new Error('paperboy search: base64 text of a length not a multiple of 4');
    const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
    const out = new Uint8Array((text.length / 4) * 3 - pad);
    let j = 0;
    for (let i = 0; i < text.length; i += 4) {
      let v = 0;
      for (let k = 0; k < 4; k++) {
        const code = text.charCodeAt(i + k);
        const value = code === 61 && i + k >= text.length - pad ? 0 : code < 128 ? VALUE[code]! : -1;
        if (value < 0) throw new Error('paperboy search: not base64 text');
        v = (v << 6) | value;
      }
      out[j++] = v >> 16;
      if (j < out.length) out[j++] = (v >> 8) & 255;
      if (j < out.length) out[j++] = v & 255;
    }
    return out;
  },
};

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

type TypedArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;
interface TypedArrayClass<T extends TypedArray> {
  readonly BYTES_PER_ELEMENT: number;
  new (buffer: ArrayBuffer, byteOffset: number, length: number): T;
}

function checkEndianness(): void {
  if (!LITTLE_ENDIAN) throw new Error('paperboy search: index snapshots are little-endian; this platform is not');
}

export function encodeArray(codec: BinaryCodec, array: TypedArray): string {
  checkEndianness();
  return codec.encode(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
}

/** The typed array whose bytes `text` encodes; throws (naming `what`) when it is not one. */
export function decodeArray<T extends TypedArray>(codec: BinaryCodec, text: unknown, type: TypedArrayClass<T>, what: string): T {
  checkEndianness();
  if (typeof text !== 'string') throw new Error(`paperboy search: ${what} is missing`);
  let bytes = codec.decode(text);
  const size = type.BYTES_PER_ELEMENT;
  if (bytes.byteLength % size !== 0) throw new Error(`paperboy search: ${what} has ${bytes.byteLength} bytes, not a multiple of ${size}`);
  // A typed array view needs an aligned offset; a decoder may hand back a slice of a pool.
  if (bytes.byteOffset % size !== 0) bytes = new Uint8Array(bytes);
  return new type(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength / size);
}
