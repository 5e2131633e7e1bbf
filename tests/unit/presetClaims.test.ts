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
//     at:     (optional) the step the number is read at (default: the run's last step; the run then
//             trains only as far as its checks read), or { steps, agg: 'min' | 'max' } for a range,
//     value:  (row, η) => the measured quantity at that step (e.g. r => r.ntkDrift, (r, lr) => lr * r.sharpness),
//     divideBy: (optional) 'compare' or 'first' for a stated ratio of the two runs (e.g. "24× less"),
//     expect, tol: the stated value and the absolute tolerance (half a unit of its last stated digit,
//             or what the lesson says, e.g. "about"),
//   and, when the lesson states its numbers at fewer steps than the preset's own, `steps`.
// Runs are cached by config: presets that share a config (lazy and the wide run of narrow-vs-wide)
// train once, measured at every step some check reads (the metrics do not touch the training).
// Every Lab preset (all but the sweep presets) must have a claim here. The sweep presets' slopes (a
// sweep of 12–40 runs, minutes on 2 cores) are not re-run here; a claim about single runs of a sweep
// preset (e.g. its η/η_c at θ₀) is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../src/engine/nodeBackend';
import { Session } from '../../src/engine/session/session';
import { EarlyTimeSession } from '../../src/engine/earlyTime/earlyTimeSession';
import type { MetricRow } from '../../src/engine/records/runRecords';
import { PRESETS, presetByName, presetIsSweep } from '../../src/content/presets';
import { APP_PARAM_NAMES, configFromSearch, type ExperimentConfig } from '../../src/schema/config';
import { compareConfigOf, compareFromSearch } from '../../src/schema/compare';

