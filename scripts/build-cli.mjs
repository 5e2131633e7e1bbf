#!/usr/bin/env node
// Bundle the command line (src/cli/main.ts and everything it imports, tfjs-core and its cpu backend
// included) into one self-contained ES module, dist-cli/main.mjs, which bin/tangent-lab.mjs loads.
// The @tensorflow packages are inlined as their ESM builds (tfjs-core's CommonJS Node bundle
// registers no gradients). Only tfjs-backend-wasm stays in node_modules: src/engine/nodeBackend.ts
// loads its flat ESM bundle and the .wasm files from there at run time (`--backend wasm`).
// Run by `npm install` (prepare) and `npm run build`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
await build({
  configFile: false,
  root,
  logLevel: 'warn',
  ssr: { noExternal: true, external: ['@tensorflow/tfjs-backend-wasm'], target: 'node' },
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rollupOptions: { output: { entryFileNames: 'main.mjs', format: 'es', codeSplitting: false } },
  },
});
console.log(`[build-cli] dist-cli/main.mjs in ${Date.now() - started} ms`);
