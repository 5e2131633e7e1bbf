// The "Width sweep" view: train the current Lab config at many widths and seeds in a worker, then
// plot every metric against width on log–log axes (at initialisation and after training) with a
// fitted power law, and each metric's trajectory per width. A phase sweep (several output scales α
// or parametrizations) adds the phase diagram, and the width plots show one (param, α) group.
import { useMemo, useState } from 'react';
import { PARAMETRIZATION_LABELS, type ExperimentConfig } from '../../schema/config';
import type { BackendName } from '../../worker/protocol';
import { Toggle } from '../plots/PanelFrame';
import { LogLogPlot, type LogLogSeries } from './LogLogPlot';
import { FamilyPlot } from './FamilyPlot';
import { PlotCard } from './PlotCard';
import { DataTable, type DataColumn } from '../plots/DataTable';
import { SweepSettingsPanel } from './SweepSettings';
import { SlopeTable } from './SlopeTable';
import { REFERENCE_SLOPES, REFERENCE_NOTE, widthSeries } from './sweepData';
import { fitAll, groupKey, runName, sweepFitOptions, sweepGroups, sweepMetrics } from '../../engine/sweep';
import { PhaseDiagram } from './PhaseDiagram';
import { groupLabel } from './phaseData';
import { sweepSpecInput, type SweepSettings } from './sweepUrl';
import { isLrSweep, isPhaseSweep, parseSweepSpec } from '../../schema/sweep';
import { LrPhaseDiagram } from './LrPhaseDiagram';
import { PastEdgeNote } from './PastEdgeNote';
import type { SweepStore, SweepView as SweepState } from './useSweep';
import { useSweepView } from './useSweep';
import { SweepExports } from './SweepExports';
import { STAGES, type Stage, type SweepFits, type SweepLrs, type SweepMetric, type SweepRun } from './types';
import { WEAK_CORRELATIONS_NOTE } from '../../content/presets';
import { CorrelationAdvice, SweepIntroText, configSummary } from '../../content/sweepTexts';
import './sweep.css';

export interface SweepViewProps {
  config: ExperimentConfig;
  settings: SweepSettings;
  onSettings: (s: SweepSettings) => void;
  onSteps: (steps: number) => void;
  store: SweepStore;
  backend: BackendName | null;
  /** Called when a sweep starts (the Lab pauses its own run). */
  onRun?: () => void;
}

const STAGE_STYLE: Record<Stage, { label: string; color: string; hollow: boolean }> = {
  init: { label: 'at initialisation', color: '#d55e00', hollow: true },
  final: { label: 'after training', color: '#0072b2', hollow: false },
};

const GROUPS: { keys: SweepMetric['group'][]; title: string }[] = [
  { keys: ['kernel', 'layers'], title: 'Kernel and weights' },
  { keys: ['gap'], title: 'Network vs linear twin' },
  { keys: ['correlations'], title: 'Derivative correlations' },
  { keys: ['gradient'], title: 'Gradient change of one step' },
];

/**
 * The setup of the `weak-correlations-repo` preset (MNIST, 2 relu hidden layers): the sweep view
 * then says what the original repository measured and what is measured here instead.
 */
export function isWeakCorrelationsSetup(c: ExperimentConfig): boolean {
  return c.dataset === 'mnist' && c.depth === 2 && c.activation === 'relu';
}

function WeakCorrelationsNote() {
  return (
    <section className="sweep-note" aria-label="About the weak-correlations repository experiment">
      <h2 className="sweep-group-title">The weak-correlations repository experiment</h2>
      {WEAK_CORRELATIONS_NOTE.map((t) => (
        <p key={t.slice(0, 24)}>{t}</p>
      ))}
    </section>
  );
}

