// Seeded fuzz test of the config schema's three entry points (URL query, CLI flags, config file):
// malformed values never throw, every rejected value gets a notice naming it, every resolved value
// lies inside its field's bounds, the CLI answers invalid flags with exit status 2 and one line, and
// no input pollutes Object.prototype. The seed is fixed and printed; FUZZ_SEED=<n> replays another.
import { afterEach, describe, expect, it } from 'vitest';
import { FIELDS, configFromSearch, parseFieldValue, type ExperimentConfig, type Field } from '../../src/schema/config';
import { parseConfigFile } from '../../src/schema/configFile';
import { malformedEscapeNotice } from '../../src/schema/url';
import { main } from '../../src/cli/main';
import { parseCliArgs } from '../../src/cli/args';
import { mulberry32 } from '../reference/mulberry32';

const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const CASES = 250;

type Rng = () => number;
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

/** Malformed (or borderline) raw string values. */
const BAD_STRINGS = [
  '', ' ', 'NaN', 'nan', 'Infinity', '-Infinity', '1e999', '-1e999', '1e-999', '0x10', '0b11', '0o7', '1_000',
  '１２８', '٣', '²', '∞', '−1', '-1', '-0', '+5', '99999999999999999999999', '1.5', '.5', '5.', '1e3', '1E+2', '  64  ',
  'true', 'yes', 'off', 'auto', 'AUTO', 'null', 'undefined', '[]', '{}', '[1]', '{"a":1}', '__proto__', 'constructor',
  'toString', 'relu', 'TANH', 'ntk', 'sgd', '0v7', '7v7', '3vrest', 'v', '\u0000', '\n', '%', '%zz', '😀', 'a'.repeat(500),
  '<script>alert(1)</script>', "'; DROP TABLE", '1,2', '1;2', '64&width=8', '=', '==', '#', '?',
];
const BAD_NAMES = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'Width', 'WIDTH', 'widht', '', ' ', 'lr[]', 'a.b', '😀', '\n', 'sigmaW2', 'logEvery'];

function randomValue(r: Rng, f: Field): string {
  const k = r();
  if (k < 0.6) return pick(r, BAD_STRINGS);
  if (k < 0.8) {
    const n = pick(r, [0, -1, 1, 7, 8, 2 ** 31, 2 ** 53 + 1, 1e308, -1e308, 1e-320, 0.5, 4096, 4097, 2147483648]);
    return String(n * (r() < 0.2 ? -1 : 1));
  }
  if (f.kind === 'int' || f.kind === 'number') return String(r() < 0.5 ? f.min - r() * 10 : f.max + 1 + r() * 1e6);
  return String(int(r, -5, 5000));
}

function randomEntry(r: Rng): [string, string] {
  const f = pick(r, FIELDS);
  const name = r() < 0.15 ? pick(r, BAD_NAMES) : f.name;
  return [name, randomValue(r, f)];
}

/** Every field of the config holds a value allowed by its field description. */
function expectInBounds(config: ExperimentConfig, context: string): void {
  expect(Object.keys(config).sort(), context).toEqual(FIELDS.map((f) => f.key).sort());
  for (const f of FIELDS) {
    const v: unknown = config[f.key];
    const where = `${context}: ${f.key}=${String(v)}`;
    switch (f.kind) {
      case 'int':
        expect(Number.isInteger(v), where).toBe(true);
        expect((v as number) >= f.min && (v as number) <= f.max, where).toBe(true);
        break;
      case 'number':
        if (v === null) expect(f.auto, where).toBe(true);
        else {
          expect(Number.isFinite(v), where).toBe(true);
          expect((v as number) >= f.min && (v as number) <= f.max, where).toBe(true);
        }
        break;
      case 'enum':
        expect(f.values.includes(v as string), where).toBe(true);
        break;
      case 'choice':
        expect(f.values.includes(v as number), where).toBe(true);
        break;
      case 'bool':
        expect(typeof v, where).toBe('boolean');
        break;
      case 'text': {
        const r = f.schema.safeParse(v);
        expect(r.success, where).toBe(true);
        break;
      }
    }
  }
}

const PROTO_KEYS_BEFORE = Object.getOwnPropertyNames(Object.prototype).sort();
function expectPrototypeClean(context: string): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort(), context).toEqual(PROTO_KEYS_BEFORE);
  const probe: Record<string, unknown> = {};
  for (const k of ['width', 'polluted', 'lr', 'x']) expect(probe[k], `${context}: Object.prototype.${k}`).toBeUndefined();
}
afterEach(() => expectPrototypeClean('after test'));

