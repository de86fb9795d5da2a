/**
 * The worker thread that builds segments for the running bot (segment-builder.ts): papers in,
 * the index built over them and serialized out, its array block transferred rather than copied.
 * Building ~100 papers costs ~40 ms of CPU, and the garbage of MiniSearch's build with it: here
 * neither holds up a request on the main thread.
 */
import { parentPort } from 'node:worker_threads';
import type { Paper } from '../core/paper.js';
import { buildSearchIndex, serializeIndex } from '../core/search/search-index.js';
import type { SearchSettings } from '../core/search/search-settings.js';

export interface BuildRequest {
  readonly id: number;
  readonly papers: readonly Paper[];
  readonly settings: SearchSettings;
}

export type BuildReply =
  | { readonly id: number; readonly ok: true; readonly json: string; readonly arrays: Uint8Array; readonly papers: string }
  | { readonly id: number; readonly ok: false; readonly message: string };

const port = parentPort;
if (port) {
  port.on('message', (request: BuildRequest) => {
    let reply: BuildReply;
    try {
      const { json, arrays, papers } = serializeIndex(buildSearchIndex(request.papers, request.settings));
      reply = { id: request.id, ok: true, json, arrays, papers };
    } catch (error) {
      reply = { id: request.id, ok: false, message: (error as Error).message };
    }
    port.postMessage(reply, reply.ok ? [reply.arrays.buffer as ArrayBuffer] : []);
  });
}