export function SweepView({ config, settings, onSettings, onSteps, store, backend, onRun }: SweepViewProps) {
  const view = useSweepView(store);
  const [showRefs, setShowRefs] = useState(false);
  const [logX, setLogX] = useState(false);
  // The plots describe the sweep that ran (its activation and widths), not the form's current values.
  const ranConfig = view.spec?.base ?? config;
  const ranWidths = view.spec?.widths ?? settings.widths;
  const phase = view.spec !== null && isPhaseSweep(view.spec);
  const groups = useMemo(() => (view.spec ? sweepGroups(view.spec) : []), [view.spec]);
  const [groupSel, setGroupSel] = useState<string | null>(null);
  const shownGroup = groups.find((g) => groupKey(g) === groupSel) ?? groups[0];
  // A phase sweep's width plots and fits are those of one (param, α) group, as in fits.json.
  const runs = useMemo(() => (phase && shownGroup ? view.runs.filter((r) => groupKey(r) === groupKey(shownGroup)) : view.runs), [phase, shownGroup, view.runs]);
  // The engine's one metric table and fit routine (the same as the CLI's files).
  const all = useMemo(() => sweepMetrics(ranConfig), [ranConfig]);
  const metrics = useMemo(() => all.filter((m) => m.fitted), [all]);
  const fits = useMemo(() => fitAll(runs, metrics, sweepFitOptions({ base: ranConfig })), [runs, metrics, ranConfig]);
  const [familyKey, setFamilyKey] = useState('ntkDrift');
  const familyMetric = all.find((m) => m.key === familyKey) ?? all[0];

  const run = () => {
    const r = parseSweepSpec(sweepSpecInput({ ...config, lrWidthExp: settings.lrWidthExp }, settings));
    if (!r.ok) return; // the form shows why
    onRun?.();
    store.start(r.spec, backend);
  };
  const exports = <SweepExports view={view} />;

  return (
    <div className="app-body sweep-view">
      <aside className="sidebar" aria-label="Sweep settings">
        <SweepSettingsPanel
          settings={settings}
          config={config}
          onSettings={onSettings}
          onSteps={onSteps}
          view={view}
          onRun={run}
          onCancel={() => store.cancel()}
          exports={exports}
        />
      </aside>
      <main className="main sweep-main" id="main">
        <SweepIntro config={config} view={view} />
        {view.lrs && <LrNote lrs={view.lrs} />}
        {isWeakCorrelationsSetup(config) && <WeakCorrelationsNote />}
        {view.spec && isLrSweep(view.spec) && <LrPhaseDiagram runs={view.runs} groups={groups} widths={ranWidths} />}
        <PastEdgeNote runs={view.runs} phase={phase} />
        {phase && <PhaseDiagram runs={view.runs} metrics={all} groups={groups} widths={ranWidths} />}
        {phase && shownGroup && (
          <label className="inline-select phase-group-select">
            <span>Fitted slopes and width plots below for</span>
            <select value={groupKey(shownGroup)} onChange={(e) => setGroupSel(e.currentTarget.value)} aria-label="Group of the width plots">
              {groups.map((g) => (
                <option key={groupKey(g)} value={groupKey(g)}>
                  {groupLabel(g)}
                </option>
              ))}
            </select>
          </label>
        )}
        <SlopeTable metrics={metrics} fits={fits} />
        <div className="sweep-toolbar">
          <Toggle label="reference slopes −1/2 and −1 (dashed grey, not data)" checked={showRefs} onChange={setShowRefs} ariaLabel="Show reference slopes" />
          {showRefs && <p className="field-hint">{REFERENCE_NOTE}</p>}
        </div>
        {GROUPS.map((g) => {
          const ms = metrics.filter((m) => g.keys.includes(m.group));
          if (ms.length === 0) return null;
          return (
            <section key={g.title} className="sweep-group" aria-label={g.title}>
              <h2 className="sweep-group-title">{g.title}</h2>
              {g.keys.includes('correlations') && <CorrelationAdvice />}
              <div className="sweep-grid">
                {ms.map((m) => (
                  <MetricCard key={m.key} metric={m} runs={runs} widths={ranWidths} fits={fits} showRefs={showRefs} />
                ))}
              </div>
            </section>
          );
        })}
        <section className="sweep-group" aria-label="Trajectories per width">
          <h2 className="sweep-group-title">Trajectories per width</h2>
          <PlotCard
            title={`${familyMetric.label} during training`}
            fileStem={`sweep-family-${familyMetric.key}`}
            testId="family-card"
            controls={
              <>
                <label className="inline-select">
                  <span>Metric</span>
                  <select value={familyMetric.key} onChange={(e) => setFamilyKey(e.currentTarget.value)} aria-label="Metric of the trajectories">
                    {all.map((m) => (
                      <option key={m.key} value={m.key}>
                        {m.label}
                      </option>
                    ))}
                  </select>
                </label>
                <Toggle label="log x" checked={logX} onChange={setLogX} ariaLabel="Log-scale steps: trajectories per width" />
              </>
            }
            note="Mean over the seeds of each width. Darker = narrower, lighter = wider: the whole trajectory shrinks as the width grows."
          >
            <FamilyPlot runs={runs} metric={familyMetric} widths={ranWidths} xScaleType={logX ? 'log' : 'linear'} />
          </PlotCard>
        </section>
      </main>
    </div>
  );
}

/** Runs whose loss diverged (training stopped early), as "width 2048 (seed 1)" (with param and α in a phase sweep). */
export function divergedRuns(runs: readonly SweepRun[], phase = false): string[] {
  return runs.filter((r) => r.diverged).map((r) => (phase ? runName(r, true) : `width ${r.width} (seed ${r.seed})`));
}

