// Sweep files: runs.csv (one row per logged step per run), summary.csv (width × metric × phase),
// fits.json, and sweep.json (the manifest: spec, resolved η, shard, runs). A phase sweep (several
// output scales α or parametrizations) adds `param,outputScale` in front of runs.csv's and
// summary.csv's columns and writes fits.json per (param, α) group; a plain width sweep's three
// result files keep the version-2 layout. sweep.json is version 3 (η per parametrization);
// version-2 manifests are still read (merge). Numbers are written with
// JavaScript's shortest round-trip formatting, so parsing runs.csv back gives the very same values:
// summaries and fits computed from a merged runs.csv equal the unsharded ones. Every file read back
// is parsed (zod / per-cell checks), never cast.
import { z } from 'zod';
import { FIELDS, PARAMETRIZATIONS, type ExperimentConfig } from '../../schema/config';
import { SweepSpecSchema, isPhaseSweep, type SweepSpec } from '../../schema/sweep';
import { mix32 } from '../prng';
import { MetricRowSchema, type MetricRow } from '../records/runRecords';
import { RUN_ROW_EXTRAS, UC_NFA_LAST, type SweepMetric } from './metrics';
import { SweepLrSchema, SweepLrsSchema, type SweepLrs } from '../records/sweepRecords';
import type { RunEnds, SummaryRow, SweepFits } from './summary';
import { runName, type RunId, type SweepGroup } from './grid';
import { LR_PHASES, EDGE, lrPhaseSummary, type LrPhase, type RunPhaseSummary } from '../lr/phase';

