// Axis ticks for linear and log axes.
// Pure (no DOM, no React); unit-tested in tests/unit/plotMath.test.ts.
import { scaleLinear, scaleLog } from 'd3-scale';
import { formatTick } from './format';
import { type ScaleKind, isValidNumber } from './scales';

export interface Tick {
  value: number;
  label: string;
  /** Minor ticks get a short mark / faint grid line and no label. */
  major: boolean;
}

/**
 * Ticks for an axis. Linear: d3's nice ticks, all labelled. Log over more than ~1 decade: every
 * decade labelled (thinned to at most `count` labels), the 2…9 multiples as unlabelled minor
 * ticks; over a short span d3's multiples are labelled directly.
 */
export function axisTicks(kind: ScaleKind, domain: [number, number], count = 5): Tick[] {
  const [lo, hi] = domain[0] <= domain[1] ? domain : [domain[1], domain[0]];
  if (!(isValidNumber(lo) && isValidNumber(hi))) return [];
  if (kind === 'linear') {
    return scaleLinear()
      .domain([lo, hi])
      .ticks(count)
      .map((value) => ({ value, label: formatTick(value, 'linear'), major: true }));
  }
  if (lo <= 0) return [];
  const a = Math.floor(Math.log10(lo));
  const b = Math.ceil(Math.log10(hi));
  const decadesInside: number[] = [];
  for (let k = a; k <= b; k++) if (10 ** k >= lo * (1 - 1e-12) && 10 ** k <= hi * (1 + 1e-12)) decadesInside.push(k);
  if (decadesInside.length >= 2) {
    const stride = Math.max(1, Math.ceil(decadesInside.length / count));
    const out: Tick[] = [];
    for (let k = a; k <= b; k++) {
      for (let m = 1; m <= 9; m++) {
        const value = k < 0 ? m / 10 ** -k : m * 10 ** k; // exact decimal (10 ** -4 !== 1e-4)
        if (value < lo * (1 - 1e-12) || value > hi * (1 + 1e-12)) continue;
        const major = m === 1 && (k - decadesInside[0]) % stride === 0;
        // with many decades, drop the 2…9 minor ticks (too dense to read)
        if (m !== 1 && decadesInside.length > 6) continue;
        // over many decades write every label as 10ᵏ so the axis reads uniformly
        out.push({ value, label: major ? formatTick(value, 'log', decadesInside.length > 5) : '', major });
      }
    }
    return out;
  }
  // short span: d3 picks multiples (or falls back to linear ticks); label at most `count` of them
  const t = scaleLog().domain([lo, hi]).ticks(count);
  // label the "round" mantissas first (1-2-5, then 1-3, then decades) so labels are evenly readable
  const mantissa = (v: number) => Math.round(v / 10 ** Math.floor(Math.log10(v) + 1e-9));
  for (const set of [[1, 2, 5], [1, 3], [1, 2, 4, 6, 8]]) {
    const picked = t.filter((v) => set.includes(mantissa(v)) && Math.abs(v / 10 ** Math.floor(Math.log10(v) + 1e-9) - mantissa(v)) < 1e-6);
    if (picked.length >= 2 && picked.length <= count + 1) {
      const set2 = new Set(picked);
      return t.map((value) => ({ value, label: set2.has(value) ? formatTick(value, 'log') : '', major: set2.has(value) }));
    }
  }
  const stride = Math.max(1, Math.ceil(t.length / count));
  return t.map((value, i) => ({ value, label: i % stride === 0 ? formatTick(value, 'log') : '', major: i % stride === 0 }));
}
