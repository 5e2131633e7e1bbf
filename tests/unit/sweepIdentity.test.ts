// One sweep engine: the app's code path (SweepStore → worker request → SweepRunner → events through
// structured clone and the protocol's validation → the Sweep view's export) and the CLI
// (`tangent-lab sweep`, also a phase sweep over α and parametrizations) give byte-identical runs.csv, summary.csv and fits.json for the same spec on
// the same backend, and the app's sweep.json is a manifest the CLI's merge reads.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { parseCliArgs } from '../../src/cli/args';
import { sweepSpecFromEntries } from '../../src/schema/sweep';
import { parseEvent, parseRequest } from '../../src/worker/protocol';
import { SweepRunner } from '../../src/worker/sweepRunner';
import { SweepStore } from '../../src/ui/sweep/useSweep';
import { sweepExportFiles } from '../../src/ui/sweep/sweepExport';
import { parseManifest } from '../../src/engine/sweep';

const FLAGS = ['--backend', 'cpu', '--widths', '8,16', '--seeds', '2', '--steps', '30', '--train', '12', '--test', '6', '--depth', '1', '--activation', 'relu'];

/** The app's path, with the worker and the page joined by structured clone + both validations. */
async function appSweep(argv: string[]) {
  const args = parseCliArgs(['sweep', ...argv, '--out', 'unused']);
  const { spec } = sweepSpecFromEntries(
    args.config,
    Object.entries(args.sweep).filter(([k]) => k !== 'out'),
  );
  let finished: () => void = () => undefined;
  const done = new Promise<void>((r) => (finished = r));
  const store = new SweepStore((onEvent) => {
    const runner = new SweepRunner({
      post: (ev) => {
        const parsed = parseEvent(structuredClone(ev));
        if (!parsed.ok) throw new Error(parsed.error);
        onEvent(parsed.value);
        if (ev.type === 'sweepDone') finished();
      },
      now: () => performance.now(),
      yieldNow: () => new Promise((r) => setTimeout(r, 0)),
    });
    return {
      send: (req) => {
        const parsed = parseRequest(structuredClone(req));
        if (!parsed.ok) throw new Error(parsed.error);
        if (parsed.value.type === 'sweepStart') void runner.run(parsed.value.sweepId, parsed.value.spec);
      },
      dispose: () => undefined,
    };
  });
  store.start(spec, null);
  await done;
  expect(store.getView().status).toBe('done');
  const files = sweepExportFiles({ ...store.getView(), backend: null });
  if (!files) throw new Error('no files');
  return files;
}

async function cliSweep(argv: string[], out: string) {
  let err = '';
  const code = await main(['sweep', ...argv, '--jobs', '1', '--out', out], { stdout: () => undefined, stderr: (s) => (err += s) });
  expect(code, err).toBe(0);
  return Object.fromEntries(['runs.csv', 'summary.csv', 'fits.json', 'sweep.json'].map((f) => [f, readFileSync(join(out, f), 'utf8')]));
}

describe('app and CLI: one sweep engine', () => {
  const root = mkdtempSync(join(tmpdir(), 'tl-identity-'));
  for (const [name, extra] of [
    ['auto η (shared)', []],
    ['explicit η scaled with width', ['--lr', '0.5', '--lr-width-exp=-0.5']],
    ['phase sweep (2 params × 2 α, auto η per param)', ['--output-scales', '1,10', '--params', 'ntk,mup', '--seeds', '1']],
  ] as const) {
    it(`${name}: byte-identical runs.csv, summary.csv and fits.json`, async () => {
      const argv = [...FLAGS, ...extra];
      const app = await appSweep(argv);
      const cli = await cliSweep(argv, join(root, name.replace(/\W+/g, '-')));
      for (const f of ['runs.csv', 'summary.csv', 'fits.json'] as const) expect(app[f], f).toBe(cli[f]);
      // the app's sweep.json is the same manifest (only backend, seconds and jobs may differ)
      const a = parseManifest(app['sweep.json']);
      const c = parseManifest(cli['sweep.json']);
      expect({ ...a, seconds: [], backend: '' }).toEqual({ ...c, seconds: [], backend: '' });
      // and merge reads a directory the app exported
      const dir = join(root, `app-${name.replace(/\W+/g, '-')}`);
      mkdirSync(dir, { recursive: true });
      for (const [f, text] of Object.entries(app)) writeFileSync(join(dir, f), text);
      let err = '';
      const code = await main(['merge', dir, '--backend', 'cpu', '--out', join(dir, 'merged')], { stdout: () => undefined, stderr: (s) => (err += s) });
      expect(code, err).toBe(0);
      expect(readFileSync(join(dir, 'merged', 'fits.json'), 'utf8')).toBe(cli['fits.json']);
    }, 120_000);
  }
});
