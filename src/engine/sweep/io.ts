// Sweep files: runs.csv (one row per logged step per run), summary.csv (width × metric × phase),
// fits.json, and sweep.json (the manifest: spec, resolved η, shard, runs). Numbers are written with
// JavaScript's shortest round-trip formatting, so parsing runs.csv back gives the very same values:
// summaries and fits computed from a merged runs.csv equal the unsharded ones. Every file read back
// is parsed (zod / per-cell checks), never cast.
import { z } from 'zod';
import { FIELDS } from '../../schema/config';
import { SweepSpecSchema, type SweepSpec } from '../../schema/sweep';
import { mix32 } from '../prng';
import { MetricRowSchema, type MetricRow } from '../runRecords';
import { RUN_ROW_EXTRAS, type SweepMetric } from './metrics';
import { SweepLrSchema, type SweepLr } from './lr';
import type { RunEnds, SummaryRow, SweepFits } from './summary';

/** A short stable hash of everything that determines a sweep's results (not the shard, not the backend). */
export function sweepFingerprint(spec: SweepSpec): string {
  const canon = JSON.stringify({
    v: 2,
    base: FIELDS.map((f) => [f.name, spec.base[f.key]]),
    widths: spec.widths,
    seeds: spec.seeds,
    autoLr: spec.base.lr === null ? spec.autoLr : null,
  });
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < canon.length; i++) {
    h1 = mix32(h1 ^ canon.charCodeAt(i));
    h2 = mix32(h2 + canon.charCodeAt(i) * 31);
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

/** Finite numbers in shortest round-trip form; anything else (absent, NaN, ±∞) is an empty cell. */
const cell = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '' : String(v));
const parseCell = (s: string, where: string): number | undefined => {
  if (s === '') return undefined;
  const v = Number(s);
  if (!Number.isFinite(v)) throw new Error(`${where}: ${JSON.stringify(s)} is not a number`);
  return v;
};

export interface RunsTable {
  width: number;
  seed: number;
  lr: number;
  rows: MetricRow[];
}

/** runs.csv header for these metrics. */
export function runsHeader(metrics: readonly SweepMetric[]): string[] {
  return ['width', 'seed', 'step', 'lr', ...RUN_ROW_EXTRAS, ...metrics.map((m) => m.key)];
}

/** runs.csv text: runs in the given order, one line per logged row (each row carries its run's η). */
export function runsCsv(runs: readonly RunsTable[], metrics: readonly SweepMetric[]): string {
  const lines = [runsHeader(metrics).join(',')];
  for (const r of runs)
    for (const row of r.rows)
      lines.push([String(r.width), String(r.seed), String(row.step), String(r.lr), ...RUN_ROW_EXTRAS.map((k) => cell(row[k])), ...metrics.map((m) => cell(m.get(row)))].join(','));
  return lines.join('\n') + '\n';
}

const ROW_KEYS = new Set(Object.keys(MetricRowSchema.shape));

/** One parsed line: the MetricRow (derived columns such as …PerC1 are recomputed, not read). */
function parseRow(header: readonly string[], cells: readonly string[], where: string): MetricRow {
  const row: Record<string, unknown> = { step: parseCell(cells[2], `${where} step`) };
  const layer: number[] = [];
  header.forEach((h, j) => {
    if (j < 4) return;
    const v = parseCell(cells[j], `${where} ${h}`);
    const m = /^layerChange(\d+)$/.exec(h);
    if (m) layer[Number(m[1]) - 1] = v ?? NaN;
    else if (v !== undefined && ROW_KEYS.has(h)) row[h] = v;
  });
  if (layer.length) row.layerChange = layer;
  const r = MetricRowSchema.safeParse(row);
  if (!r.success) throw new Error(`${where}: ${r.error.issues[0].path.join('.')} ${r.error.issues[0].message}`);
  return r.data;
}

