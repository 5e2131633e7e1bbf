// Presets: named starting points for talks and classes. A preset is only a URL query, so choosing
// one writes an ordinary, shareable and editable link (`?preset=<name>` is rewritten to it).
// Learning rates near the critical rate ηc = 2N/λmax(Θ₀) were chosen after measuring ηc for that
// exact config (seed included) with the CLI: `npx tangent-lab train <flags> --steps 1` prints it.
// Other views (sweep, NFA, early-time) add their presets here, e.g. with a `view=` parameter.

export interface Preset {
  /** Used in `?preset=<name>`; lowercase, dashes. */
  name: string;
  /** Short label for the menu. */
  title: string;
  /** One sentence: what to look at and what it shows. */
  lesson: string;
  /** URL query (without "?") of the settings; parses with no notices. */
  query: string;
}

export const PRESETS: readonly Preset[] = [
  // Numbers in the lessons below: `tangent-lab train` (wasm) on the preset's own config, seed 1;
  // tests/unit/presetClaims.test.ts trains each config through the engine and checks them.
  {
    name: 'lazy',
    title: 'Lazy: a wide network',
    lesson:
      'Width 4096, one hidden tanh layer, NTK parametrization, sine data, automatic η, 2000 GD steps: the CLI measured a kernel drift of 4.9% and an RMS gap of 0.0097 between the network and its linear twin on the training points (train loss 0.0132 vs 0.0120) — the two curves lie on top of each other for the whole run.',
    query: 'width=4096&depth=1&param=ntk',
  },
  {
    name: 'rich',
    title: 'Rich: narrow, larger step',
    lesson:
      'Width 16, two hidden tanh layers, standard parametrization, η = 0.2 (ηc ≈ 0.31 for this seed), sine data, 2000 GD steps: the CLI measured a kernel drift of 77% and an RMS gap of 0.17 between the network and its linear twin; the network fits the data 4× better than its twin (train loss 0.0065 vs 0.028) — it learns features the twin cannot.',
    query: 'width=16&depth=2&param=standard&lr=0.2',
  },
  // Two ways to be lazy and one way not to be (fields param, outputScale, center), on keys 3–5. Numbers and
  // commands: docs/results/lazy-regimes.md (final ntkDrift of `tangent-lab train --depth 1 --steps 500`).
  {
    name: 'lazy-wide',
    title: 'Lazy because wide (NTK)',
    lesson:
      'Width 1024, NTK parametrization, α = 1: laziness from width alone. Depth 1, tanh, sine data, GD at the automatic η, 500 steps: the CLI measured a kernel drift of 11%, 10% and 7% (seeds 1–3), against 42%, 29% and 16% at width 64.',
    query: 'width=1024&depth=1&steps=500',
  },
  {
    name: 'lazy-scaled',
    title: 'Lazy because scaled (α = 30)',
    lesson:
      'A narrow net (width 64, NTK) made lazy by scale: the model is 30·(f − f₀), trained with η/30², so the output starts moving as fast as at α = 1 but the weights move 1/30 as far. Depth 1, tanh, sine, automatic η, 500 steps: the CLI measured a kernel drift of 1.7%, 2.1% and 1.9% (seeds 1–3), against 41%, 30% and 17% for the same net centred at α = 1.',
    query: 'width=64&depth=1&output-scale=30&steps=500',
  },
  {
    name: 'mup-wide',
    title: 'Rich at any width (μP)',
    lesson:
      'Width 1024 in μP: the same width as “Lazy because wide”, but the features keep moving. Depth 1, tanh, sine, automatic η, 500 steps: the CLI measured a kernel drift of 171%, 178% and 147% (seeds 1–3), about as much as at width 64 (158%, 189%, 266%) or 4096 (173%, 177%, 146%).',
    query: 'width=1024&depth=1&param=mup&steps=500',
  },
  // Learning-rate phases (η = c·η_c of the run's own θ₀, field lrScale): measured with `tangent-lab train --json`,
  // numbers and commands in docs/results/lr-phases.md; read them off the Sharpness panel.
  {
    name: 'catapult',
    title: 'Catapult: η = 1.5·ηc',
    lesson:
      'One relu hidden layer of width 1024, 16 sine points, GD at η = 1.5·η_c: above η_c the linear twin diverges (its loss grows 10⁶× by step 13), but the network catapults. The CLI measured the loss going 0.55 → 475 at step 9 and back to 0.074 by step 300, while the sharpness fell from η·S = 3.0 to 1.46.',
    query: 'activation=relu&depth=1&width=1024&train=16&lr-scale=1.5&steps=300',
  },
  {
    name: 'edge-of-stability',
    title: 'Edge of stability: sharpening to 2/η',
    lesson:
      'tanh, standard parametrization, depth 2, width 128, 16 sine points, GD at a fixed η = 0.8·η_c: the sharpness grows until η·S ≈ 2 (1.60 at step 0, 2.04 by step 160) and then hovers there (1.98–2.04 at every 20th step from 240 to 2000) while the loss falls non-monotonically (it rose from 0.0179 at step 520 to 0.0235 at step 640, and ended at 0.0156). The linear twin, at η·S₀ = 1.6, simply converges.',
    query: 'activation=tanh&param=standard&depth=2&width=128&train=16&lr-scale=0.8&steps=2000',
  },
  {
    name: 'past-critical',
    title: 'Just past ηc: twin diverges',
    lesson:
      'The default network (width 256, two hidden tanh layers, NTK, sine data, seed 1, 2000 GD steps) at η = 2.6, just past ηc: η·S₀ = 2.26, so theory says GD on the linear twin multiplies its residual along the top eigenvector of Θ₀ by 1 − 2.26 = −1.26 per step, its loss growing about 100× every 10 steps. The CLI measured the twin’s train loss 0.39 → 18 at step 10 → 1.8·10³ at step 20, marked diverged at step 40. The network escapes by shrinking its kernel (a catapult, here without a loss spike): η·S falls to 1.78 by step 10, and its loss to 0.086 at step 10 and 0.016 at step 2000 — an effect beyond the linear picture.',
    query: 'lr=2.6',
  },
  {
    name: 'diverge',
    title: 'Far past ηc: net diverges',
    lesson:
      'The default network (width 256, two hidden tanh layers, NTK, sine data, seed 1) at η = 12, about 5·ηc (η·S₀ = 10.4): each step overshoots by far more than the kernel can shrink. The CLI measured the network’s train loss going 0.39 → 5.5·10¹⁰ in 10 steps, where the run stops as diverged (the loss grew 10⁶×). At η = 5 (η·S₀ = 4.34) the same network still escapes: η·S falls to 1.25 by step 10 and the loss is 0.018 at step 500; at η = 2.6 see “Just past ηc”.',
    query: 'lr=12',
  },
  {
    name: 'relu',
    title: 'ReLU instead of tanh',
    lesson:
      'Width 128, two hidden ReLU layers, NTK parametrization, sine data, seed 1: ReLU’s activation has no curvature except at its kinks, but the network’s does, from products of the layers’ weight changes. At θ₀ the CLI measured c₂/c₁² = 0.0062 (the Correlations panel’s first point); switch the Activation to tanh and it is 0.025. One seed is not monotone in width (0.0056 at width 64, 0.0027 at width 256); the relu-kinks sweep fits the trend over seeds.',
    query: 'activation=relu&width=128',
  },
  {
    name: 'spirals',
    title: '2-D classification: spirals',
    lesson:
      'Labels ±1 on two interleaved spirals (256 training points), width 64, two hidden tanh layers, standard parametrization, η = 0.8·ηc, 2000 GD steps, seed 1: compare the network’s decision surface with its linear twin’s. The network learns the spirals and its twin does not: the CLI measured a train loss of 0.056 for the network against 0.42 for its twin (test loss 0.093 vs 0.45), with a kernel drift of 92% and an RMS network–twin gap of 0.82.',
    query: 'dataset=spirals&width=64&depth=2&train=256&param=standard&lr-scale=0.8',
  },
  // Compare mode (`compare=FIELD:VALUE`, schema/compare.ts): a second run alongside, one setting changed.
  {
    name: 'narrow-vs-wide',
    title: 'Side by side: narrow vs wide',
    lesson:
      'Width 16 and width 4096 trained together (one hidden tanh layer, NTK parametrization, sine data, same seed, automatic η, 2000 GD steps), drawn on shared axes: the CLI measured a kernel drift of 34% at width 16 against 4.9% at width 4096, and an RMS network–twin gap of 0.071 against 0.0097 — the narrow network leaves its twin, the wide one stays on it.',
    query: 'width=16&depth=1&compare=width:4096',
  },
  {
    name: 'ntk-vs-mup',
    title: 'Side by side: NTK vs μP',
    lesson:
      'Width 1024 in NTK parametrization and in μP trained together (one hidden tanh layer, sine data, same seed, the same automatic η = 0.87, 500 GD steps), drawn on shared axes: theory expects NTK’s kernel drift to shrink with width and μP’s to stay of order one. The CLI measured a drift of 11% (NTK) against 171% (μP) and an RMS network–twin gap of 0.012 against 0.095; μP’s network ends at a train loss of 0.0088, its twin at 0.021.',
    query: 'width=1024&depth=1&steps=500&compare=param:mup',
  },
  {
    name: 'alpha-1-vs-30',
    title: 'Side by side: α = 1 vs α = 30',
    lesson:
      'A width-64 NTK network, centred (the model is α·(f − f₀), trained with η/α²), at α = 1 and α = 30 together (one hidden tanh layer, sine data, same seed, automatic η, 500 GD steps): theory expects the kernel drift to shrink like 1/α. The CLI measured 41% at α = 1 against 1.7% at α = 30 (24× less for 30× the scale), an RMS network–twin gap of 0.032 against 0.0028, and about the same train loss (0.024 and 0.022).',
    query: 'width=64&depth=1&center=true&steps=500&compare=output-scale:30',
  },
  // Feature alignment and early-time simplicity (numbers they were checked with: docs/results/early-time-and-nfa.md).
  {
    name: 'lazy-alignment',
    title: 'Feature alignment: lazy',
    lesson:
      'Width 1024, two hidden tanh layers, NTK parametrization, circles data, automatic η (ηc/2), 500 GD steps, seed 1: the weights barely move, so the Feature alignment panel’s UC-NFA of layer 2 stays where it started — the CLI measured 0.046 at step 0 and 0.049 at step 500 — with a kernel drift of 6.9% and an RMS network–twin gap of 0.012. (Layer 1 sees the 2-D input: its 2×2 feature matrix says little.)',
    query: 'width=1024&depth=2&param=ntk&dataset=circles&steps=500',
  },
  {
    name: 'rich-alignment',
    title: 'Feature alignment: rich',
    lesson:
      'Width 64, two hidden tanh layers, standard parametrization, η = 0.15 (0.77·ηc for this seed), circles data, 1000 GD steps: the weights turn towards the directions the output uses. The CLI measured UC-NFA of layer 2 rising from 0.18 to 0.37 (against 0.046 → 0.049 in 500 steps in “Feature alignment: lazy”), a kernel drift of 50% and an RMS network–twin gap of 0.14; the network’s train loss is 0.0140 against its twin’s 0.0264.',
    query: 'width=64&depth=2&param=standard&lr=0.15&dataset=circles&steps=1000',
  },
  {
    name: 'early-time',
    title: 'Early-time simplicity',
    lesson:
      'The two-layer network (width 1024, tanh, f₀ ≡ 0) on Gaussian inputs (d = 100, 256 training points) beside the linear model on the inputs, GD at η = 10, 500 steps, seed 1: they agree early and part later. The CLI measured earlyGap = RMS(f − f_lin)/RMS(f_lin) falling from 0.14 at step 10 to 0.085 at step 50 while both fit the linear part of the target (train loss 0.019 vs 0.028), then rising to 0.21 by step 500: the linear model stops at its best fit (train loss 0.0224 from step 200 on; 101 parameters cannot fit 256 targets) while the network goes on (1.4·10⁻⁴ at step 500).',
    query: 'model=early-time&width=1024&activation=tanh&lr=10&dataset=gauss&dim=100&train=256&steps=500',
  },
  // Width sweeps (`view=sweep` opens the Width sweep view; widths/seeds are the sweep's own).
  {
    name: 'weak-correlations-sweep',
    title: 'Sweep: weak correlations (tanh)',
    lesson:
      'Widths 16 … 2048, 5 seeds, depth-1 tanh, sine data, 300 steps, one η for every run (0.881): read off how the kernel drift, the gap to the linear twin and c₂/c₁² at θ₀ fall with width on log–log axes. Theory puts the drift between the n^−1/2 bound and the 1/n of perturbation theory; the CLI’s sweep on these settings (wasm) measured slopes of −0.44 for the drift (95% interval −0.52 to −0.36), −0.57 for the gap (−0.75 to −0.40) and −0.83 for c₂/c₁² at θ₀ (−0.95 to −0.71). (For depth-2 tanh on Gaussian inputs, η = 3.7, 100 steps, they fell as n^−0.84, n^−0.89 and n^−0.96; the drift’s slope depends on η·t: docs/results.)',
    query: 'view=sweep&seeds=5&steps=300&depth=1&activation=tanh',
  },
  {
    name: 'relu-kinks-sweep',
    title: 'Sweep: relu kinks',
    lesson:
      'Depth-2 relu at widths 16, 64, 256 and 1024 (3 seeds, 100 steps, one η for every run): the gradient change of one step includes units that cross the kink; the frozen-pattern part and the fraction of flips separate the two. The CLI’s sweep on these settings (sine data, η = 0.0837 for every run, wasm) measured at θ₀: the frozen-pattern part of the gradient change fell as n^−0.49 (95% interval −0.77 to −0.21), the whole change, kinks included, did not fall (slope −0.02, interval −0.29 to 0.25), and the flip fraction’s slope (−0.30, interval −0.76 to 0.16) is not pinned down by 3 seeds. In the project’s MNIST sweep (docs/results, at θ₀) the flip fraction fell as fast as the frozen-pattern part (n^−0.55 vs n^−0.54); it is the kinks’ contribution to the gradient change that fell more slowly (n^−0.33). The sweep fits the gradient change at a fixed step size, RMS(c₁) = 0.1·RMS(y), because relu’s is not proportional to the step.',
    query: 'view=sweep&widths=16,64,256,1024&seeds=3&steps=100&depth=2&activation=relu',
  },
  {
    name: 'weak-correlations-repo',
    title: 'Weak-correlations repo experiment',
    lesson:
      'MNIST 0 vs 7, 512 training images, 2 relu hidden layers, σ_w² = 1, bias std 0.05 (σ_b² = 0.0025), full-batch GD with a small step (η = 0.5; the CLI measured η/ηc = 0.079 at width 32, seed 1), widths 32 … 2048 with 5 seeds: the original setup with exact metrics instead of its broken finite differences.',
    query:
      'view=sweep&dataset=mnist&digits=0v7&train=512&test=128&depth=2&activation=relu&param=ntk&sigma-w2=1&sigma-b2=0.0025&bias=true&optimizer=gd&lr=0.5&steps=1000&log-every=100&widths=32,64,128,256,512,1024,2048&seeds=5',
  },
];

