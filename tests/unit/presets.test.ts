// Presets are plain URL queries: each must parse under the config schema with no notices, be
// distinct, and `?preset=` must resolve to the preset's settings with explicit settings winning.
import { describe, expect, it } from 'vitest';
import { PRESETS, presetByName, resolvePresetQuery } from '../../src/content/presets';
import { DEFAULT_CONFIG, configFromSearch, configToSearch, validateConfig } from '../../src/schema/config';
import { APP_PARAM_NAMES, parseAppParams } from '../../src/ui/shared/appParams';
import { actionForKey, ownsKeys } from '../../src/ui/shortcuts/keys';
import { embedSnippet, embedUrl } from '../../src/ui/shared/share';
import { regimeOf } from '../../src/content/regime';
import { presetMatching } from '../../src/ui/controls/PresetField';
import { compareFromSearch } from '../../src/schema/compare';

describe('presets', () => {
  it.each(PRESETS.map((p) => [p.name, p] as const))('%s parses with no notices and differs from the defaults', (_n, p) => {
    const { config, notices } = configFromSearch(p.query, APP_PARAM_NAMES);
    expect(notices).toEqual([]);
    expect(validateConfig(config)).toEqual([]);
    expect(configToSearch(config)).not.toBe('');
    expect(p.lesson.length).toBeGreaterThan(40);
    expect(p.name).toMatch(/^[a-z0-9-]+$/);
  });

  it('have unique names and unique settings', () => {
    expect(new Set(PRESETS.map((p) => p.name)).size).toBe(PRESETS.length);
    // compare mode is part of a preset's settings (ntk-vs-mup is lazy-wide with a μP run beside it)
    const searches = PRESETS.map((p) => `${configToSearch(configFromSearch(p.query).config)}|${new URLSearchParams(p.query).get('compare') ?? ''}`);
    expect(new Set(searches).size).toBe(PRESETS.length);
  });

  it('lazy is wider than rich, and rich uses the standard parametrization', () => {
    const lazy = configFromSearch(presetByName('lazy')!.query).config;
    const rich = configFromSearch(presetByName('rich')!.query).config;
    expect(lazy.width).toBeGreaterThanOrEqual(16 * rich.width);
    expect(lazy.param).toBe('ntk');
    expect(rich.param).toBe('standard');
  });

  it('lazy-wide, lazy-scaled and mup-wide: one mechanism each, named by the regime badge', () => {
    const wide = configFromSearch(presetByName('lazy-wide')!.query).config;
    const scaled = configFromSearch(presetByName('lazy-scaled')!.query).config;
    const mup = configFromSearch(presetByName('mup-wide')!.query).config;
    expect(wide).toMatchObject({ param: 'ntk', outputScale: 1, center: false });
    expect(scaled).toMatchObject({ param: 'ntk', width: 64, outputScale: 30 });
    expect(mup).toMatchObject({ param: 'mup', width: wide.width, outputScale: 1 });
    expect(regimeOf(wide).label).toBe('lazy because wide (NTK, n = 1024)');
    expect(regimeOf(scaled).label).toBe('lazy because scaled (α = 30)');
    expect(regimeOf(mup).label).toBe('rich at any width (μP, n = 1024)');
    // measured under the same conditions: only width, param and α differ
    for (const c of [wide, scaled, mup]) expect(c).toMatchObject({ depth: 1, steps: 500, activation: 'tanh', dataset: 'sine', lr: null, seed: 1 });
  });

  it('the menu names the preset whose settings and compare run match: ntk-vs-mup is lazy-wide with μP beside it', () => {
    const wide = configFromSearch(presetByName('lazy-wide')!.query).config;
    expect(presetMatching(wide)?.name).toBe('lazy-wide');
    expect(presetMatching(wide, { key: 'param', value: 'mup' })?.name).toBe('ntk-vs-mup');
    expect(presetMatching(wide, { key: 'param', value: 'standard' })).toBeNull();
    const narrow = configFromSearch(presetByName('narrow-vs-wide')!.query).config;
    expect(presetMatching(narrow, { key: 'width', value: 4096 })?.name).toBe('narrow-vs-wide');
    expect(presetMatching(narrow)).toBeNull(); // compare off: custom settings, not the compare preset's note
    for (const p of PRESETS) {
      const { config } = configFromSearch(p.query, APP_PARAM_NAMES);
      expect(presetMatching(config, compareFromSearch(p.query, config).spec)?.name).toBe(p.name);
    }
  });

  it('?preset= resolves to the preset query, explicit settings override it, the name is case-insensitive', () => {
    const r = resolvePresetQuery('?preset=Rich&seed=7&theme=dark');
    expect(r.notice).toBeNull();
    const q = new URLSearchParams(r.search);
    expect(q.get('preset')).toBeNull();
    expect(q.get('width')).toBe('16');
    expect(q.get('seed')).toBe('7');
    expect(q.get('theme')).toBe('dark');
    const { config, notices } = configFromSearch(r.search, APP_PARAM_NAMES);
    expect(notices).toEqual([]);
    expect(config).toMatchObject({ width: 16, param: 'standard', lr: 0.2, seed: 7 });
  });

  it('an unknown preset gives a notice naming the choices and leaves the other settings', () => {
    const r = resolvePresetQuery('preset=nope&width=32');
    expect(r.notice).toContain('"nope"');
    expect(r.notice).toContain('lazy');
    expect(r.search).toBe('width=32');
  });

  it('no preset: query unchanged', () => {
    expect(resolvePresetQuery('?width=32').search).toBe('width=32');
    expect(configFromSearch('', APP_PARAM_NAMES).config).toEqual(DEFAULT_CONFIG);
  });
});

