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
  {
    name: 'lazy',
    title: 'Lazy: a wide network',
    lesson:
      'Width 2048 in NTK parametrization: the kernel drifts by a few percent and the network stays on top of its linear twin for the whole run.',
    query: 'width=2048&depth=1&param=ntk',
  },
  {
    name: 'rich',
    title: 'Rich: narrow, larger step',
    lesson:
      'Width 16, standard parametrization, η = 0.2 (ηc ≈ 0.26): the kernel moves a lot and the network leaves its linear twin — it learns features.',
    query: 'width=16&depth=1&param=standard&lr=0.2',
  },
  {
    name: 'edge-of-stability',
    title: 'Edge of stability: η < ηc',
    lesson:
      'η = 2.2, just below the measured critical rate ηc ≈ 2.30 for this network: the loss oscillates at first but gradient descent still converges.',
    query: 'lr=2.2',
  },
  {
    name: 'past-critical',
    title: 'Just past ηc: twin diverges',
    lesson:
      'η = 2.6 ≈ 1.13 ηc: gradient descent on the linear twin overshoots along the top eigenvector of Θ₀ and blows up, while the real network escapes by shrinking its kernel (a catapult) — an effect beyond the linear picture.',
    query: 'lr=2.6',
  },
  {
    name: 'diverge',
    title: 'Far past ηc: net diverges',
    lesson:
      'η = 12 ≈ 5 ηc: each step overshoots by far more than the kernel can shrink, so the network’s loss blows up within ten steps and the run stops (at η = 2.6 and 5 the network still escapes).',
    query: 'lr=12',
  },
  {
    name: 'relu',
    title: 'ReLU instead of tanh',
    lesson:
      'Same network with ReLU: compare the derivative correlations with tanh (switch the Activation) — ReLU has no curvature except at its kinks.',
    query: 'activation=relu&width=128',
  },
  {
    name: 'spirals',
    title: '2-D classification: spirals',
    lesson:
      'Labels ±1 on two interleaved spirals: watch the network’s decision surface and its linear twin’s side by side.',
    query: 'dataset=spirals&width=512&depth=2&train=256',
  },
  // Feature alignment and early-time simplicity (numbers they were checked with: docs/early-time-and-nfa-*.md).
  {
    name: 'lazy-alignment',
    title: 'Feature alignment: lazy',
    lesson:
      'A wide network in NTK parametrization at the automatic η: the weights barely move, so UC-NFA (Feature alignment panel) stays where it started.',
    query: 'width=1024&depth=2&param=ntk&dataset=circles&steps=1000',
  },
  {
    name: 'rich-alignment',
    title: 'Feature alignment: rich',
    lesson:
      'A narrow network in standard parametrization with a large step (η = 0.15, about 0.8 of the critical rate): the weights turn towards the directions the output uses, and UC-NFA rises.',
    query: 'width=64&depth=2&param=standard&lr=0.15&dataset=circles&steps=1000',
  },
  {
    name: 'early-time',
    title: 'Early-time simplicity',
    lesson:
      'The two-layer network with f₀ ≡ 0 on high-dimensional Gaussian inputs, beside the linear model on the inputs: they agree early and part later.',
    query: 'model=early-time&width=1024&activation=tanh&lr=1&dataset=gauss&dim=100&train=256&steps=1000',
  },
];

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