console.log(`fuzz seed ${SEED} (replay with FUZZ_SEED=${SEED})`);

describe(`fuzz URL queries (seed ${SEED})`, () => {
  it(`${CASES} malformed queries: no throw, a notice per rejected value, values in bounds`, () => {
    const r = mulberry32(SEED);
    let noticesSeen = 0;
    for (let i = 0; i < CASES; i++) {
      const entries = Array.from({ length: int(r, 1, 6) }, () => randomEntry(r));
      if (r() < 0.3) entries.push([entries[0][0], randomValue(r, FIELDS[0])]); // duplicated key
      let query = entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
      if (r() < 0.1) query = query.replace(/%/g, pick(r, ['%', '%%', '%z'])); // broken escapes
      if (r() < 0.1) query = query.slice(0, int(r, 0, query.length)); // truncated
      const search = (r() < 0.5 ? '?' : '') + query;
      const ctx = `case ${i} seed ${SEED}: ${JSON.stringify(search)}`;
      const { config, notices } = configFromSearch(search);
      expectInBounds(config, ctx);
      // Each value that did not end up in the config (unknown name or rejected value) has a notice naming it.
      const params = [...new URLSearchParams(search.startsWith('?') ? search.slice(1) : search)];
      const lastByName = new Map(params);
      for (const [name, raw] of params) {
        const f = FIELDS.find((x) => x.name === name);
        if (!f) {
          expect(notices.some((n) => n.includes(`"${name}"`)), `${ctx}: unknown ${JSON.stringify(name)} in ${JSON.stringify(notices)}`).toBe(true);
          continue;
        }
        const r1 = parseFieldValue(f, raw);
        if (!r1.ok) expect(notices.some((n) => n.startsWith(`${f.name}=${JSON.stringify(raw)} is not valid`)), `${ctx}: ${name}=${JSON.stringify(raw)} rejected without a notice naming it`).toBe(true);
        else if (lastByName.get(name) === raw) expect(config[f.key], `${ctx}: ${name}=${JSON.stringify(raw)}`).toEqual(r1.value);
      }
      noticesSeen += notices.length;
      for (const n of notices) expect(n, ctx).toMatch(/^(Unknown setting ".*" was ignored\.|\S+=.* is not valid: expected .*; using the default .*\.)$/s);
    }
    expect(noticesSeen).toBeGreaterThan(CASES); // the generator does produce bad input
    expectPrototypeClean('URL fuzz');
  });

  it('prototype-pollution names in the query are reported and change nothing', () => {
    const { config, notices } = configFromSearch('?__proto__[width]=8&constructor[prototype][polluted]=1&__proto__=x&constructor=y&toString=1');
    expect(notices).toHaveLength(5);
    expect(config.width).toBe(256);
    expectPrototypeClean('URL pollution');
  });
});

