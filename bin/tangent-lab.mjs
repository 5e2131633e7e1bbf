#!/usr/bin/env node
// `npx tangent-lab <command> [flags]`: the headless CLI, running the same engine as the app.
import { importTs } from '../scripts/vite-node-runner.mjs';

const { mod, close } = await importTs('src/cli/main.ts');
let code = 1;
try {
  code = await mod.main(process.argv.slice(2), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) });
} finally {
  await close();
}
process.exitCode = code;
