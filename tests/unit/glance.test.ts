// The Lab's at-a-glance split and the view=tour alias.
import { describe, expect, it } from 'vitest';
import { panelsFor } from '../../src/ui/panels/registry';
import { GLANCE_KEYS, splitGlance } from '../../src/ui/app/LabPanels';
import { parseUrlParams } from '../../src/schema/url';

const keys = (ps: readonly { key: string }[]) => ps.map((p) => p.key);

describe('splitGlance', () => {
  it('the MLP lab: the four core plots at a glance, in reading order; every other panel is a view tab', () => {
    const { glance, more } = splitGlance(panelsFor('mlp', 'sine'));
    expect(keys(glance)).toEqual(['function', 'drift', 'gap', 'correlations']);
    expect(keys(more)).toEqual(keys(panelsFor('mlp', 'sine')).filter((k) => !GLANCE_KEYS.includes(k)));
    expect(keys(more)).toEqual(expect.arrayContaining(['loss', 'modes', 'ntk', 'pair', 'nfa']));
    expect([...keys(glance), ...keys(more)].sort()).toEqual(keys(panelsFor('mlp', 'sine')).slice().sort());
  });
  it('mnist adds the digit grid as a tab, not to the glance', () => {
    const { glance, more } = splitGlance(panelsFor('mlp', 'mnist'));
    expect(keys(glance)).toEqual([...GLANCE_KEYS]);
    expect(keys(more)).toContain('digits');
  });
  it('the early-time model (no core plot) shows its own panel first, the rest as tabs', () => {
    const { glance, more } = splitGlance(panelsFor('early-time', 'gauss'));
    expect(keys(glance)).toEqual(['early-time']);
    expect(keys(more)).toEqual(['nfa']);
  });
});

describe('view=tour', () => {
  it('opens the tour like page=tour, without a notice', () => {
    const r = parseUrlParams('?view=tour&theme=dark');
    expect(r.params.page).toBe('tour');
    expect(r.params.view).toBe('lab');
    expect(r.notices).toEqual([]);
    expect(parseUrlParams('?view=TOUR').params.page).toBe('tour');
  });
  it('view=sweep and bad views behave as before', () => {
    expect(parseUrlParams('?view=sweep').params).toMatchObject({ page: 'lab', view: 'sweep' });
    const bad = parseUrlParams('?view=nope');
    expect(bad.params.page).toBe('lab');
    expect(bad.notices[0]).toMatch(/view="nope" is not valid: expected lab, sweep or tour/);
  });
});

describe('readouts in a fixed, readable format', () => {
  it('no float round-off such as 1.32×10⁻²⁵⁸: below 10⁻¹² a readout says so', async () => {
    const { formatNumber } = await import('../../src/ui/plots/plotMath/format');
    expect(formatNumber(1.32e-258)).toBe('< 10⁻¹²');
    expect(formatNumber(-4e-20)).toBe('> −10⁻¹²');
    expect(formatNumber(2.5e-12)).toBe('2.5×10⁻¹²');
    expect(formatNumber(0.00326)).toBe('0.00326');
  });
});

describe('a log axis that one blown-up series cannot squash', () => {
  it('caps the top at 10⁶ and spans at most 14 decades', async () => {
    const { clampDomain, STEP_LOG_CLAMP } = await import('../../src/ui/plots/plotMath/clamp');
    expect(clampDomain([1e-3, 1e29], 'log', STEP_LOG_CLAMP)).toEqual([1e-3, 1e6]);
    expect(clampDomain([1e-12, 1e29], 'log', STEP_LOG_CLAMP)).toEqual([1e-8, 1e6]);
    expect(clampDomain([1e-3, 2], 'log', STEP_LOG_CLAMP)).toEqual([1e-3, 2]);
    expect(clampDomain([-1, 1e29], 'linear', STEP_LOG_CLAMP)).toEqual([-1, 1e29]);
    expect(clampDomain([1e-3, 1e29], 'log', undefined)).toEqual([1e-3, 1e29]);
  });
});