describe(`fuzz config files (seed ${SEED})`, () => {
  function randomJsonValue(r: Rng, depth = 0): unknown {
    const k = r();
    if (k < 0.25) return pick(r, [0, -1, 1e308, -1e308, 5e-324, 0.5, 2 ** 53, 4097, 64, 2, 1e6, -0]);
    if (k < 0.5) return pick(r, BAD_STRINGS);
    if (k < 0.6) return pick(r, [true, false, null]);
    if (k < 0.7 && depth < 30) return [randomJsonValue(r, depth + 1)];
    if (k < 0.8 && depth < 30) return { [pick(r, BAD_NAMES)]: randomJsonValue(r, depth + 1) };
    return pick(r, [64, 'relu', 'auto', true, '0v7', 14]);
  }
  function deepNest(depth: number): string {
    return '{"width":'.repeat(depth) + '1' + '}'.repeat(depth);
  }

  it(`${CASES} malformed files: never throws; accepted files stay in bounds with a notice per rejected value`, () => {
    const r = mulberry32(SEED ^ 0x9e3779b9);
    let rejected = 0;
    let noticed = 0;
    for (let i = 0; i < CASES; i++) {
      const obj: Record<string, unknown> = {};
      const nKeys = int(r, 0, 5);
      const parts: string[] = [];
      for (let j = 0; j < nKeys; j++) {
        const f = pick(r, FIELDS);
        const key = r() < 0.1 ? pick(r, BAD_NAMES) : f.key;
        const value = r() < 0.5 ? randomJsonValue(r) : f.kind === 'int' || f.kind === 'number' ? pick(r, [f.min - 1, f.max * 2, f.min, (f.min + f.max) / 2, f.min + 0.5]) : randomJsonValue(r);
        obj[key] = value;
        parts.push(`${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}`);
      }
      if (r() < 0.15 && parts.length > 0) parts.push(parts[0]); // duplicated key
      let text = `{${parts.join(',')}}`;
      const shape = r();
      if (shape < 0.08) text = text.slice(0, int(r, 0, text.length - 1)); // truncated JSON
      else if (shape < 0.14) text = `[${text}]`; // array instead of object
      else if (shape < 0.18) text = pick(r, ['null', '42', '"width"', 'true', '', ' ', 'NaN', '{width: 8}', "{'width': 8}", '{"width": 1e999}', '{"width": 0x10}']);
      else if (shape < 0.22) text = deepNest(int(r, 2, 5000));
      else if (shape < 0.28) text = `{"__proto__": {"polluted": 1, "width": 8}, "constructor": {"prototype": {"polluted": 1}}}`;
      const ctx = `case ${i} seed ${SEED}: ${text.slice(0, 200)}`;
      const res = parseConfigFile(text);
      if (!res.ok) {
        rejected++;
        expect(res.error.length, ctx).toBeGreaterThan(0);
        expect(res.error, ctx).toMatch(/config file/);
        continue;
      }
      expectInBounds(res.config, ctx);
      noticed += res.notices.length;
      // Each key of the file: accepted into the config, or named in a notice.
      const parsed = JSON.parse(text) as Record<string, unknown>;
      for (const [key, value] of Object.entries(parsed)) {
        const f = FIELDS.find((x) => x.key === key)!;
        const took = (value === 'auto' ? null : value) === res.config[f.key];
        const named = res.notices.some((n) => n.startsWith(`${f.name}=`));
        expect(took || named, `${ctx}: ${key}=${JSON.stringify(value)} neither taken nor reported (${JSON.stringify(res.notices)})`).toBe(true);
      }
    }
    expect(rejected).toBeGreaterThan(10);
    expect(noticed).toBeGreaterThan(10);
    expectPrototypeClean('file fuzz');
  });

  it('a __proto__ key is rejected as unknown, not merged into the prototype', () => {
    const res = parseConfigFile('{"__proto__": {"width": 8, "polluted": true}}');
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toMatch(/__proto__/);
    expectPrototypeClean('file __proto__');
  });
});

