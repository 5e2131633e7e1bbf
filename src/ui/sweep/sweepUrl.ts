// The sweep's own URL parameters (the rest of the settings are the Lab's config): `view=sweep`,
// `widths=16,32,…`, `seeds=5` (all three in the config schema's APP_PARAMS). Bad values → a notice
// and the default. α (η = η₀·n^α) is the config field lrWidthExp (`lr-width-exp`), not a sweep param.

export interface SweepSettings {
  widths: number[];
  seeds: number;
  /** η = η₀·n^α: mirrors the config's lrWidthExp (the App fills it in from the config). */
  alpha: number;
}

/** Widths offered by the Sweep form (powers of two). */
export const WIDTH_CHOICES: readonly number[] = [16, 32, 64, 128, 256, 512, 1024, 2048, 4096];
export const DEFAULT_SWEEP: Readonly<SweepSettings> = Object.freeze({ widths: [16, 32, 64, 128, 256, 512, 1024, 2048], seeds: 5, alpha: 0 });
export const WIDTH_RANGE = [8, 4096] as const;
export const SEEDS_RANGE = [1, 20] as const;
export const ALPHA_RANGE = [-2, 2] as const;
/** URL parameters owned by the sweep (never "unknown settings" for the Lab's config parser). */
export const SWEEP_URL_PARAMS = ['view', 'widths', 'seeds'] as const;

export type AppView = 'lab' | 'sweep';

export function viewFromSearch(search: string): AppView {
  return new URLSearchParams(search).get('view') === 'sweep' ? 'sweep' : 'lab';
}

/** "16,32,64" → sorted distinct widths, or an error naming the bad entry. */
export function parseWidths(raw: string): { ok: true; value: number[] } | { ok: false; error: string } {
  const parts = raw.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0) return { ok: false, error: 'widths is empty' };
  const out = new Set<number>();
  for (const p of parts) {
    const v = Number(p);
    if (!/^\d+$/.test(p) || !Number.isInteger(v) || v < WIDTH_RANGE[0] || v > WIDTH_RANGE[1])
      return { ok: false, error: `widths: "${p}" is not a whole number in ${WIDTH_RANGE[0]}…${WIDTH_RANGE[1]}` };
    out.add(v);
  }
  return { ok: true, value: [...out].sort((a, b) => a - b) };
}

/** The sweep settings in a query string, plus one notice per rejected value. */
export function sweepFromSearch(search: string): { settings: SweepSettings; notices: string[] } {
  const q = new URLSearchParams(search);
  const settings: SweepSettings = { ...DEFAULT_SWEEP, widths: [...DEFAULT_SWEEP.widths] };
  const notices: string[] = [];
  const w = q.get('widths');
  if (w !== null) {
    const r = parseWidths(w);
    if (r.ok) settings.widths = r.value;
    else notices.push(`${r.error}; using the default ${DEFAULT_SWEEP.widths.join(',')}.`);
  }
  const s = q.get('seeds');
  if (s !== null) {
    const v = Number(s);
    if (/^\d+$/.test(s.trim()) && v >= SEEDS_RANGE[0] && v <= SEEDS_RANGE[1]) settings.seeds = v;
    else notices.push(`seeds=${JSON.stringify(s)} is not a whole number in ${SEEDS_RANGE[0]}…${SEEDS_RANGE[1]}; using the default ${DEFAULT_SWEEP.seeds}.`);
  }
  return { settings, notices };
}

/** Query entries for the sweep settings (only the non-default ones, plus view=sweep); α is the config's. */
export function sweepToEntries(view: AppView, s: SweepSettings): [string, string][] {
  if (view !== 'sweep') return [];
  const out: [string, string][] = [['view', 'sweep']];
  if (s.widths.join(',') !== DEFAULT_SWEEP.widths.join(',')) out.push(['widths', s.widths.join(',')]);
  if (s.seeds !== DEFAULT_SWEEP.seeds) out.push(['seeds', String(s.seeds)]);
  return out;
}

/** The sweep parameters present in a query string, to carry them over when the Lab rewrites the URL. */
export function sweepParamsOf(search: string): Record<string, string> {
  const q = new URLSearchParams(search);
  const out: Record<string, string> = {};
  for (const k of SWEEP_URL_PARAMS) {
    const v = q.get(k);
    if (v !== null) out[k] = v;
  }
  return out;
}

/** `search` with the sweep parameters replaced by `entries` (others kept in order). */
export function withSweepParams(search: string, entries: readonly [string, string][]): string {
  const q = new URLSearchParams(search);
  for (const k of SWEEP_URL_PARAMS) q.delete(k);
  for (const [k, v] of entries) q.set(k, v);
  const s = q.toString().replace(/%2C/gi, ',');
  return s ? `?${s}` : '';
}
