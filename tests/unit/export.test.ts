// Pure parts of the export utilities: CSV quoting and round-trip, JSON of typed arrays, filenames,
// style attributes and the SVG document wrapper (well-formed XML, escaped text).
import { describe, expect, it } from 'vitest';
import { csvField, columnsOf, toCsv } from '../../src/ui/export/csv';
import { toJson } from '../../src/ui/export/json';
import { safeFilename } from '../../src/ui/export/download';
import { escapeXml, styleString, svgDocument, svgText } from '../../src/ui/export/svg';

/** An independent RFC 4180 reader (state machine), to check what toCsv writes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

describe('csvField', () => {
  it('quotes commas, quotes, newlines and edge spaces; leaves plain text alone', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(' lead')).toBe('" lead"');
    expect(csvField('trail ')).toBe('"trail "');
  });
  it('writes missing and non-finite numbers as empty fields and keeps float64 precision', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(NaN)).toBe('');
    expect(csvField(Infinity)).toBe('');
    expect(csvField(-0.1 - 0.2)).toBe('-0.30000000000000004');
    expect(Number(csvField(1e-300 / 3))).toBe(1e-300 / 3);
    expect(csvField(true)).toBe('true');
  });
});

describe('toCsv', () => {
  it('round-trips awkward strings and numbers through an independent parser', () => {
    const rows = [
      { step: 0, loss: 0.5, note: 'start, "quoted"' },
      { step: 10, loss: NaN, note: 'multi\r\nline' },
      { step: 20, loss: 1 / 3, extra: 'only here' },
    ];
    const text = toCsv(rows);
    expect(text.endsWith('\r\n')).toBe(true);
    const parsed = parseCsv(text);
    expect(parsed[0]).toEqual(['step', 'loss', 'note', 'extra']);
    expect(parsed.length).toBe(4);
    expect(parsed[1]).toEqual(['0', '0.5', 'start, "quoted"', '']);
    expect(parsed[2]).toEqual(['10', '', 'multi\r\nline', '']);
    expect(Number(parsed[3][1])).toBe(1 / 3);
    expect(parsed[3][3]).toBe('only here');
  });
  it('uses explicit columns in their order with their headers', () => {
    const text = toCsv([{ a: 1, b: 2 }], [
      { header: 'b first', value: (r) => r.b },
      { header: 'a,2', value: (r) => r.a * 2 },
    ]);
    expect(parseCsv(text)).toEqual([
      ['b first', 'a,2'],
      ['2', '2'],
    ]);
  });
  it('columnsOf takes the union of keys in first-seen order', () => {
    expect(columnsOf([{ x: 1 }, { y: 2, x: 3 }, { z: 0 }])).toEqual(['x', 'y', 'z']);
  });
});

describe('toJson', () => {
  it('turns typed arrays into arrays and non-finite numbers into null', () => {
    const v = JSON.parse(toJson({ a: new Float32Array([1, NaN, 2.5]), b: Infinity, c: [NaN, 1] }));
    expect(v).toEqual({ a: [1, null, 2.5], b: null, c: [null, 1] });
  });
});

describe('safeFilename', () => {
  it('keeps only safe characters and adds the extension', () => {
    expect(safeFilename(['Tangent Lab', 'NTK drift ‖Θ−Θ₀‖', 'w=256'], 'png')).toBe('tangent-lab-ntk-drift-w-256.png');
    expect(safeFilename(['', '***'], 'csv')).toBe('export.csv');
  });
});

describe('svg helpers', () => {
  it('escapes XML special characters', () => {
    expect(escapeXml(`a<b>&"c"'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;');
  });
  it('styleString keeps set values and drops empty ones and SVG initial values', () => {
    const computed: Record<string, string> = { fill: 'none', stroke: 'rgb(1, 2, 3)', opacity: '1', 'stroke-dasharray': 'none', 'font-size': '11px' };
    expect(styleString((p) => computed[p] ?? '')).toBe('fill:none;stroke:rgb(1, 2, 3);font-size:11px');
  });
  it('svgDocument is a sized, namespaced SVG with escaped title and a background', () => {
    const doc = svgDocument({ width: 300.456, height: 200, title: 'Loss <train> & test', body: svgText({ text: 'f(x) < 1 & y', x: 1, y: 2, fontSize: 12, color: '#000', fontWeight: '700' }) });
    expect(doc.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(doc).toContain('width="300.46" height="200" viewBox="0 0 300.46 200"');
    expect(doc).toContain('<title>Loss &lt;train&gt; &amp; test</title>');
    expect(doc).toContain('<rect width="100%" height="100%" fill="#ffffff"/>');
    expect(doc).toContain('<text x="1" y="2" font-size="12" fill="#000" font-weight="700">f(x) &lt; 1 &amp; y</text>');
    // no raw '<' or '&' outside tags/entities
    const textOnly = doc.replace(/<[^>]+>/g, '');
    expect(textOnly).not.toMatch(/&(?!(lt|gt|amp|quot|apos);)/);
    expect(doc.trim().endsWith('</svg>')).toBe(true);
    expect(svgDocument({ width: 1, height: 1, background: null, body: '' })).not.toContain('<rect');
  });
});

import { configFileText, parseConfigFileText } from '../../src/ui/export/configFile';
import { DEFAULT_CONFIG } from '../../src/schema/config';

// The format itself is tested with the contract (tests/unit/configFile.test.ts); here: what the
// Files box writes is what it reads back, and a foreign file is refused with a message.
describe('config file (Files box)', () => {
  it('round-trips a config (auto lr stays null)', () => {
    const c = { ...DEFAULT_CONFIG, width: 1024, activation: 'relu' as const, lr: null, sigmaB2: 0.25, bias: false };
    const r = parseConfigFileText(configFileText(c));
    expect(r.ok && r.config).toEqual(c);
  });
  it('refuses malformed and foreign files with a message naming the problem', () => {
    const err = (t: string) => {
      const r = parseConfigFileText(t);
      return r.ok ? 'accepted' : r.error;
    };
    expect(err('{"width": 64')).toMatch(/not valid JSON/);
    expect(err('[1,2]')).toMatch(/JSON object/);
    expect(err('{"name": "tangent-lab", "version": "0.1.0"}')).toMatch(/Unknown setting "name"/);
    expect(err('{"width": "64"}')).toMatch(/"width"/);
  });
});
