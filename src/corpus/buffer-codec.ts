/**
 * Base64 through Node's Buffer for the index snapshot's typed arrays: ~30 ms each way for 60 MB
 * where the core's pure codec needs ~0.2 s to decode and ~1.8 s to encode (see
 * src/core/search/binary-codec.ts). It writes and reads the same text as the pure codec.
 */
import type { BinaryCodec } from '../core/search/binary-codec.js';

export const bufferBase64: BinaryCodec = {
  encode: (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
  // Buffer skips characters that are not base64 rather than failing; the lengths and offsets
  // checked on load catch a text damaged that way.
  decode: (text) => Buffer.from(text, 'base64'),
};
