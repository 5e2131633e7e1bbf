import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../src/schema/config';
import { configToJson, parseConfigFile } from '../../src/schema/configFile';

describe('config files', () => {
  it('round-trips a non-default config through configToJson / parseConfigFile', () => {
    const c: ExperimentConfig = { ...DEFAULT_CONFIG, width: 1024, lr: 0.05, sigmaW2: null, dataset: 'gauss', dim: 64, model: 'early-time', digits: '2vrest', mnistRes: 28, lrWidthExp: 1, bias: false };
    const r = parseConfigFile(configToJson(c));
    expect(r).toEqual({ ok: true, config: c, notices: [] });
    expect(JSON.parse(configToJson(DEFAULT_CONFIG)).lr).toBeNull();
  });

  it('missing keys take their defaults; "auto" and null both mean auto', () => {
    const r = parseConfigFile('{"width": 64, "lr": "auto", "sigmaW2": null}');
    expect(r).toEqual({ ok: true, config: { ...DEFAULT_CONFIG, width: 64, lr: null, sigmaW2: null }, notices: [] });
    expect(parseConfigFile('{}')).toEqual({ ok: true, config: { ...DEFAULT_CONFIG }, notices: [] });
  });

  it('a value of the right type out of range gets a notice naming the field, range and default', () => {
    const r = parseConfigFile('{"width": 5, "depth": 3, "digits": "4v4"}');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config).toEqual({ ...DEFAULT_CONFIG, depth: 3 });
    expect(r.notices).toEqual([
      'width=5 is not valid: expected an integer from 8 to 4096; using the default 256.',
      'digits="4v4" is not valid: expected two different digits as <d>v<d> or <d>vrest (e.g. 0v7, 3vrest); using the default 0v7.',
    ]);
  });

  it.each([
    ['{"width": 64', /not valid JSON/],
    ['', /not valid JSON/],
    ['[1, 2]', /must hold a JSON object of settings, not an array/],
    ['42', /not number 42/],
    ['null', /not null/],
    ['{"width": 64, "colour": "red"}', /Unknown setting "colour"/],
    ['{"width": "64"}', /"width" in the config file must be a number \(an integer from 8 to 4096\), not the string "64"/],
    ['{"bias": "yes"}', /"bias" .* must be true or false/],
    ['{"lr": "fast"}', /"lr" .* must be a number or "auto"/],
    ['{"activation": 1}', /"activation" .* must be a string \(one of relu, tanh, erf, linear\), not number 1/],
    ['{"width": [64]}', /not an array/],
    ['{"width": {"value": 64}}', /not an object/],
  ])('rejects %s with a clear error', (text, re) => {
    const r = parseConfigFile(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatch(re);
  });
});