function SweepIntro({ config, view }: { config: ExperimentConfig; view: SweepState }) {
  const ran = view.spec?.base;
  const diverged = divergedRuns(view.runs, view.spec !== null && isPhaseSweep(view.spec));
  return (
    <div className="sweep-intro">
      <SweepIntroText />
      <p className="sweep-config">
        Other settings come from the Lab: <b>{configSummary(config)}</b>. Change them in the Lab tab.
        {ran && ran !== config && configSummary(ran) !== configSummary(config) && (
          <>
            {' '}
            The plots show the last sweep: {configSummary(ran)}.
          </>
        )}
      </p>
      {view.spec && isPhaseSweep(view.spec) && (
        <p className="sweep-config" data-testid="phase-summary">
          Phase sweep: {view.spec.params.map((p) => PARAMETRIZATION_LABELS[p]).join(', ')} × output scales α = {view.spec.outputScales.join(', ')} × widths{' '}
          {view.spec.widths.join(', ')} × {view.spec.seeds} seed{view.spec.seeds === 1 ? '' : 's'}. These replace the Lab’s parametrization and output scale, and every
          run is centred.
        </p>
      )}
      {diverged.length > 0 && (
        <p className="field-error" role="status" data-testid="sweep-diverged">
          {diverged.length} run{diverged.length === 1 ? '' : 's'} diverged (the learning rate was above the stable limit): {diverged.join(', ')}. Their non-finite
          values are left out of the plots and fits.
        </p>
      )}
    </div>
  );
}

/** How the sweep's η was chosen (one line per parametrization), and the warning when the slopes mix η with width. */
function LrNote({ lrs }: { lrs: SweepLrs }) {
  const warnings = [...new Set(lrs.flatMap((l) => (l.warning ? [l.warning] : [])))];
  return (
    <div className="sweep-lr" data-testid="sweep-lr" data-rule={lrs[0].rule}>
      {lrs.map((lr) => (
        <p key={lr.param}>
          <b>Learning rate:</b> {lr.description}.
        </p>
      ))}
      {warnings.map((w) => (
        <p key={w} className="field-error" role="status" data-testid="sweep-lr-warning">
          Warning: {w}.
        </p>
      ))}
    </div>
  );
}

function MetricCard({ metric, runs, widths, fits, showRefs }: { metric: SweepMetric; runs: readonly SweepRun[]; widths: readonly number[]; fits: SweepFits; showRefs: boolean }) {
  const [series, dropped] = useMemo<[LogLogSeries[], number]>(() => {
    const stages = STAGES.filter((p) => !(p === 'init' && metric.zeroAtInit));
    const all = stages.map((stage) => ({ stage, s: widthSeries(runs, metric, stage) }));
    const list = all.map(({ stage, s }) => {
      const st = STAGE_STYLE[stage];
      return { key: stage, label: st.label, color: st.color, hollow: st.hollow, points: s.points, means: s.means, fit: fits[metric.key]?.[stage] ?? null };
    });
    return [list, all.reduce((n, { s }) => n + s.dropped, 0)];
  }, [runs, metric, fits]);
  const emptyMessage = runs.length === 0 ? 'No finished runs yet' : dropped > 0 ? 'Every value is 0: nothing to draw on log axes' : 'Not measured in these runs';
  const seeds = new Set(runs.map((r) => r.seed)).size;
  return (
    <PlotCard
      title={metric.label}
      fileStem={`sweep-${metric.key}`}
      testId={`sweep-card-${metric.key}`}
      note={
        <>
          {metric.note}
          {metric.zeroAtInit && <> Zero at initialisation by definition, so only the end of training is plotted.</>}
          {runs.length > 0 && seeds < 2 && <> One seed per width: the 95% interval needs at least two.</>}
          {dropped > 0 && <> {dropped} value{dropped === 1 ? ' is' : 's are'} 0 and left out of the log–log plot and the fit.</>}
        </>
      }
    >
      <LogLogPlot
        series={series}
        widths={widths}
        ariaLabel={`${metric.label} vs width (log–log)`}
        references={showRefs ? REFERENCE_SLOPES : []}
        emptyMessage={emptyMessage}
        testId="loglog-plot"
      />
      <MeansTable label={metric.label} series={series} />
    </PlotCard>
  );
}

/** The log–log plot as a table (a11y): one row per phase and width, the seed mean, min, max and count. */
function MeansTable({ label, series }: { label: string; series: readonly LogLogSeries[] }) {
  const rows = useMemo(() => series.flatMap((s) => s.means.map((m) => ({ phase: s.label, ...m }))), [series]);
  const columns: DataColumn[] = [
    { header: 'width', value: (i) => rows[i].width },
    { header: 'phase', value: (i) => rows[i].phase },
    { header: 'mean over seeds', value: (i) => rows[i].mean },
    { header: 'min', value: (i) => rows[i].min },
    { header: 'max', value: (i) => rows[i].max },
    { header: 'seeds', value: (i) => rows[i].n },
  ];
  return <DataTable caption={`${label} vs width`} columns={columns} rowCount={rows.length} maxRows={200} summaryLabel="Show table" />;
}
