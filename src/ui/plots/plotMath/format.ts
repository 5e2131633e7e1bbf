// Number formatting for labels and tooltips (powers of ten with superscripts, trimmed decimals).
// Pure (no DOM, no React); unit-tested in tests/unit/plotMath.test.ts.
import type { ScaleKind } from './scales';

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** 10^k written with superscripts ("10⁻³"); 1 and 10 written plainly. */
export function formatPow10(k: number): string {
  if (k === 0) return '1';
  if (k === 1) return '10';
  return '10' + String(k).replace(/[-0-9]/g, (c) => SUPERSCRIPT[c]);
}

/** Below this magnitude a readout says "< 10⁻¹²" instead of printing float round-off such as 1.32×10⁻²⁵⁸. */
export const TINY = 1e-12;

/** A compact human label for a number: 3 significant digits, k/M suffixes, exponents for small values, "< 10⁻¹²" below TINY. */
export function formatNumber(v: number | null | undefined, digits = 3): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  const sign = v < 0 ? '−' : '';
  if (a < TINY) return v < 0 ? '> −' + formatPow10(-12) : '< ' + formatPow10(-12);
  if (a >= 1e9 || a < 1e-3) {
    const [m, e] = a.toExponential(Math.max(0, digits - 1)).split('e');
    return sign + trimZeros(m) + '×' + formatPow10(Number(e));
  }
  if (a >= 1e6) return sign + trimZeros((a / 1e6).toPrecision(digits)) + 'M';
  if (a >= 1e4) return sign + trimZeros((a / 1e3).toPrecision(digits)) + 'k';
  if (a >= 1e3) return sign + String(Math.round(a));
  return sign + trimZeros(a.toPrecision(digits));
}

function trimZeros(s: string): string {
  return s.includes('.') && !s.includes('e') ? s.replace(/\.?0+$/, '') : s;
}

/** A tick label for an axis value: exact powers of ten as 10ᵏ, the rest compact. */
export function formatTick(v: number, kind: ScaleKind, allPow10 = false): string {
  if (kind === 'log' && v > 0) {
    const k = Math.round(Math.log10(v));
    if (Math.abs(v - 10 ** k) <= 1e-9 * 10 ** k && (allPow10 || k <= -3 || k >= 4)) return formatPow10(k);
  }
  if (Math.abs(v) < 1e-12) return '0';
  return formatNumber(v, 3);
}
