// One palette for every panel: hue says WHAT is drawn (network, linear twin, their gap, kernel
// drift, higher-order terms); a lighter tint of the same hue means "test" instead of "train";
// the linear twin is always dashed.
export const COLORS = {
  network: '#2563eb',
  networkTest: '#93b4f5',
  twin: '#ea7a1a',
  twinTest: '#f5bd85',
  gap: '#7c3aed',
  gapTest: '#bfa2f7',
  drift: '#0f8a7e',
  align: '#65a30d',
  lambda: '#475569',
  c2: '#dc2626',
  c3: '#f59e0b',
  gradChange: '#7c3aed',
  gradChangeFirstOrder: '#c084fc',
  firstOrderError: '#64748b',
  init: '#94a3b8',
  current: '#2563eb',
  diverged: '#dc2626',
  target: '#1f2937',
  targetTest: '#9ca3af',
  highlight: '#111827',
} as const;

/** stroke-dasharray used for the linear twin everywhere. */
export const TWIN_DASH = '6 4';
/** stroke-dasharray for relative / secondary variants. */
export const DOT_DASH = '1.5 3';
