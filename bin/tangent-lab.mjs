#!/usr/bin/env node
// `npx tangent-lab <command> [flags]`: the headless CLI, running the same engine as the app.
// It runs the self-contained bundle dist-cli/main.mjs (built by `npm install` via `prepare`, and by
// `npm run build`: scripts/build-cli.mjs), so it starts in a fraction of a second and needs no
// devDependency. In a checkout without the bundle it falls back, with a note, to transpiling
// src/cli/main.ts through Vite's module runner (needs the devDependency vite; several seconds).
import { existsSync } from 'node:fs';

const bundle = new URL('../dist-cli/main.mjs', import.meta.url);
const io = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };
// `tangent-lab train --json | head -1`: when the reader closes the pipe, end quietly with status 0,
// as git and grep do (unhandled, the EPIPE error printed a stack and the wasm module's source).
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

let code = 1;
if (existsSync(bundle)) {
  const mod = await import(bundle.href);
  code = await mod.main(process.argv.slice(2), io);
} else {
  process.stderr.write('tangent-lab: dist-cli/main.mjs not found (run `npm run build:cli`); running from source, which is slow\n');
  const { importTs } = await import('../scripts/vite-node-runner.mjs');
  const { mod, close } = await importTs('src/cli/main.ts');
  try {
    code = await mod.main(process.argv.slice(2), io);
  } finally {
    await close();
  }
}
process.exitCode = code;
