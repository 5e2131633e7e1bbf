// Pure helpers for the "Show data" tables: which rows/columns to show when there are too many,
// and how to print a number in a table cell.
import { formatNumber } from './plotMath';

/**
 * At most `max` indices into 0..n−1, evenly spaced, always including the first and the last
 * (so a table of a long run shows its start and its latest row). All indices when n ≤ max.
 */
export function sampleIndices(n: number, max: number): number[] {
  if (n <= 0 || max <= 0) return [];
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  if (max === 1) return [n - 1];
  const out: number[] = [];
  for (let k = 0; k < max; k++) {
    const i = Math.round((k * (n - 1)) / (max - 1));
    if (out[out.length - 1] !== i) out.push(i);
  }
  return out;
}

/** A table cell: numbers with 4 significant digits, missing values as an en dash. */
export function cellText(v: number | string | null | undefined): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'string') return v;
  return Number.isFinite(v) ? formatNumber(v, 4) : Number.isNaN(v) ? '–' : String(v);
}
