// Initial JavaScript of the built app (dist/): what index.html loads before the first paint (its
// module script and modulepreloads), gzipped (level 9), plus the worker the page starts at once,
// and the total of every JS chunk. Prints a table; `--json` prints JSON. Run after `npm run build`.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = path.resolve(process.argv.find((a) => !a.startsWith('-') && a !== process.argv[0] && a !== process.argv[1]) ?? 'dist');
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const initial = [...html.matchAll(/<(?:script[^>]*type="module"[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\.\/([^"]+\.js)"/g)].map((m) => m[1]);

const size = (rel) => {
  const buf = readFileSync(path.join(dist, rel));
  return { file: rel, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
};
const js = readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.js')).map((f) => size(`assets/${f}`));
const workers = js.filter((f) => /\/worker-[^/]+\.js$/.test(f.file));
const first = initial.map(size);
const sum = (xs, k) => xs.reduce((a, x) => a + x[k], 0);
const kb = (n) => (n / 1024).toFixed(1);

const result = {
  initial: { files: first.length, raw: sum(first, 'raw'), gzip: sum(first, 'gzip') },
  worker: { files: workers.length, raw: sum(workers, 'raw'), gzip: sum(workers, 'gzip') },
  allJs: { files: js.length, raw: sum(js, 'raw'), gzip: sum(js, 'gzip') },
  largestLazy: js.filter((f) => !initial.includes(f.file) && !workers.includes(f)).sort((a, b) => b.gzip - a.gzip).slice(0, 6),
};
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(result, null, 2));
} else {
  console.log('| JS (dist/) | files | raw KiB | gzip KiB |');
  console.log('|---|---|---|---|');
  for (const [name, r] of [['initial (index.html: script + modulepreload)', result.initial], ['lab worker', result.worker], ['all JS chunks', result.allJs]])
    console.log(`| ${name} | ${r.files} | ${kb(r.raw)} | ${kb(r.gzip)} |`);
  console.log(`| initial + worker | | ${kb(result.initial.raw + result.worker.raw)} | ${kb(result.initial.gzip + result.worker.gzip)} |`);
  console.log('\nLargest chunks loaded on demand (gzip KiB):', result.largestLazy.map((f) => `${path.basename(f.file)} ${kb(f.gzip)}`).join(', '));
}