describe('app params', () => {
  it('parses page, embed, theme and large, with notices for bad values', () => {
    const ok = parseAppParams('?page=tour&theme=dark&large=yes&embed=Drift&backend=WASM');
    expect(ok.params).toMatchObject({ page: 'tour', embed: 'drift', theme: 'dark', large: true, backend: 'wasm' });
    expect(ok.notices).toEqual([]);
    const bad = parseAppParams('page=x&theme=blue&large=maybe&backend=tpu');
    expect(bad.params).toMatchObject({ page: 'lab', embed: null, theme: null, large: false, backend: null });
    expect(bad.notices).toHaveLength(4);
    expect(bad.notices[3]).toBe('backend="tpu" is not valid: expected one of webgpu, webgl, wasm, cpu; choosing the fastest automatically.');
    // the one string → boolean rule: the same words as the config's boolean fields
    expect(configFromSearch('?bias=yes').config.bias).toBe(true);
    expect(parseAppParams('?large=off').params.large).toBe(false);
  });
  it('app params are not "unknown settings"', () => {
    expect(configFromSearch('?page=tour&theme=dark&large=1&embed=drift&preset=lazy&backend=cpu', APP_PARAM_NAMES).notices).toEqual([]);
  });
});

describe('shortcuts', () => {
  const k = (key: string, mods: Partial<KeyboardEvent> = {}) => actionForKey({ key, ctrlKey: false, metaKey: false, altKey: false, ...mods });
  it('maps keys to actions', () => {
    expect(k(' ')).toEqual({ type: 'toggle-play' });
    expect(k('ArrowRight')).toEqual({ type: 'step' });
    expect(k('r')).toEqual({ type: 'reset' });
    expect(k('F')).toEqual({ type: 'fullscreen' });
    expect(k('?')).toEqual({ type: 'help' });
    expect(k('3')).toEqual({ type: 'preset', index: 2 });
    expect(k('0')).toBeNull();
    expect(k('r', { ctrlKey: true })).toBeNull();
  });
  it('ownsKeys is false without an element', () => {
    expect(ownsKeys(null, ' ')).toBe(false);
  });
});

describe('embed', () => {
  it('embed URL and snippet keep the settings, drop preset/page and escape the attribute', () => {
    const u = embedUrl('https://x.org/lab/?width=64&preset=lazy&page=tour', 'drift');
    expect(u).toBe('https://x.org/lab/?width=64&embed=drift');
    const s = embedSnippet('https://x.org/lab/?width=64&lr=0.5', 'gap', 'Network vs linear model');
    expect(s).toContain('src="https://x.org/lab/?width=64&amp;lr=0.5&amp;embed=gap"');
    expect(s).toContain('width="640" height="360"');
  });
  it('names the view a panel of several plots opens on (part), and drops a part left in the page URL', () => {
    expect(embedUrl('https://x.org/lab/?width=64&part=vectors', 'modes', 'spectrum')).toBe('https://x.org/lab/?width=64&embed=modes&part=spectrum');
    expect(embedUrl('https://x.org/lab/?width=64&part=vectors', 'drift')).toBe('https://x.org/lab/?width=64&embed=drift');
    expect(embedSnippet('https://x.org/lab/?width=64', 'nfa', 'Feature alignment', 'matrices')).toContain('src="https://x.org/lab/?width=64&amp;embed=nfa&amp;part=matrices"');
  });
});
