// One palette for every panel: hue says WHAT is drawn (network, linear twin, their gap, kernel
// drift, higher-order terms); a lighter tint of the same hue means "test" instead of "train";
// the linear twin is always dashed.
// Each colour is a CSS variable with the light-theme value as fallback, so the dark theme
// (styles.css, [data-theme='dark']) can re-tint SVG strokes and fills without re-rendering.
const cssVar = <N extends string, H extends string>(name: N, hex: H) => `var(--tl-c-${name}, ${hex})` as const;

export const COLORS = {
  network: cssVar('network', '#2563eb'),
  networkTest: cssVar('network-test', '#93b4f5'),
  twin: cssVar('twin', '#ea7a1a'),
  twinTest: cssVar('twin-test', '#f5bd85'),
  gap: cssVar('gap', '#7c3aed'),
  gapTest: cssVar('gap-test', '#bfa2f7'),
  drift: cssVar('drift', '#0f8a7e'),
  align: cssVar('align', '#65a30d'),
  lambda: cssVar('lambda', '#475569'),
  c2: cssVar('c2', '#dc2626'),
  c3: cssVar('c3', '#f59e0b'),
  gradChange: cssVar('grad-change', '#7c3aed'),
  gradChangeFirstOrder: cssVar('grad-change-first-order', '#c084fc'),
  firstOrderError: cssVar('first-order-error', '#64748b'),
  init: cssVar('init', '#94a3b8'),
  current: cssVar('current', '#2563eb'),
  diverged: cssVar('diverged', '#dc2626'),
  target: cssVar('target', '#1f2937'),
  targetTest: cssVar('target-test', '#9ca3af'),
  highlight: cssVar('highlight', '#111827'),
} as const;

/** stroke-dasharray used for the linear twin everywhere. */
export const TWIN_DASH = '6 4';
/** stroke-dasharray for relative / secondary variants. */
export const DOT_DASH = '1.5 3';
