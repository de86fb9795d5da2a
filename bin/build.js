#!/usr/bin/env node
/**
 * `npm run build`: the bot as one ES module, dist/main.mjs, with its pure-JavaScript
 * dependencies bundled in. `npm start` builds, then runs it.
 *
 * Why a bundle: at 100,000 papers the bot has to start serving within 1.5 s, and loading the
 * TypeScript through tsx (~0.2 s to register, then a transform lookup per file) and resolving
 * a few hundred files of Bolt, Express, axios, zod and pg one by one took ~1 s of that on
 * these machines. One file parses in a fraction of it. esbuild only strips types: `npm run
 * typecheck` (and CI) is what checks them.
 *
 * Left outside the bundle, loaded from node_modules as usual: better-sqlite3 (a native addon),
 * pino and pino-pretty (pino starts its transports as worker threads from their own files) and
 * node-cron (it locates its daemon file next to its own module).
 */
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXTERNAL = ['better-sqlite3', 'pg-native', 'pino', 'pino-pretty', 'node-cron'];

/**
 * Bundles the TypeScript module `entry` (and what it imports) into the ES module `outfile`,
 * which must sit inside paperboy's folder: the packages left outside resolve from node_modules.
 */
export async function bundle(entry, outfile) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNAL,
    // Bundled CommonJS packages call require(); an ES module has none of its own.
    banner: { js: "import { createRequire as paperboyCreateRequire } from 'node:module'; const require = paperboyCreateRequire(import.meta.url);" },
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  return outfile;
}

/**
 * Bundles the bot (src/main.ts) into `outfile`, dist/main.mjs by default, and beside it the
 * worker thread that builds indexes (src/corpus/index-build-worker.ts), which the bot
 * starts from its own folder.
 */
export async function buildBot(outfile = fileURLToPath(new URL('../dist/main.mjs', import.meta.url))) {
  await bundle(fileURLToPath(new URL('../src/corpus/index-build-worker.ts', import.meta.url)), join(dirname(outfile), 'index-build-worker.mjs'));
  return bundle(fileURLToPath(new URL('../src/main.ts', import.meta.url)), outfile);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildBot();
}
