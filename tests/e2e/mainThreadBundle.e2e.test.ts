// The built page (dist/) loads no TensorFlow.js code on its main thread: neither the entry script
// of index.html nor any chunk it modulepreloads or imports statically holds tfjs-core's backend
// registry or URL-flag parser (which threw on a malformed query string before React mounted). The
// source-level check is tests/unit/mainThreadImports.test.ts; this one checks what the bundler made.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TFJS_MARKERS, initialChunks, tfjsInChunks } from '../../scripts/pageChunks.mjs';

describe('built page: main thread without tfjs', () => {
  it('index.html loads chunks, none of them with tfjs code; the worker chunk has it', () => {
    expect(existsSync('dist/index.html'), 'run `npm run build` first').toBe(true);
    const chunks = initialChunks('dist');
    expect(chunks.length).toBeGreaterThan(3);
    expect(tfjsInChunks('dist')).toEqual([]);
    // the markers do find tfjs where it is: the worker's chunks
    const js = readdirSync('dist/assets').filter((f) => f.endsWith('.js'));
    expect(js.some((f) => TFJS_MARKERS.every((m) => readFileSync(`dist/assets/${f}`, 'utf8').includes(m)))).toBe(true);
  });
});
