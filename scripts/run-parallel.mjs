#!/usr/bin/env node
// `node scripts/run-parallel.mjs "<npm script>" "<npm script>" …`: runs the given npm scripts at the
// same time (used by `npm test` for typecheck ∥ lint, two single-threaded jobs on a 2-core machine),
// prints each one's output as one block when it ends, with its wall time, and exits non-zero if any
// failed (after all have ended).
import { spawn } from 'node:child_process';

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  console.error('usage: node scripts/run-parallel.mjs <npm script> [<npm script> …]');
  process.exit(2);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const results = await Promise.all(
  scripts.map(
    (name) =>
      new Promise((resolve) => {
        const started = Date.now();
        const child = spawn(npm, ['run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'] });
        const chunks = [];
        child.stdout.on('data', (c) => chunks.push(c));
        child.stderr.on('data', (c) => chunks.push(c));
        child.on('error', (e) => chunks.push(Buffer.from(`${String(e)}\n`)));
        child.on('close', (code) => {
          const seconds = ((Date.now() - started) / 1000).toFixed(1);
          const out = Buffer.concat(chunks).toString();
          process.stdout.write(`\n> npm run ${name} (${seconds} s, ${code === 0 ? 'ok' : `exit ${code}`})\n${out}`);
          resolve(code ?? 1);
        });
      }),
  ),
);
process.exitCode = results.some((code) => code !== 0) ? 1 : 0;
