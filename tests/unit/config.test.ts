import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CONFIG,
  FIELDS,
  configFromSearch,
  configToSearch,
  fromSliderPosition,
  APP_PARAMS,
  parseDigits,
  parseFieldValue,
  toSliderPosition,
  validateConfig,
  type ExperimentConfig,
} from '../../src/schema/config';
import { parseCliArgs } from '../../src/cli/args';

describe('config schema', () => {
  it('defaults are valid and the default URL is empty', () => {
    expect(validateConfig({ ...DEFAULT_CONFIG })).toEqual([]);
    expect(configToSearch({ ...DEFAULT_CONFIG })).toBe('');
  });

  it('round-trips a non-default config through the URL', () => {
    const c: ExperimentConfig = {
      ...DEFAULT_CONFIG,
      width: 4096,
      depth: 6,
      activation: 'relu',
      param: 'standard',
      lr: 0.0123,
      sigmaW2: 2,
      sigmaB2: 0,
      bias: false,
      dataset: 'spirals',
      train: 100,
      test: 50,
      seed: 42,
      optimizer: 'sgd',
      batch: 8,
      steps: 777,
      logEvery: 3,
      model: 'early-time',
      dim: 2,
      mnistRes: 28,
      digits: '4vrest',
      lrWidthExp: -0.5,
    };
    const s = configToSearch(c);
    const back = configFromSearch(s);
    expect(back.notices).toEqual([]);
    expect(back.config).toEqual(c);
  });

  it('round-trips every field value at its bounds', () => {
    for (const f of FIELDS) {
      const values: unknown[] =
        f.kind === 'enum' || f.kind === 'choice'
          ? [...f.values]
          : f.kind === 'bool'
            ? [true, false]
            : f.kind === 'text'
              ? [f.default, '9v0', '3vrest']
              : [f.min, f.max];
      for (const v of values) {
        const c = { ...DEFAULT_CONFIG, [f.key]: v } as ExperimentConfig;
        expect(configFromSearch(configToSearch(c)).config[f.key]).toEqual(v);
      }
    }
  });

  it.each([
    ['width=banana', 'width'],
    ['width=7', 'width'],
    ['width=4097', 'width'],
    ['width=256.5', 'width'],
    ['depth=0', 'depth'],
    ['lr=-1', 'lr'],
    ['lr=NaN', 'lr'],
    ['lr=Infinity', 'lr'],
    ['lr=', 'lr'],
    ['activation=sigmoid', 'activation'],
    ['bias=maybe', 'bias'],
    ['seed=1e3', 'seed'],
    ['optimizer=adam', 'optimizer'],
    ['model=cnn', 'model'],
    ['dim=1', 'dim'],
    ['dim=1025', 'dim'],
    ['mnist-res=20', 'mnist-res'],
    ['digits=3v3', 'digits'],
    ['digits=37', 'digits'],
    ['digits=10v2', 'digits'],
    ['lr-width-exp=2.5', 'lr-width-exp'],
    ['lr-width-exp=auto', 'lr-width-exp'],
    ['dataset=cifar', 'dataset'],
  ])('rejects %s with a notice and falls back to the default', (q, key) => {
    const { config, notices } = configFromSearch('?' + q);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(key);
    expect(notices[0]).toMatch(/default/);
    const f = FIELDS.find((x) => x.name === key)!;
    expect(config[f.key]).toEqual(DEFAULT_CONFIG[f.key]);
  });

  it('reports unknown parameters but ignores app-level parameters (APP_PARAMS)', () => {
    expect(configFromSearch('?foo=1').notices[0]).toMatch(/Unknown setting "foo"/);
    expect(configFromSearch('?backend=cpu').notices).toEqual([]);
    const app = APP_PARAMS.map((p) => `${p.name}=x`).join('&');
    expect(configFromSearch('?' + app + '&width=64')).toEqual({ config: { ...DEFAULT_CONFIG, width: 64 }, notices: [] });
  });

  it('notices name the field, its allowed range and the default used', () => {
    expect(configFromSearch('?dim=5000').notices).toEqual(['dim="5000" is not valid: expected an integer from 2 to 1024; using the default 100.']);
    expect(configFromSearch('?digits=3v3').notices[0]).toBe(
      'digits="3v3" is not valid: expected two different digits as <d>v<d> or <d>vrest (e.g. 0v7, 3vrest); using the default 0v7.',
    );
    expect(configFromSearch('?mnist-res=7').notices[0]).toMatch(/expected one of 14, 28; using the default 14/);
  });

  it('the new fields leave the defaults of today unchanged', () => {
    expect(DEFAULT_CONFIG).toMatchObject({ dataset: 'sine', model: 'mlp', dim: 100, mnistRes: 14, digits: '0v7', lrWidthExp: 0 });
    expect(parseDigits('0v7')).toEqual({ positive: 0, negative: 7 });
    expect(parseDigits('3vrest')).toEqual({ positive: 3, negative: null });
    expect(() => parseDigits('3v3')).toThrow(/digit task/);
  });

  it('a later valid value wins over an earlier invalid one, and the reverse falls back to the default', () => {
    expect(configFromSearch('?width=5&width=64').config.width).toBe(64);
    expect(configFromSearch('?width=64&width=5').config.width).toBe(DEFAULT_CONFIG.width);
  });

  it('validateConfig checks whole objects: wrong types, bounds, missing and unknown keys', () => {
    expect(validateConfig({ ...DEFAULT_CONFIG, width: 7 })).toEqual(['width=7 is not valid: expected an integer from 8 to 4096']);
    expect(validateConfig({ ...DEFAULT_CONFIG, lr: 'fast' })[0]).toMatch(/^lr="fast" is not valid: expected a number from 0.00001 to 1000 or "auto"/);
    expect(validateConfig({ ...DEFAULT_CONFIG, sigmaB2: NaN })[0]).toMatch(/^sigma-b2=/);
    const { width: _w, ...noWidth } = DEFAULT_CONFIG;
    void _w;
    expect(validateConfig(noWidth)).toEqual(['width is missing: expected an integer from 8 to 4096']);
    expect(validateConfig({ ...DEFAULT_CONFIG, colour: 'red' })).toEqual(['Unknown setting "colour"']);
    expect(validateConfig(null).length).toBe(1);
  });

  it('accepts lr=auto and numbers in exponent form', () => {
    expect(configFromSearch('?lr=auto').config.lr).toBeNull();
    expect(configFromSearch('?lr=1e-2').config.lr).toBe(0.01);
    expect(parseFieldValue(FIELDS.find((f) => f.name === 'activation')!, 'ReLU')).toEqual({ ok: true, value: 'relu' });
  });

  it('slider position ↔ value is monotone and inverts on the log scale', () => {
    const width = FIELDS.find((f) => f.name === 'width')!;
    expect(fromSliderPosition(width, 0)).toBe(8);
    expect(fromSliderPosition(width, 1)).toBe(4096);
    for (const v of [8, 16, 256, 1000, 4096]) expect(fromSliderPosition(width, toSliderPosition(width, v))).toBe(v);
  });
});

describe('CLI flags use the same schema', () => {
  it('parses --name value and --name=value', () => {
    const a = parseCliArgs(['train', '--width', '64', '--depth=3', '--lr', '0.1', '--log-every', '5', '--json']);
    expect(a.command).toBe('train');
    expect(a.json).toBe(true);
    expect(a.config).toMatchObject({ width: 64, depth: 3, lr: 0.1, logEvery: 5 });
  });
  it('rejects a bad value naming the flag and its range', () => {
    expect(() => parseCliArgs(['train', '--width', '5'])).toThrow(/--width=.*an integer from 8 to 4096/);
    expect(() => parseCliArgs(['train', '--activation', 'swish'])).toThrow(/activation.*relu, tanh, erf, linear/);
  });
  it('rejects unknown flags and missing values', () => {
    expect(() => parseCliArgs(['train', '--widht', '64'])).toThrow(/unknown flag --widht/);
    expect(() => parseCliArgs(['train', '--width'])).toThrow(/needs a value/);
  });
});