/** Parse runs.csv back into runs (rows grouped by consecutive (width, seed)); throws a one-line Error on a malformed file. */
export function parseRunsCsv(text: string): { header: string[]; runs: (RunsTable & RunEnds)[] } {
  const lines = text.split('\n').filter((l) => l.length > 0);
  if (lines.length === 0) throw new Error('runs.csv is empty');
  const header = lines[0].split(',');
  if (header.slice(0, 4).join(',') !== 'width,seed,step,lr') throw new Error('runs.csv does not start with width,seed,step,lr');
  const runs: (RunsTable & RunEnds)[] = [];
  for (let li = 1; li < lines.length; li++) {
    const where = `runs.csv line ${li + 1}`;
    const cells = lines[li].split(',');
    if (cells.length !== header.length) throw new Error(`${where}: ${cells.length} fields, expected ${header.length}`);
    const [width, seed, , lr] = cells.slice(0, 4).map((c, j) => parseCell(c, `${where} ${header[j]}`) ?? NaN);
    if (!(Number.isInteger(width) && width > 0 && Number.isInteger(seed))) throw new Error(`${where}: width and seed must be integers`);
    const row = parseRow(header, cells, where);
    let run = runs[runs.length - 1];
    if (!run || run.width !== width || run.seed !== seed || row.step <= (run.rows[run.rows.length - 1]?.step ?? -1)) {
      run = { width, seed, lr, rows: [], init: row, final: row };
      runs.push(run);
    }
    run.rows.push(row);
    run.final = row;
  }
  return { header, runs };
}

export function summaryCsv(rows: readonly SummaryRow[]): string {
  return ['metric,phase,width,mean,std,n', ...rows.map((r) => [r.metric, r.phase, r.width, r.mean, r.std, r.n].map(String).join(','))].join('\n') + '\n';
}

/**
 * fits.json text: how η was chosen, warnings about what the slopes mix, and per fitted metric its
 * label and { init, final } fits ({slope, intercept, ci95, n, seeds} or null); non-finite → null.
 */
export function fitsJson(fits: SweepFits, lr: SweepLr, metrics: readonly SweepMetric[]): string {
  const doc = {
    lr: { rule: lr.rule, eta: lr.eta, widthExp: lr.widthExp, description: lr.description },
    warnings: lr.warning ? [lr.warning] : [],
    fits: Object.fromEntries(metrics.filter((m) => fits[m.key]).map((m) => [m.key, { label: m.label, ...fits[m.key] }])),
  };
  return JSON.stringify(doc, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}

/** sweep.json: written next to the three result files by the CLI and the app, read back by merge. */
export const SweepManifestSchema = z.object({
  version: z.literal(2),
  fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
  spec: SweepSpecSchema,
  lr: SweepLrSchema,
  shard: z.object({ i: z.number().int().min(1), k: z.number().int().min(1) }).nullable(),
  /** Grid indices of the runs in this directory (canonical order). */
  runs: z.array(z.number().int().nonnegative()),
  /** Wall time per run (seconds, null when unknown), the backend and the parallel jobs: informational, not part of the result files. */
  seconds: z.array(z.number().nonnegative().nullable()),
  backend: z.string(),
  jobs: z.number().int().min(1),
  diverged: z.array(z.number().int().nonnegative()),
});
export type SweepManifest = z.infer<typeof SweepManifestSchema>;

export function manifestJson(m: SweepManifest): string {
  return JSON.stringify(m, null, 2) + '\n';
}

/** Parse sweep.json text; throws a one-line Error naming the problem (and checks the fingerprint). */
export function parseManifest(text: string, where = 'sweep.json'): SweepManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error(`${where} is not JSON`);
  }
  const r = SweepManifestSchema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`${where} is not a sweep manifest of this version: ${i.path.join('.') || 'document'}: ${i.message}`);
  }
  if (sweepFingerprint(r.data.spec) !== r.data.fingerprint) throw new Error(`${where} is damaged (its fingerprint does not match its spec)`);
  return r.data;
}