interface Check {
  text: string;
  run: 'first' | 'compare';
  config?: Partial<ExperimentConfig>;
  /** A step, or several with how their values combine (e.g. the largest over a range of steps). */
  at?: number | { steps: number[]; agg: 'min' | 'max' };
  /** A ratio of two runs: this run's value over the same value of the other run at the same step. */
  divideBy?: 'first' | 'compare';
  /** The measured quantity in a row (`lr`: the run's η, resolved when automatic). */
  value: (r: MetricRow, lr: number) => number | undefined;
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
/** η·S: the step times the sharpness S = λmax(Θ_t(X,X))/N (2 is the edge of stability). */
const etaS = (r: MetricRow, lr: number) => (r.sharpness === undefined ? undefined : lr * r.sharpness);
/** η/η_c = η·S₀/2 at θ₀ (η_c = 2N/λmax(Θ₀) = 2/S₀). */
const etaOverCritical = (r: MetricRow, lr: number) => (r.sharpness === undefined ? undefined : (lr * r.sharpness) / 2);
const twinGone = (r: MetricRow) => (r.twinDiverged ? 1 : 0);
const c2 = (r: MetricRow) => r.c2OverC1Sq;
const earlyGap = (r: MetricRow) => r.earlyGap;
/** UC-NFA of hidden layer l (1-based). */
const uc = (l: number) => (r: MetricRow) => r.nfa?.find((e) => e.layer === l)?.uc ?? undefined;
const every = (d: number, from: number, to: number) => Array.from({ length: (to - from) / d + 1 }, (_, i) => from + i * d);

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
    preset: 'ntk-vs-mup',
    checks: [
      { text: 'the same automatic η = 0.87', run: 'first', value: (_r, lr) => lr, expect: 0.87, tol: 0.005 },
      { text: 'the same automatic η = 0.87', run: 'compare', value: (_r, lr) => lr, expect: 0.87, tol: 0.005 },
      { text: 'drift of 11% (NTK)', run: 'first', value: drift, expect: 0.11, tol: 0.005 },
      { text: 'against 171% (μP)', run: 'compare', value: drift, expect: 1.71, tol: 0.005 },
      { text: 'gap of 0.012', run: 'first', value: gap, expect: 0.012, tol: 0.0005 },
      { text: 'against 0.095', run: 'compare', value: gap, expect: 0.095, tol: 0.0005 },
      { text: 'train loss of 0.0088', run: 'compare', value: loss, expect: 0.0088, tol: 0.00005 },
      { text: 'its twin at 0.021', run: 'compare', value: linLoss, expect: 0.021, tol: 0.0005 },
    ],
  },
  {
    preset: 'alpha-1-vs-30',
    checks: [
      { text: '41% at α = 1', run: 'first', value: drift, expect: 0.41, tol: 0.005 },
      { text: 'against 1.7% at α = 30', run: 'compare', value: drift, expect: 0.017, tol: 0.0005 },
      { text: '24× less', run: 'first', divideBy: 'compare', value: drift, expect: 24, tol: 0.5 },
      { text: 'gap of 0.032', run: 'first', value: gap, expect: 0.032, tol: 0.0005 },
      { text: 'against 0.0028', run: 'compare', value: gap, expect: 0.0028, tol: 0.00005 },
      { text: '(0.024', run: 'first', value: loss, expect: 0.024, tol: 0.0005 },
      { text: 'and 0.022)', run: 'compare', value: loss, expect: 0.022, tol: 0.0005 },
    ],
  },
  {
    // a sweep preset: its stated η/η_c, read at θ₀ of a single run at the sweep's narrowest width
    preset: 'weak-correlations-repo',
    checks: [
      { text: 'η/ηc = 0.079 at width 32', run: 'first', config: { width: 32 }, at: 0, value: (r, lr) => etaOverCritical(r, lr), expect: 0.079, tol: 0.0005 },
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
  {
    preset: 'catapult',
    checks: [
      { text: 'η·S = 3.0', run: 'first', at: 0, value: etaS, expect: 3.0, tol: 0.05 },
      { text: '0.55 → 475 at step 9', run: 'first', at: 0, value: loss, expect: 0.55, tol: 0.005 },
      { text: '0.55 → 475 at step 9', run: 'first', at: 9, value: loss, expect: 475, tol: 0.5 },
      // "its loss grows 10⁶× by step 13": the twin's divergence flag (10⁶× its first loss) is up at 13, not at 12
      { text: 'grows 10⁶× by step 13', run: 'first', at: 12, value: twinGone, expect: 0, tol: 0 },
      { text: 'grows 10⁶× by step 13', run: 'first', at: 13, value: twinGone, expect: 1, tol: 0 },
      { text: 'back to 0.074 by step 300', run: 'first', value: loss, expect: 0.074, tol: 0.0005 },
      { text: 'to 1.46', run: 'first', value: etaS, expect: 1.46, tol: 0.005 },
    ],
  },
  {
    preset: 'edge-of-stability',
    checks: [
      { text: '1.60 at step 0', run: 'first', at: 0, value: etaS, expect: 1.6, tol: 0.005 },
      { text: '2.04 by step 160', run: 'first', at: 160, value: etaS, expect: 2.04, tol: 0.005 },
      { text: '1.98–2.04 at every 20th step from 240 to 2000', run: 'first', at: { steps: every(20, 240, 2000), agg: 'min' }, value: etaS, expect: 1.98, tol: 0.005 },
      { text: '1.98–2.04 at every 20th step from 240 to 2000', run: 'first', at: { steps: every(20, 240, 2000), agg: 'max' }, value: etaS, expect: 2.04, tol: 0.005 },
      { text: 'from 0.0179 at step 520', run: 'first', at: 520, value: loss, expect: 0.0179, tol: 0.00005 },
      { text: 'to 0.0235 at step 640', run: 'first', at: 640, value: loss, expect: 0.0235, tol: 0.00005 },
      { text: 'ended at 0.0156', run: 'first', value: loss, expect: 0.0156, tol: 0.00005 },
      // "the linear twin … simply converges": it never diverges and ends at a small loss
      { text: 'simply converges', run: 'first', value: twinGone, expect: 0, tol: 0 },
      { text: 'simply converges', run: 'first', value: linLoss, expect: 0.016, tol: 0.001 },
    ],
  },
  {
    preset: 'past-critical',
    checks: [
      { text: 'η·S₀ = 2.26', run: 'first', at: 0, value: etaS, expect: 2.26, tol: 0.005 },
      { text: 'train loss 0.39 → 18 at step 10', run: 'first', at: 0, value: linLoss, expect: 0.39, tol: 0.005 },
      { text: 'train loss 0.39 → 18 at step 10', run: 'first', at: 10, value: linLoss, expect: 18, tol: 0.5 },
      { text: '1.8·10³ at step 20', run: 'first', at: 20, value: (r) => (r.linLoss ?? NaN) / 1e3, expect: 1.8, tol: 0.05 },
      { text: 'marked diverged at step 40', run: 'first', at: 30, value: twinGone, expect: 0, tol: 0 },
      { text: 'marked diverged at step 40', run: 'first', at: 40, value: twinGone, expect: 1, tol: 0 },
      { text: 'η·S falls to 1.78 by step 10', run: 'first', at: 10, value: etaS, expect: 1.78, tol: 0.005 },
      { text: '0.086 at step 10', run: 'first', at: 10, value: loss, expect: 0.086, tol: 0.0005 },
      { text: '0.016 at step 2000', run: 'first', value: loss, expect: 0.016, tol: 0.0005 },
    ],
  },
  {
    preset: 'diverge',
    checks: [
      { text: '(η·S₀ = 10.4)', run: 'first', at: 0, value: etaS, expect: 10.4, tol: 0.05 },
      { text: 'going 0.39 → 5.5·10¹⁰ in 10 steps', run: 'first', at: 10, value: (r) => r.loss / 1e10, expect: 5.5, tol: 0.05 },
      // the Lab's and the CLI's rule (engine/session/divergence.ts): the loss grew 10⁶×
      { text: 'the loss grew 10⁶×', run: 'first', at: 10, value: (r) => (r.loss > 1e6 * 0.39 ? 1 : 0), expect: 1, tol: 0 },
      { text: 'At η = 5 (η·S₀ = 4.34)', run: 'first', config: { lr: 5 }, at: 0, value: etaS, expect: 4.34, tol: 0.005 },
      { text: 'η·S falls to 1.25 by step 10', run: 'first', config: { lr: 5 }, at: 10, value: etaS, expect: 1.25, tol: 0.005 },
      { text: 'the loss is 0.018 at step 500', run: 'first', config: { lr: 5 }, at: 500, value: loss, expect: 0.018, tol: 0.0005 },
    ],
  },
  {
    preset: 'relu',
    checks: [
      { text: 'c₂/c₁² = 0.0062', run: 'first', at: 0, value: c2, expect: 0.0062, tol: 0.00005 },
      { text: 'to tanh and it is 0.025', run: 'first', config: { activation: 'tanh' }, at: 0, value: c2, expect: 0.025, tol: 0.0005 },
      { text: '0.0056 at width 64', run: 'first', config: { width: 64 }, at: 0, value: c2, expect: 0.0056, tol: 0.00005 },
      { text: '0.0027 at width 256', run: 'first', config: { width: 256 }, at: 0, value: c2, expect: 0.0027, tol: 0.00005 },
    ],
  },
  {
    preset: 'lazy-alignment',
    checks: [
      { text: '0.046 at step 0', run: 'first', at: 0, value: uc(2), expect: 0.046, tol: 0.0005 },
      { text: '0.049 at step 500', run: 'first', value: uc(2), expect: 0.049, tol: 0.0005 },
      { text: 'kernel drift of 6.9%', run: 'first', value: drift, expect: 0.069, tol: 0.0005 },
      { text: 'gap of 0.012', run: 'first', value: gap, expect: 0.012, tol: 0.0005 },
    ],
  },
  {
    preset: 'rich-alignment',
    checks: [
      { text: 'rising from 0.18', run: 'first', at: 0, value: uc(2), expect: 0.18, tol: 0.005 },
      { text: 'to 0.37', run: 'first', value: uc(2), expect: 0.37, tol: 0.005 },
      { text: 'kernel drift of 50%', run: 'first', value: drift, expect: 0.5, tol: 0.005 },
      { text: 'gap of 0.14', run: 'first', value: gap, expect: 0.14, tol: 0.005 },
      { text: 'train loss is 0.0140', run: 'first', value: loss, expect: 0.014, tol: 0.00005 },
      { text: 'twin’s 0.0264', run: 'first', value: linLoss, expect: 0.0264, tol: 0.00005 },
    ],
  },
  {
    preset: 'spirals',
    checks: [
      { text: 'train loss of 0.056', run: 'first', value: loss, expect: 0.056, tol: 0.0005 },
      { text: 'against 0.42 for its twin', run: 'first', value: linLoss, expect: 0.42, tol: 0.005 },
      { text: 'test loss 0.093', run: 'first', value: (r) => r.testLoss, expect: 0.093, tol: 0.0005 },
      { text: 'vs 0.45', run: 'first', value: (r) => r.linTestLoss, expect: 0.45, tol: 0.005 },
      { text: 'kernel drift of 92%', run: 'first', value: drift, expect: 0.92, tol: 0.005 },
      { text: 'gap of 0.82', run: 'first', value: gap, expect: 0.82, tol: 0.005 },
    ],
  },
  {
    preset: 'early-time',
    checks: [
      { text: 'from 0.14 at step 10', run: 'first', at: 10, value: earlyGap, expect: 0.14, tol: 0.005 },
      { text: 'to 0.085 at step 50', run: 'first', at: 50, value: earlyGap, expect: 0.085, tol: 0.0005 },
      { text: 'train loss 0.019', run: 'first', at: 50, value: loss, expect: 0.019, tol: 0.0005 },
      { text: 'vs 0.028)', run: 'first', at: 50, value: linLoss, expect: 0.028, tol: 0.0005 },
      { text: 'rising to 0.21 by step 500', run: 'first', value: earlyGap, expect: 0.21, tol: 0.005 },
      { text: 'train loss 0.0224 from step 200 on', run: 'first', at: 200, value: linLoss, expect: 0.0224, tol: 0.00005 },
      { text: 'train loss 0.0224 from step 200 on', run: 'first', value: linLoss, expect: 0.0224, tol: 0.00005 },
      { text: '1.4·10⁻⁴ at step 500', run: 'first', value: (r) => r.loss * 1e4, expect: 1.4, tol: 0.05 },
    ],
  },
];

/** The config a check's number is measured on, and how many steps that run trains. */
function runOf(claim: Claim, check: Check): { config: ExperimentConfig; steps: number; at: number[] } {
  const preset = presetByName(claim.preset)!;
  const { config } = configFromSearch(preset.query, APP_PARAM_NAMES);
  const base = { ...config, ...check.config };
  const spec = compareFromSearch(preset.query, config).spec;
  const runConfig = check.run === 'compare' && spec ? compareConfigOf(base, spec) : base;
  const steps = claim.steps ?? config.steps;
  const at = check.at === undefined ? [steps] : typeof check.at === 'number' ? [check.at] : check.at.steps;
  return { config: runConfig, steps, at };
}
const keyOf = (config: ExperimentConfig, steps: number) => JSON.stringify({ ...config, steps });

/** Every step each run is read at (collected from all claims, so each config trains once). */
const readAt = new Map<string, Set<number>>();
for (const claim of CLAIMS)
  for (const check of claim.checks) {
    if (!presetByName(claim.preset)) continue; // reported by the first test
    for (const c of check.divideBy ? [check, { ...check, run: check.divideBy }] : [check]) {
      const { config, steps, at } = runOf(claim, c);
      const key = keyOf(config, steps);
      if (!readAt.has(key)) readAt.set(key, new Set());
      for (const t of at) readAt.get(key)!.add(t);
    }
  }

interface RunRows {
  lr: number;
  rows: Map<number, MetricRow>;
}
const cache = new Map<string, Promise<RunRows>>();
/** The rows of a run of `config` at the steps its checks read (trained once per config). */
function rowsOf(config: ExperimentConfig, steps: number): Promise<RunRows> {
  const key = keyOf(config, steps);
  let p = cache.get(key);
  if (!p) {
    p = (async () => {
      const s = config.model === 'early-time' ? await EarlyTimeSession.create({ ...config, steps }) : await Session.create({ ...config, steps }, { gridSize: 2 });
      const rows = new Map<number, MetricRow>();
      try {
        // Step 0 first: the twin's divergence is judged against its first measured loss, as in the CLI.
        for (const at of [...new Set([0, ...readAt.get(key)!])].sort((a, b) => a - b)) {
          if (at > s.step) s.advance(at - s.step);
          rows.set(at, await s.measure());
        }
        return { lr: s.meta.lr, rows };
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
    // Every Lab preset states its numbers and has them checked here (the sweep presets open the
    // Width sweep view, whose numbers are a sweep's, not one run's).
    const claimed = CLAIMS.map((c) => c.preset);
    for (const p of PRESETS.filter((q) => !presetIsSweep(q))) expect(claimed, `preset ${p.name} has no claim checked here`).toContain(p.name);
    for (const c of CLAIMS) expect(c.checks.length, c.preset).toBeGreaterThan(0);
  });

  it.each(CLAIMS.map((c) => [c.preset, c] as const))('%s: the numbers of its lesson, measured on its own config', async (_name, claim) => {
    const preset = presetByName(claim.preset)!;
    const { config, notices } = configFromSearch(preset.query, APP_PARAM_NAMES);
    expect(notices).toEqual([]);
    const cmp = compareFromSearch(preset.query, config);
    expect(cmp.notices).toEqual([]);
    for (const check of claim.checks) {
      if (check.run === 'compare') expect(cmp.spec, `${claim.preset} has no compare run`).not.toBeNull();
      const measured = async (c: Check) => {
        const { config: runConfig, steps, at } = runOf(claim, c);
        const { lr, rows } = await rowsOf(runConfig, steps);
        return at.map((t) => {
          const row = rows.get(t)!;
          expect(row.step).toBe(t);
          const v = c.value(row, lr);
          expect(v, `${claim.preset}: "${c.text}" at step ${t}`).toBeDefined();
          return v!;
        });
      };
      const { at } = runOf(claim, check);
      let values = await measured(check);
      if (check.divideBy) {
        const other = await measured({ ...check, run: check.divideBy });
        values = values.map((v, i) => v / other[i]);
      }
      const v = typeof check.at === 'object' ? (check.at.agg === 'min' ? Math.min(...values) : Math.max(...values)) : values[0];
      expect(Math.abs(v - check.expect), `${claim.preset}: "${check.text}" measured ${v} at step ${at.length > 1 ? `${at[0]}…${at[at.length - 1]}` : at[0]}`).toBeLessThanOrEqual(check.tol);
    }
  }, 240_000);
});
