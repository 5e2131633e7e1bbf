// One palette for every panel: hue says WHAT is drawn (network, linear twin, their gap, kernel
// drift, higher-order terms); a lighter tint of the same hue means "test" instead of "train";
// the linear twin is always dashed. The hues are the Okabe–Ito colour-blind-safe set (blue
// #0072B2, orange #E69F00, vermillion #D55E00, bluish green #009E73, sky blue #56B4E9, reddish
// purple #CC79A7, greys), chosen so that no two series drawn in the same panel share a hue and
// every pair stays distinct under protanopia, deuteranopia and tritanopia; line style (dashed,
// dotted) carries the second distinction where two series are related.
// Each colour is a CSS variable with the light-theme value as fallback, so the dark theme
// (styles.css, [data-theme='dark']) can re-tint SVG strokes and fills without re-rendering.
export const OKABE_ITO = {
  blue: '#0072B2',
  orange: '#E69F00',
  vermillion: '#D55E00',
  green: '#009E73',
  sky: '#56B4E9',
  purple: '#CC79A7',
  yellow: '#F0E442',
  black: '#000000',
} as const;

const cssVar = <N extends string, H extends string>(name: N, hex: H) => `var(--tl-c-${name}, ${hex})` as const;

export const COLORS = {
  network: cssVar('network', OKABE_ITO.blue),
  networkTest: cssVar('network-test', '#80b9d9'),
  twin: cssVar('twin', OKABE_ITO.orange),
  twinTest: cssVar('twin-test', '#f3cf80'),
  gap: cssVar('gap', OKABE_ITO.purple),
  gapTest: cssVar('gap-test', '#e6bcd3'),
  drift: cssVar('drift', OKABE_ITO.green),
  /** The infinite-width kernel machine (function plot, gap panel): never drawn next to the drift. */
  machine: cssVar('machine', OKABE_ITO.green),
  align: cssVar('align', OKABE_ITO.sky),
  lambda: cssVar('lambda', '#555555'),
  c2: cssVar('c2', OKABE_ITO.vermillion),
  c3: cssVar('c3', OKABE_ITO.sky),
  gradChange: cssVar('grad-change', OKABE_ITO.purple),
  gradChangeFirstOrder: cssVar('grad-change-first-order', '#e6bcd3'),
  firstOrderError: cssVar('first-order-error', '#666666'),
  init: cssVar('init', '#999999'),
  current: cssVar('current', OKABE_ITO.blue),
  diverged: cssVar('diverged', OKABE_ITO.vermillion),
  target: cssVar('target', '#1f2937'),
  targetTest: cssVar('target-test', '#9ca3af'),
  highlight: cssVar('highlight', '#111827'),
} as const;

/**
 * One hue per member of a short sequence: the hidden layers of the feature-alignment panel, the
 * steps of the early-time width sweep. CSS variables, so the dark theme gives each a tint with
 * ≥ 3:1 contrast on the card (styles.css).
 */
export const SEQUENCE_COLORS = [
  cssVar('seq-1', '#2563eb'),
  cssVar('seq-2', '#dc2626'),
  cssVar('seq-3', '#0f8a7e'),
  cssVar('seq-4', '#7c3aed'),
  cssVar('seq-5', '#ea7a1a'),
  cssVar('seq-6', '#475569'),
] as const;

/** One colour per run; CSS variables so the dark theme re-tints them (they fall back to the network / c₂ tints). */
export const RUN_COLORS = [`var(--tl-c-run-a, var(--tl-c-network, ${OKABE_ITO.blue}))`, `var(--tl-c-run-b, var(--tl-c-c2, ${OKABE_ITO.vermillion}))`] as const;

/** stroke-dasharray used for the linear twin everywhere. */
export const TWIN_DASH = '6 4';
/** stroke-dasharray of the infinite-width machine's curve (dash-dot, unlike the twin's dashes). */
export const MACHINE_DASH = '10 3 2 3';
/** stroke-dasharray for relative / secondary variants. */
export const DOT_DASH = '1.5 3';
