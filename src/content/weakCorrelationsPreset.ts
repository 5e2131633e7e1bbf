// The seed repository's width experiment (weak correlations, MNIST 0 vs 7), redone with the lab's
// exact metrics. Shaped like the entries of the presets list (name, title, lesson, query) so it can
// be added there; the query is an ordinary URL query of the config and sweep parameters.

export const WEAK_CORRELATIONS_PRESET = {
  name: 'weak-correlations-repo',
  title: 'Weak-correlations repo experiment',
  lesson:
    'MNIST 0 vs 7, 512 training images, 2 relu hidden layers, σ_w² = 1, bias std 0.05 (σ_b² = 0.0025), full-batch GD with a small step (η = 0.5, about a tenth of the critical rate), widths 32 … 2048 with 5 seeds: the original setup with exact metrics instead of its broken finite differences.',
  query:
    'view=sweep&dataset=mnist&digits=0v7&train=512&test=128&depth=2&activation=relu&param=ntk&sigma-w2=1&sigma-b2=0.0025&bias=true&optimizer=gd&lr=0.5&steps=1000&log-every=100&widths=32,64,128,256,512,1024,2048&seeds=5',
} as const;

/** What the original code measured, and what the lab measures instead (shown next to the preset). */
export const WEAK_CORRELATIONS_NOTE = [
  'The original repository trains the same kind of network and plots |L_net − L_lin| and a “second-order correlation” against width (32 … 176). Its finite differences are broken: the parameter list is copied shallowly, so the “θ − dx” evaluation returns θ itself. Its first derivatives are therefore half a forward difference, and its “second derivative” is about (∂ᵢf + ∂ⱼf)/dx — a first-derivative quantity divided by the step, not a curvature.',
  'Here nothing is differenced: the gap to the linear twin is the RMS of f − f_lin (the twin trained in function space with the exact Θ₀), and the correlations are exact Taylor coefficients along the actual GD step (c₂/c₁², c₃/c₁³, invariant to the step size), the exact gradient change of one step (with and without the relu activation pattern frozen) and the fraction of units that flip sign — each tested against float64 computations. Widths go to 2048 and every point is fitted per seed with a bootstrap interval.',
  'The original uses standard parametrization (σ_w²/n variances); the preset uses NTK parametrization, in which the function at initialisation has the same distribution and the lazy-training limit is defined; switch Parametrization to compare.',
] as const;
