// The regime badge's one derivation (src/content/regime.ts): from the config alone, labelled as an
// expectation, with α taking precedence over the parametrization and width.
import { describe, expect, it } from 'vitest';
import { LAZY_ALPHA, NARROW_WIDTH, WIDE_WIDTH, formatAlpha, regimeOf } from '../../src/content/regime';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../src/schema/config';
import { ALPHA_VALUES, alphaValues } from '../../src/ui/controls/Settings';

const cfg = (patch: Partial<ExperimentConfig>): ExperimentConfig => ({ ...DEFAULT_CONFIG, ...patch });

describe('regimeOf', () => {
  it('NTK: wide is lazy because wide, narrow is rich, in between says so', () => {
    expect(regimeOf(cfg({ param: 'ntk', width: 1024 }))).toMatchObject({ kind: 'wide', label: 'lazy because wide (NTK, n = 1024)' });
    expect(regimeOf(cfg({ param: 'ntk', width: WIDE_WIDTH })).kind).toBe('wide');
    expect(regimeOf(cfg({ param: 'ntk', width: 16 }))).toMatchObject({ kind: 'narrow', label: 'rich because narrow (NTK, n = 16)' });
    expect(regimeOf(cfg({ param: 'ntk', width: NARROW_WIDTH })).kind).toBe('narrow');
    expect(regimeOf(cfg({ param: 'ntk', width: 256 }))).toMatchObject({ kind: 'between', label: 'lazier with width (NTK, n = 256)' });
    expect(regimeOf(cfg({ param: 'ntk', width: 1024 })).expectation).toContain('1/√n');
  });

  it('α > 1 wins over width and parametrization; below LAZY_ALPHA it says "lazier"', () => {
    expect(regimeOf(cfg({ width: 64, outputScale: 30 }))).toMatchObject({ kind: 'scaled', label: 'lazy because scaled (α = 30)' });
    expect(regimeOf(cfg({ width: 4096, param: 'mup', outputScale: LAZY_ALPHA })).label).toBe('lazy because scaled (α = 10)');
    expect(regimeOf(cfg({ width: 64, outputScale: 3 })).label).toBe('lazier because scaled (α = 3)');
    const r = regimeOf(cfg({ width: 64, param: 'mup', outputScale: 30 }));
    expect(r.expectation).toContain('1/30 as far');
    expect(r.expectation).toContain('μP, n = 64');
    expect(r.expectation).toContain('Chizat');
  });

  it('μP is rich at any width; standard names itself; centring at α = 1 is mentioned', () => {
    for (const width of [16, 1024, 4096]) expect(regimeOf(cfg({ param: 'mup', width }))).toMatchObject({ kind: 'mup', label: `rich at any width (μP, n = ${width})` });
    expect(regimeOf(cfg({ param: 'mup', width: 64 })).expectation).toContain('does not shrink with width');
    expect(regimeOf(cfg({ param: 'standard', width: 64 }))).toMatchObject({ kind: 'standard', label: 'standard parametrization (n = 64)' });
    expect(regimeOf(cfg({ param: 'ntk', width: 64, center: true })).expectation).toContain('centred at θ₀');
    expect(regimeOf(cfg({ param: 'ntk', width: 64 })).expectation).not.toContain('centred');
  });

  it('the early-time model is not given a lazy/rich label', () => {
    const r = regimeOf(cfg({ model: 'early-time', width: 1024, outputScale: 30 }));
    expect(r.kind).toBe('early-time');
    expect(r.label).not.toMatch(/lazy|rich/);
  });

  it('no text claims a measured number', () => {
    for (const c of [cfg({}), cfg({ outputScale: 30 }), cfg({ param: 'mup' }), cfg({ param: 'standard' }), cfg({ width: 8 })]) {
      const r = regimeOf(c);
      expect(r.expectation).not.toMatch(/%|measured/);
    }
  });
});

describe('α slider values', () => {
  it('span 1…1000 with 3, 10, 30 and 100 on the slider; a linked value is added in order', () => {
    expect(ALPHA_VALUES[0]).toBe(1);
    expect(ALPHA_VALUES.at(-1)).toBe(1000);
    for (const a of [3, 10, 30, 100]) expect(ALPHA_VALUES).toContain(a);
    expect([...ALPHA_VALUES]).toEqual([...ALPHA_VALUES].sort((a, b) => a - b));
    expect(alphaValues(40)).toContain(40);
    expect(alphaValues(30)).toHaveLength(ALPHA_VALUES.length);
    expect(formatAlpha(31.62277)).toBe('31.6');
    expect(formatAlpha(30)).toBe('30');
  });
});
