// The page's main-thread initial JavaScript: the entry script, its modulepreloads and their static
// imports (scripts/pageChunks.mjs), raw and gzip bytes, and whether any of it holds tfjs code.
// Usage: npm run build && node bench/main-thread-js.mjs [dist …]   (several dists: one row each,
// e.g. a build of an older commit beside this one).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { initialChunks, tfjsInChunks } from '../scripts/pageChunks.mjs';

const dists = process.argv.slice(2).length ? process.argv.slice(2) : ['dist'];
const rows = dists.map((dist) => {
  const files = initialChunks(dist);
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const b = readFileSync(path.join(dist, f));
    raw += b.length;
    gz += gzipSync(b, { level: 9 }).length;
  }
  const tfjs = tfjsInChunks(dist);
  return { dist, chunks: files.length, rawKB: (raw / 1024).toFixed(1), gzipKB: (gz / 1024).toFixed(1), tfjs: tfjs.length ? tfjs.map((t) => `${t.file} (${t.markers.join(', ')})`).join('; ') : 'none' };
});
console.table(rows);
if (rows.length > 1) {
  const g = rows.map((r) => Number(r.gzipKB));
  console.log(`gzip ratio last/first: ${(g[g.length - 1] / g[0]).toFixed(3)}`);
}
