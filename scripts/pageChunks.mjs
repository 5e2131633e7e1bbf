// The JavaScript a built page loads before any user action: the entry script of dist/index.html,
// every chunk it modulepreloads, and (transitively) every chunk those import statically. Lazy chunks
// (dynamic import()) and the worker's own chunks are not counted. Used by bench/main-thread-js.mjs
// (size, gzip) and tests/e2e/mainThreadBundle.e2e.test.ts (no TensorFlow.js code on the main thread).
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Strings only tfjs-core's code holds (its backend registry and its URL flag parser, which threw on malformed query strings), as the minifier keeps them. */
export const TFJS_MARKERS = ['setBackend', 'registerBackend', 'tfjsflags'];

/** Paths (relative to `dist`) of the page's initial JS: entry, modulepreloads, their static imports. */
export function initialChunks(dist) {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const refs = [
    ...[...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]),
  ];
  const seen = new Set();
  const queue = refs.map((r) => path.normalize(r.replace(/^\.?\//, '')));
  while (queue.length) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(path.join(dist, file), 'utf8');
    // static imports in minified ES modules: import{…}from"./x.js", import"./x.js", export{…}from"./x.js"
    for (const m of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w*${}\s,]+?\s*from\s*)?["'](\.\.?\/[^"']+\.js)["']/g)) {
      queue.push(path.normalize(path.join(path.dirname(file), m[1])));
    }
  }
  return [...seen];
}

/** The markers of TFJS_MARKERS each initial chunk contains (only chunks with any). */
export function tfjsInChunks(dist) {
  const found = [];
  for (const file of initialChunks(dist)) {
    const code = readFileSync(path.join(dist, file), 'utf8');
    const markers = TFJS_MARKERS.filter((m) => code.includes(m));
    if (markers.length) found.push({ file, markers });
  }
  return found;
}