describe('sweep estimate before Run', () => {
  it('follows the timed cost model and grows with steps, widths², seeds and depth', async () => {
    const { runMs, sweepMs, formatEstimate } = await import('../../src/ui/sweep/sweepEstimate');
    const cfg = { depth: 2, steps: 2000 };
    // measured on a 2-core machine (wasm, depth 2, 2000 steps): width 16 ≈ 5 s, 128 ≈ 12 s, 256 ≈ 32 s per run
    expect(runMs(cfg, 16) / 1000).toBeCloseTo(2.55, 1);
    expect(runMs(cfg, 256) / 1000).toBeCloseTo(16.3, 0);
    expect(sweepMs(cfg, [16, 32], 3)).toBeCloseTo(3 * (runMs(cfg, 16) + runMs(cfg, 32)), 6);
    expect(sweepMs({ depth: 3, steps: 2000 }, [256], 1)).toBeGreaterThan(runMs(cfg, 256));
    expect(formatEstimate(sweepMs(cfg, [16, 32, 64, 128], 3))).toMatch(/^about \d+ s$/);
    expect(formatEstimate(40 * 60_000)).toBe('about 40 min');
    expect(formatEstimate(2 * 3600_000 + 5 * 60_000)).toBe('about 2 h 5 min');
  });
});

describe('dark theme: every series colour and the mode ramp meet WCAG non-text contrast (3:1) on the card', () => {
  const lum = (hex: string) => {
    const h = hex.replace('#', '');
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const contrast = (a: string, b: string) => {
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (hi! + 0.05) / (lo! + 0.05);
  };
  it('series variables of html[data-theme=dark]', async () => {
    const { readFileSync } = await import('node:fs');
    const css = readFileSync(new URL('../../src/ui/app/styles.css', import.meta.url), 'utf8');
    const block = css.slice(css.indexOf("html[data-theme='dark'] {"));
    const vars = Object.fromEntries([...block.slice(0, block.indexOf('}')).matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{6})/g)].map((m) => [m[1], m[2]]));
    const card = vars['card']!;
    const series = Object.entries(vars).filter(([k]) => k.startsWith('tl-c-'));
    expect(series.length).toBeGreaterThan(15);
    for (const [k, v] of series) expect(contrast(v!, card), `${k} ${v}`).toBeGreaterThanOrEqual(3);
  });
  it('every colour variable of the plots (colors.ts) — its dark value, or its fallback where the dark theme sets none', async () => {
    const { readFileSync } = await import('node:fs');
    const css = readFileSync(new URL('../../src/ui/app/styles.css', import.meta.url), 'utf8');
    const block = css.slice(css.indexOf("html[data-theme='dark'] {"));
    const dark = Object.fromEntries([...block.slice(0, block.indexOf('}')).matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{6})/g)].map((m) => [m[1], m[2]]));
    const src = readFileSync(new URL('../../src/ui/plots/colors.ts', import.meta.url), 'utf8');
    const { OKABE_ITO } = await import('../../src/ui/plots/colors');
    const vars = [...src.matchAll(/cssVar\('([\w-]+)',\s*(?:'(#[0-9a-fA-F]{6})'|OKABE_ITO\.(\w+))\)/g)].map((m) => ({
      name: m[1]!,
      fallback: m[2] ?? OKABE_ITO[m[3] as keyof typeof OKABE_ITO],
    }));
    expect(vars.map((v) => v.name)).toEqual(expect.arrayContaining(['network', 'seq-1', 'seq-4', 'seq-6']));
    for (const v of vars) {
      const shown = dark[`tl-c-${v.name}`] ?? v.fallback;
      expect(contrast(shown, dark['card']!), `--tl-c-${v.name} ${shown}`).toBeGreaterThanOrEqual(3);
    }
  });
  it('the eigenmode ramp, brightest first (k = 1)', async () => {
    const { modeColors } = await import('../../src/ui/panels/modesData');
    const { parseColor } = await import('../../src/ui/plots/plotMath/colorScale');
    const hex = (c: string) => '#' + parseColor(c).slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
    const colors = modeColors(Array.from({ length: 16 }, (_, i) => 16 - i), true).map(hex);
    for (const c of colors) expect(contrast(c, '#171e28'), c).toBeGreaterThanOrEqual(3);
    expect(lum(colors[0]!)).toBeGreaterThan(lum(colors[15]!));
  });
});