/** A short stable hash of everything that determines a sweep's results (not the shard, not the backend). */
export function sweepFingerprint(spec: SweepSpec): string {
  const canon = JSON.stringify({
    v: 2,
    base: FIELDS.map((f) => [f.name, spec.base[f.key]]),
    widths: spec.widths,
    seeds: spec.seeds,
    autoLr: spec.base.lr === null ? spec.autoLr : null,
    // a plain width sweep keeps its version-2 fingerprint
    ...(isPhaseSweep(spec) ? { outputScales: spec.outputScales, params: spec.params } : {}),
    ...(spec.lrScales?.length ? { lrScales: spec.lrScales } : {}),
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

/** What runs.csv keeps of a run's measured learning-rate phase (src/engine/lr/phase.ts): its last columns. */
export type RunPhaseColumns = Pick<RunPhaseSummary, 'phase' | 'sharpness0' | 'sharpnessMax' | 'sharpnessFinal' | 'etaSharpnessMax' | 'lossPeakRatio' | 'twinDiverged'>;

export interface RunsTable extends RunId {
  lr: number;
  rows: MetricRow[];
  /** The run's measured phase (from all its rows, divergence included); recomputed from `rows` when absent. */
  summary?: RunPhaseColumns;
  diverged?: boolean;
}

/** The columns in front of runs.csv's (and summary.csv's) in a phase sweep; a learning-rate sweep adds lrScale. */
const GROUP_COLUMNS = ['param', 'outputScale'] as const;
const LR_GROUP_COLUMNS = [...GROUP_COLUMNS, 'lrScale'] as const;
const RUN_COLUMNS = ['width', 'seed', 'step', 'lr'] as const;
/**
 * Per-run columns at the end of every runs.csv line (the same on each line of a run): the measured
 * phase, S₀, max S, final S (S = λmax(Θ_t(X,X))/(α²N)), max η·S, max loss / initial loss (empty when a
 * loss overflowed) and whether the linear twin blew up (1/0).
 */
export const RUN_PHASE_COLUMNS = ['lrPhase', 'sharpness0', 'sharpnessMax', 'sharpnessFinal', 'etaSharpnessMax', 'lossPeakRatio', 'twinDiverged'] as const;
const groupColumns = (phase: boolean, lr: boolean): readonly string[] => (lr ? LR_GROUP_COLUMNS : phase ? GROUP_COLUMNS : []);
const groupCells = (r: SweepGroup, phase: boolean, lr: boolean): string[] => (lr ? [r.param, String(r.outputScale), String(r.lrScale ?? '')] : phase ? [r.param, String(r.outputScale)] : []);
const hasLrScale = (runs: readonly SweepGroup[]) => runs.some((r) => r.lrScale !== undefined);

/** runs.csv header for these metrics (`phase`: a phase sweep, with the group columns in front; `lr`: a learning-rate sweep). */
export function runsHeader(metrics: readonly SweepMetric[], phase = false, lr = false): string[] {
  return [...groupColumns(phase, lr), ...RUN_COLUMNS, ...RUN_ROW_EXTRAS, ...metrics.map((m) => m.key), ...RUN_PHASE_COLUMNS];
}

/** A run's measured phase: the one it carries, or computed from its rows. */
export function phaseOf(r: RunsTable): RunPhaseColumns {
  return r.summary ?? lrPhaseSummary(r.rows, r.lr, r.diverged ?? false);
}

function phaseCells(p: RunPhaseColumns): string[] {
  const n = (v: number | null) => (v === null ? '' : cell(v));
  return [p.phase ?? '', n(p.sharpness0), n(p.sharpnessMax), n(p.sharpnessFinal), n(p.etaSharpnessMax), n(p.lossPeakRatio), p.twinDiverged ? '1' : '0'];
}

/** runs.csv text: runs in the given order, one line per logged row (each row carries its run's η and measured phase). */
export function runsCsv(runs: readonly RunsTable[], metrics: readonly SweepMetric[], phase = false): string {
  const lr = hasLrScale(runs);
  const lines = [runsHeader(metrics, phase, lr).join(',')];
  for (const r of runs) {
    const tail = phaseCells(phaseOf(r));
    for (const row of r.rows)
      lines.push(
        [
          ...groupCells(r, phase, lr),
          String(r.width),
          String(r.seed),
          String(row.step),
          String(r.lr),
          ...RUN_ROW_EXTRAS.map((k) => cell(row[k])),
          ...metrics.map((m) => cell(m.get(row))),
          ...tail,
        ].join(','),
      );
  }
  return lines.join('\n') + '\n';
}

/** The per-run phase columns of one runs.csv line (indices of RUN_PHASE_COLUMNS in the header). */
function parsePhaseCells(header: readonly string[], cells: readonly string[], where: string): RunPhaseColumns | undefined {
  const at = (k: string) => header.indexOf(k);
  if (at('lrPhase') < 0) return undefined;
  const raw = cells[at('lrPhase')];
  const phase = raw === '' ? null : LR_PHASES.find((p) => p === raw);
  if (phase === undefined) throw new Error(`${where}: lrPhase must be one of ${LR_PHASES.join(', ')} or empty`);
  const n = (k: string) => (at(k) < 0 ? null : parseCell(cells[at(k)], `${where} ${k}`) ?? null);
  return {
    phase: phase as LrPhase | null,
    sharpness0: n('sharpness0'),
    sharpnessMax: n('sharpnessMax'),
    sharpnessFinal: n('sharpnessFinal'),
    etaSharpnessMax: n('etaSharpnessMax'),
    lossPeakRatio: n('lossPeakRatio'),
    twinDiverged: cells[at('twinDiverged')] === '1',
  };
}

/** Runs whose η·S exceeded 2 at some logged row: their linearisation was unstable, their kernel drift mixes oscillation with width. */
export function runsPastEdge<T extends RunsTable>(runs: readonly T[]): { run: T; etaSharpnessMax: number; phase: LrPhase | null }[] {
  return runs.flatMap((r) => {
    const p = phaseOf(r);
    return p.etaSharpnessMax !== null && p.etaSharpnessMax > EDGE ? [{ run: r, etaSharpnessMax: p.etaSharpnessMax, phase: p.phase }] : [];
  });
}

/** Runs past the edge, as fits.json lists them, and the one sentence about them. */
export interface PastEdge {
  warning: string;
  runs: { param: string; outputScale: number; lrScale?: number; width: number; seed: number; etaSharpnessMax: number; lrPhase: LrPhase | null }[];
}

/** The runs past the edge and the one sentence fits.json, the CLI and the app print about them (null when none). */
export function pastEdgeOf(runs: readonly RunsTable[], phase: boolean): PastEdge | null {
  const past = runsPastEdge(runs);
  if (past.length === 0) return null;
  const list = past.map(({ run: r, etaSharpnessMax, phase: lrPhase }) => ({
    param: r.param,
    outputScale: r.outputScale,
    ...(r.lrScale === undefined ? {} : { lrScale: r.lrScale }),
    width: r.width,
    seed: r.seed,
    etaSharpnessMax,
    lrPhase,
  }));
  return { warning: pastEdgeSentence(past, phase), runs: list };
}

function pastEdgeSentence(past: ReturnType<typeof runsPastEdge>, phase: boolean): string {
  const names = past.map((p) => `${runName(p.run, phase)} (max η·S = ${Number(p.etaSharpnessMax.toPrecision(3))}${p.phase ? `, ${p.phase}` : ''})`);
  return `${past.length} run${past.length === 1 ? '' : 's'} went past the edge of stability η·S > 2 (S = λmax(Θ_t)/N on the training set): ${names.join('; ')}. Their kernel drift mixes oscillation and catapult dynamics with the effect of width.`;
}

const ROW_KEYS = new Set(Object.keys(MetricRowSchema.shape));

/**
 * One parsed line: the MetricRow (derived columns such as …PerC1 are recomputed, not read; the last
 * hidden layer's UC-NFA goes back into row.nfa as layer `depth` = the number of layerChange columns − 1).
 */
function parseRow(header: readonly string[], cells: readonly string[], where: string, first: number): MetricRow {
  const row: Record<string, unknown> = { step: parseCell(cells[first + 2], `${where} step`) };
  const layer: number[] = [];
  let ucNfa: number | undefined;
  header.forEach((h, j) => {
    if (j < first + 4 || (RUN_PHASE_COLUMNS as readonly string[]).includes(h)) return;
    const v = parseCell(cells[j], `${where} ${h}`);
    const m = /^layerChange(\d+)$/.exec(h);
    if (m) layer[Number(m[1]) - 1] = v ?? NaN;
    else if (h === UC_NFA_LAST) ucNfa = v;
    else if (v !== undefined && ROW_KEYS.has(h)) row[h] = v;
  });
  if (layer.length) row.layerChange = layer;
  if (ucNfa !== undefined) row.nfa = [{ layer: layer.length - 1, uc: ucNfa, c: null }];
  const r = MetricRowSchema.safeParse(row);
  if (!r.success) throw new Error(`${where}: ${r.error.issues[0].path.join('.')} ${r.error.issues[0].message}`);
  return r.data;
}

/**
 * Parse runs.csv back into runs (rows grouped by consecutive runs); throws a one-line Error on a
 * malformed file. A plain width sweep's file has no param/outputScale columns: its runs take
 * `base`'s parametrization and output scale.
 */
export function parseRunsCsv(text: string, base: Pick<ExperimentConfig, 'param' | 'outputScale'>): { header: string[]; runs: (RunsTable & RunEnds)[] } {
  const lines = text.split('\n').filter((l) => l.length > 0);
  if (lines.length === 0) throw new Error('runs.csv is empty');
  const header = lines[0].split(',');
  const phase = header.slice(0, 2).join(',') === GROUP_COLUMNS.join(',');
  const lrSweep = header.slice(0, 3).join(',') === LR_GROUP_COLUMNS.join(',');
  const first = lrSweep ? LR_GROUP_COLUMNS.length : phase ? GROUP_COLUMNS.length : 0;
  if (header.slice(first, first + 4).join(',') !== RUN_COLUMNS.join(','))
    throw new Error(`runs.csv does not start with ${RUN_COLUMNS.join(',')} (or ${[...GROUP_COLUMNS, ...RUN_COLUMNS].join(',')})`);
  const runs: (RunsTable & RunEnds)[] = [];
  for (let li = 1; li < lines.length; li++) {
    const where = `runs.csv line ${li + 1}`;
    const cells = lines[li].split(',');
    if (cells.length !== header.length) throw new Error(`${where}: ${cells.length} fields, expected ${header.length}`);
    let group: SweepGroup = { param: base.param, outputScale: base.outputScale };
    if (phase) {
      const param = PARAMETRIZATIONS.find((p) => p === cells[0]);
      const outputScale = parseCell(cells[1], `${where} outputScale`);
      if (param === undefined || outputScale === undefined || !(outputScale > 0)) throw new Error(`${where}: param must be one of ${PARAMETRIZATIONS.join(', ')} and outputScale a positive number`);
      group = { param, outputScale };
      if (lrSweep) {
        const lrScale = parseCell(cells[2], `${where} lrScale`);
        if (lrScale === undefined || !(lrScale > 0)) throw new Error(`${where}: lrScale must be a positive number`);
        group.lrScale = lrScale;
      }
    }
    const [width, seed, , lr] = cells.slice(first, first + 4).map((c, j) => parseCell(c, `${where} ${header[first + j]}`) ?? NaN);
    if (!(Number.isInteger(width) && width > 0 && Number.isInteger(seed))) throw new Error(`${where}: width and seed must be integers`);
    const row = parseRow(header, cells, where, first);
    let run = runs[runs.length - 1];
    if (!run || run.param !== group.param || run.outputScale !== group.outputScale || run.lrScale !== group.lrScale || run.width !== width || run.seed !== seed || row.step <= (run.rows[run.rows.length - 1]?.step ?? -1)) {
      const summary = parsePhaseCells(header, cells, where);
      run = { ...group, width, seed, lr, rows: [], init: row, final: row, ...(summary ? { summary } : {}) };
      runs.push(run);
    }
    run.rows.push(row);
    run.final = row;
  }
  return { header, runs };
}

/** summary.csv text (`phase`: a phase sweep, with the group columns in front). */
export function summaryCsv(rows: readonly SummaryRow[], phase = false): string {
  const lr = hasLrScale(rows);
  const head = [...groupColumns(phase, lr), 'metric', 'phase', 'width', 'mean', 'std', 'n'].join(',');
  return [head, ...rows.map((r) => [...groupCells(r, phase, lr), r.metric, r.stage, r.width, r.mean, r.std, r.n].map(String).join(','))].join('\n') + '\n';
}

/** The fits of one (param, α) group. */
export interface GroupFits extends SweepGroup {
  fits: SweepFits;
}

/**
 * fits.json text: how η was chosen, warnings about what the slopes mix, and per fitted metric its
 * label and { init, final } fits ({slope, intercept, ci95, n, seeds} or null); non-finite → null.
 * A plain width sweep (one group) writes `lr` as one object and `fits` at the top (version 2); a
 * phase sweep writes `lr` per parametrization and `groups`: [{param, outputScale, fits}] in grid order.
 */
export function fitsJson(groups: readonly GroupFits[], lrs: SweepLrs, metrics: readonly SweepMetric[], phase = false, pastEdge: PastEdge | null = null): string {
  const lrDoc = (l: SweepLrs[number]) => ({ ...(phase ? { param: l.param } : {}), rule: l.rule, eta: l.eta, widthExp: l.widthExp, description: l.description });
  const fitsDoc = (fits: SweepFits) => Object.fromEntries(metrics.filter((m) => fits[m.key]).map((m) => [m.key, { label: m.label, ...fits[m.key] }]));
  const warnings = [...new Set([...lrs.flatMap((l) => (l.warning ? [l.warning] : [])), ...(pastEdge ? [pastEdge.warning] : [])])];
  const edge = pastEdge ? { pastEdge: pastEdge.runs } : {};
  const doc = phase
    ? {
        lr: lrs.map(lrDoc),
        note: 'every run is centred, α·(f(x;θ) − f(x;θ₀)), trained with the raw step η/α²; η is in α = 1 units, one per parametrization',
        warnings,
        ...edge,
        groups: groups.map((g) => ({ param: g.param, outputScale: g.outputScale, ...(g.lrScale === undefined ? {} : { lrScale: g.lrScale }), fits: fitsDoc(g.fits) })),
      }
    : { lr: lrDoc(lrs[0]), warnings, ...edge, fits: fitsDoc(groups[0]?.fits ?? {}) };
  return JSON.stringify(doc, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}

/** sweep.json: written next to the three result files by the CLI and the app, read back by merge. */
export const SweepManifestSchema = z.object({
  version: z.literal(3),
  fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
  spec: SweepSpecSchema,
  /** η per parametrization (spec.params order). */
  lr: SweepLrsSchema,
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
  const r = SweepManifestSchema.safeParse(upgradeV2(raw));
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`${where} is not a sweep manifest of this version: ${i.path.join('.') || 'document'}: ${i.message}`);
  }
  if (sweepFingerprint(r.data.spec) !== r.data.fingerprint) throw new Error(`${where} is damaged (its fingerprint does not match its spec)`);
  return r.data;
}

/** A version-2 manifest (one η without its parametrization) as version 3; anything else unchanged. */
function upgradeV2(raw: unknown): unknown {
  const spec = SweepSpecSchema.safeParse((raw as { spec?: unknown } | null)?.spec);
  if (typeof raw !== 'object' || raw === null || (raw as { version?: unknown }).version !== 2 || !spec.success) return raw;
  const lr = SweepLrSchema.omit({ param: true }).safeParse((raw as { lr?: unknown }).lr);
  if (!lr.success) return raw;
  return { ...raw, version: 3, lr: [{ param: spec.data.base.param, ...lr.data }] };
}