describe(`fuzz CLI arguments (seed ${SEED})`, () => {
  const COMMANDS = ['train', 'ntk', 'taylor'];

  /** An argument list that is invalid (a bad value, an unknown flag, a stray word, a missing value…). */
  function invalidArgv(r: Rng): string[] {
    const argv = [pick(r, COMMANDS)];
    // Some valid-looking noise first.
    for (let j = int(r, 0, 2); j > 0; j--) argv.push('--width', String(pick(r, [8, 64, 256])));
    const f = pick(r, FIELDS);
    const bad = pick(r, ['value', 'unknown', 'positional', 'missing', 'bool-value', 'backend', 'n', 'unknown-command', 'proto']);
    switch (bad) {
      case 'value': {
        let v = randomValue(r, f);
        while (parsesAs(f, v)) v = pick(r, ['NaN', '1e999', '0x10', '', '😀', '-1e999']);
        argv.push(r() < 0.5 ? `--${f.name}=${v}` : `--${f.name}`, ...(argv[argv.length - 1].includes('=') ? [] : [v]));
        break;
      }
      case 'unknown':
        argv.push(`--${pick(r, ['widht', 'Width', 'x', 'foo\nbar', '😀', 'lr-', 'seed\r', 'steps '])}`, '1');
        break;
      case 'positional':
        argv.push(pick(r, ['64', 'extra', '-', 'a\nb', '']));
        break;
      case 'missing':
        argv.push(`--${f.name}`);
        break;
      case 'bool-value':
        argv.push(`--json=${pick(r, ['1', 'yes', ''])}`);
        break;
      case 'backend':
        argv.push('--backend', pick(r, ['gpu', 'WEBGL', '', 'cpu\n', '__proto__']));
        break;
      case 'n':
        argv.push('--n', pick(r, ['0', '-1', '1.5', 'NaN', '1e3', '', ' 5', '０']));
        break;
      case 'unknown-command':
        argv[0] = pick(r, ['tarin', 'TRAIN', '', 'run', '__proto__', 'constructor', 'hasOwnProperty', 'x\ny']);
        if (argv[0] === '') argv[0] = 'nope';
        break;
      case 'proto':
        argv.push(`--${pick(r, ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype'])}`, '1');
        break;
    }
    return argv;
  }
  function parsesAs(f: Field, v: string): boolean {
    return configFromSearch(`?${f.name}=${encodeURIComponent(v)}`).notices.length === 0;
  }

  it(`${CASES} invalid argument lists: exit status 2, one line on stderr, nothing on stdout`, async () => {
    const r = mulberry32(SEED + 1);
    for (let i = 0; i < CASES; i++) {
      const argv = invalidArgv(r);
      const out: string[] = [];
      const err: string[] = [];
      const ctx = `case ${i} seed ${SEED}: ${JSON.stringify(argv)}`;
      const code = await main(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
      expect(code, `${ctx} stderr=${JSON.stringify(err)}`).toBe(2);
      expect(out, ctx).toEqual([]);
      const text = err.join('');
      expect(text, ctx).toMatch(/^error: [^\n]+\n$/);
    }
    expectPrototypeClean('CLI fuzz');
  });

  it(`${CASES} flag lists with --help print the usage and exit 0`, async () => {
    const r = mulberry32(SEED + 2);
    for (let i = 0; i < CASES; i++) {
      const argv = [pick(r, COMMANDS)];
      for (let j = int(r, 0, 4); j > 0; j--) {
        const f = pick(r, FIELDS);
        argv.push(`--${f.name}=${String(f.default ?? 'auto')}`);
      }
      argv.splice(int(r, 1, argv.length), 0, '--help');
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
      expect(code, JSON.stringify(argv)).toBe(0);
      expect(err).toEqual([]);
      expect(out.join('')).toMatch(/^usage: tangent-lab/);
    }
  });

  it('valid fuzzed flag values resolve inside their bounds', () => {
    const r = mulberry32(SEED + 3);
    for (let i = 0; i < CASES; i++) {
      const f = pick(r, FIELDS);
      const v = f.kind === 'int' ? String(int(r, f.min, f.max)) : f.kind === 'number' ? String(f.min + r() * (f.max - f.min)) : String(f.default ?? 'auto');
      const args = parseCliArgs(['train', `--${f.name}=${v}`]);
      expectInBounds(args.config, `${f.name}=${v}`);
    }
  });
});

describe('malformed percent-escapes and truncated links', () => {
  const MALFORMED = ['?param=%E0%A4%A', '?%%%', '?width=32&steps=50&lr=%E0%A4', '?width=3%', '?dataset=spi%2', '?%C3%28=1', '?width=64&activation=re%u0041lu', '?width=%'];

  it('configFromSearch never throws, stays in bounds, and the page gets a notice naming the bad part', () => {
    for (const search of MALFORMED) {
      const { config } = configFromSearch(search);
      expectInBounds(config, search);
      const n = malformedEscapeNotice(search);
      expect(n, search).toMatch(/^The link is malformed: ".*" (is|are) not valid percent-encoding/);
    }
  });

  it('no notice for well-formed links (encoded by the app itself, + for spaces)', () => {
    for (const search of ['', '?', '?width=32&steps=50', `?digits=${encodeURIComponent('3vrest')}&x=${encodeURIComponent('😀 %')}`, '?a=b+c']) expect(malformedEscapeNotice(search), search).toBeNull();
  });

  it(`${CASES} links cut off at a random point: a notice exactly when decoding fails`, () => {
    const r = mulberry32(SEED + 1);
    for (let i = 0; i < CASES; i++) {
      const entries = Array.from({ length: int(r, 1, 4) }, () => randomEntry(r));
      const full = '?' + entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
      const cut = full.slice(0, int(r, 0, full.length));
      expect(() => configFromSearch(cut)).not.toThrow();
      let decodes = true;
      try {
        decodeURIComponent(cut.replace(/\+/g, ' '));
      } catch {
        decodes = false;
      }
      expect(malformedEscapeNotice(cut) === null, cut).toBe(decodes);
    }
  });
});
