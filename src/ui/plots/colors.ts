// One palette for every panel: hue says WHAT is drawn (network, linear twin, their gap, kernel
// drift, higher-order terms); a lighter tint of the same hue means "test" instead of "train";
// the linear twin is always dashed. The hues are the Okabe–Ito colour-blind-safe set (blue
// #0072B2, orange #E69F00, vermillion #D55E00, bluish green #009E73, sky blue #56B4E9, reddish
// purple #CC79A7, greys), chosen so that no two series drawn in the same panel share a hue and
// every pair stays distinct under protanopia, deuteranopia and tritanopia; line style (dashed,
// dotted) carries the second distinction where two series are related.
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

export const COLORS = {
  network: OKABE_ITO.blue,
  networkTest: '#80b9d9',
  twin: OKABE_ITO.orange,
  twinTest: '#f3cf80',
  gap: OKABE_ITO.purple,
  gapTest: '#e6bcd3',
  drift: OKABE_ITO.green,
  align: OKABE_ITO.sky,
  lambda: '#555555',
  c2: OKABE_ITO.vermillion,
  c3: OKABE_ITO.sky,
  gradChange: OKABE_ITO.purple,
  gradChangeFirstOrder: '#e6bcd3',
  firstOrderError: '#666666',
  init: '#999999',
  current: OKABE_ITO.blue,
  diverged: OKABE_ITO.vermillion,
  target: '#1f2937',
  targetTest: '#9ca3af',
  highlight: '#111827',
} as const;

/** stroke-dasharray used for the linear twin everywhere. */
export const TWIN_DASH = '6 4';
/** stroke-dasharray for relative / secondary variants. */
export const DOT_DASH = '1.5 3';