/** True when a preset's query opens the Width sweep view. */
export function presetIsSweep(p: Preset): boolean {
  return new URLSearchParams(p.query).get('view') === 'sweep';
}

/** What the original code measured, and what the lab measures instead (shown next to the preset). */
export const WEAK_CORRELATIONS_NOTE = [
  'The original repository trains the same kind of network and plots |L_net − L_lin| and a “second-order correlation” against width (32 … 176). Its finite differences are broken: the parameter list is copied shallowly, so the “θ − dx” evaluation returns θ itself. Its first derivatives are therefore half a forward difference, and its “second derivative” is about (∂ᵢf + ∂ⱼf)/dx — a first-derivative quantity divided by the step, not a curvature.',
  'Here nothing is differenced: the gap to the linear twin is the RMS of f − f_lin (the twin trained in function space with the exact Θ₀), and the correlations are exact Taylor coefficients along the actual GD step (c₂/c₁², c₃/c₁³, invariant to the step’s scale, read at θ₀), the exact gradient change along the GD direction at a fixed step size RMS(c₁) = 0.1·RMS(y) (with and without the relu activation pattern frozen; relu’s change is not proportional to the step, so it is never divided by the step’s size) and the fraction of units that flip sign — each tested against float64 computations. Every run of a sweep uses the same η, widths go to 2048 and every point is fitted per seed with a bootstrap interval.',
  'The original uses standard parametrization (σ_w²/n variances); the preset uses NTK parametrization, in which the function at initialisation has the same distribution and the lazy-training limit is defined; switch Parametrization to compare.',
] as const;


export function presetByName(name: string): Preset | undefined {
  const n = name.trim().toLowerCase();
  return PRESETS.find((p) => p.name === n);
}

/**
 * Resolve `?preset=<name>` in a query: the preset's settings, overridden by any other explicit
 * settings in the same query. Returns the rewritten query (without "preset") and a notice for an
 * unknown name (the query is then returned without the preset parameter).
 */
export function resolvePresetQuery(search: string): { search: string; preset: Preset | null; notice: string | null } {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const raw = params.get('preset');
  if (raw === null) return { search: params.toString(), preset: null, notice: null };
  params.delete('preset');
  const preset = presetByName(raw);
  if (!preset) {
    return {
      search: params.toString(),
      preset: null,
      notice: `preset=${JSON.stringify(raw)} is not a preset: expected one of ${PRESETS.map((p) => p.name).join(', ')}.`,
    };
  }
  const merged = new URLSearchParams(preset.query);
  for (const [k, v] of params) merged.set(k, v);
  return { search: merged.toString(), preset, notice: null };
}
