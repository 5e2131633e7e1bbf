// Presets keep their promise: each preset's lesson (src/content/presets.ts) states what the screen
// will show, with numbers measured by `tangent-lab train` on the preset's own config. This test
// trains those configs through the engine — on the wasm backend in Node, the CLI's backend, so the
// numbers are the CLI's — and checks every stated number against the run's row at the final step.
//
// How to add a claim (any preset, e.g. a new learning-rate preset):
//   add an entry to CLAIMS below: { preset, checks: [...] } with, per number the lesson states,
//     text:   the words of the lesson that state it (the test fails if the lesson no longer says them,
//             so the sentence and the check cannot drift apart),
//     run:    'first', or 'compare' for the second run of a preset with `compare=FIELD:VALUE`,
//     config: (optional) changes to the preset's config for a stated reference run (e.g. { seed: 2 },
//             { width: 64 }),
//     value:  (row) => the measured quantity at the final step (e.g. r => r.ntkDrift),
//     expect, tol: the stated value and the absolute tolerance (half a unit of its last stated digit,
//             or what the lesson says, e.g. "about"),
//   and, when the lesson states its numbers at fewer steps than the preset's own, `steps`.
// Runs are cached by config: presets that share a config (lazy and the wide run of narrow-vs-wide)
// train once. The whole file trains about 70 000 steps of small nets and 4000 of width 4096.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../src/engine/nodeBackend';
import { Session } from '../../src/engine/session/session';
import type { MetricRow } from '../../src/engine/records/runRecords';
import { PRESETS, presetByName } from '../../src/content/presets';
import { APP_PARAM_NAMES, configFromSearch, type ExperimentConfig } from '../../src/schema/config';
import { compareConfigOf, compareFromSearch } from '../../src/schema/compare';

interface Check {
  text: string;
  run: 'first' | 'compare';
  config?: Partial<ExperimentConfig>;
  value: (r: MetricRow) => number | undefined;
  expect: number;
  tol: number;
}
interface Claim {
  preset: string;
  steps?: number;
  checks: Check[];
}

const drift = (r: MetricRow) => r.ntkDrift;
const gap = (r: MetricRow) => r.gapTrain;
const loss = (r: MetricRow) => r.loss;
const linLoss = (r: MetricRow) => r.linLoss;

export const CLAIMS: Claim[] = [
  {
    preset: 'lazy',
    checks: [
      { text: 'kernel drift of 4.9%', run: 'first', value: drift, expect: 0.049, tol: 0.0005 },
      { text: 'RMS gap of 0.0097', run: 'first', value: gap, expect: 0.0097, tol: 0.00005 },
      { text: 'train loss 0.0132', run: 'first', value: loss, expect: 0.0132, tol: 0.00005 },
      { text: 'vs 0.0120', run: 'first', value: linLoss, expect: 0.012, tol: 0.00005 },
    ],
  },
  {
    preset: 'rich',
    checks: [
      { text: 'kernel drift of 77%', run: 'first', value: drift, expect: 0.77, tol: 0.005 },
      { text: 'RMS gap of 0.17', run: 'first', value: gap, expect: 0.17, tol: 0.005 },
      { text: 'train loss 0.0065', run: 'first', value: loss, expect: 0.0065, tol: 0.00005 },
      { text: 'vs 0.028', run: 'first', value: linLoss, expect: 0.028, tol: 0.0005 },
      // "4× better": the twin's train loss over the network's
      { text: '4× better', run: 'first', value: (r) => (r.linLoss ?? NaN) / r.loss, expect: 4, tol: 0.5 },
    ],
  },
  {
    preset: 'narrow-vs-wide',
    checks: [
      { text: 'kernel drift of 34% at width 16', run: 'first', value: drift, expect: 0.34, tol: 0.005 },
      { text: 'against 4.9% at width 4096', run: 'compare', value: drift, expect: 0.049, tol: 0.0005 },
      { text: 'gap of 0.071', run: 'first', value: gap, expect: 0.071, tol: 0.0005 },
      { text: 'against 0.0097', run: 'compare', value: gap, expect: 0.0097, tol: 0.00005 },
    ],
  },
  {
    preset: 'lazy-wide',
    checks: [
      { text: 'kernel drift of 11%', run: 'first', value: drift, expect: 0.11, tol: 0.005 },
      { text: 'against 42%', run: 'first', config: { width: 64 }, value: drift, expect: 0.42, tol: 0.005 },
    ],
  },
  {
    preset: 'lazy-scaled',
    checks: [
      { text: 'kernel drift of 1.7%', run: 'first', value: drift, expect: 0.017, tol: 0.0005 },
      { text: 'against 41%', run: 'first', config: { outputScale: 1, center: true }, value: drift, expect: 0.41, tol: 0.005 },
    ],
  },
  {
    preset: 'mup-wide',
    checks: [
      { text: 'kernel drift of 171%', run: 'first', value: drift, expect: 1.71, tol: 0.005 },
      { text: 'width 64 (158%', run: 'first', config: { width: 64 }, value: drift, expect: 1.58, tol: 0.005 },
    ],
  },
];

const cache = new Map<string, Promise<MetricRow>>();
/** The row at the final step of a run of `config` (trained once per config). */
function finalRow(config: ExperimentConfig, steps: number): Promise<MetricRow> {
  const key = JSON.stringify({ ...config, steps });
  let p = cache.get(key);
  if (!p) {
    p = (async () => {
      const s = await Session.create({ ...config, steps }, { gridSize: 2 });
      try {
        s.advance(steps);
        return await s.measure('always');
      } finally {
        s.dispose();
      }
    })();
    cache.set(key, p);
  }
  return p;
}

beforeAll(async () => {
  await useNodeBackend('wasm');
});
afterAll(async () => {
  await useNodeBackend('cpu');
});

describe('preset claims', () => {
  it('every claimed preset exists and every stated text is in its lesson', () => {
    for (const c of CLAIMS) {
      const p = presetByName(c.preset);
      expect(p, c.preset).toBeDefined();
      for (const k of c.checks) expect(p!.lesson, `${c.preset}: "${k.text}"`).toContain(k.text);
    }
    // Every Lab preset about lazy vs rich training states its numbers and has them checked here.
    for (const name of ['lazy', 'rich', 'narrow-vs-wide', 'lazy-wide', 'lazy-scaled', 'mup-wide']) expect(CLAIMS.map((c) => c.preset)).toContain(name);
    expect(PRESETS.length).toBeGreaterThan(CLAIMS.length);
  });

  it.each(CLAIMS.map((c) => [c.preset, c] as const))('%s: the numbers of its lesson, measured on its own config', async (_name, claim) => {
    const preset = presetByName(claim.preset)!;
    const { config, notices } = configFromSearch(preset.query, APP_PARAM_NAMES);
    expect(notices).toEqual([]);
    const cmp = compareFromSearch(preset.query, config);
    expect(cmp.notices).toEqual([]);
    const steps = claim.steps ?? config.steps;
    for (const check of claim.checks) {
      const base = { ...config, ...check.config };
      if (check.run === 'compare') expect(cmp.spec, `${claim.preset} has no compare run`).not.toBeNull();
      const runConfig = check.run === 'compare' ? compareConfigOf(base, cmp.spec!) : base;
      const row = await finalRow(runConfig, steps);
      expect(row.step).toBe(steps);
      const v = check.value(row);
      expect(v, `${claim.preset}: "${check.text}"`).toBeDefined();
      expect(Math.abs(v! - check.expect), `${claim.preset}: "${check.text}" measured ${v}`).toBeLessThanOrEqual(check.tol);
    }
  }, 240_000);
});
