// The page: header (Lab · Width sweep · Tour navigation, presenter tools, backend badge), controls with the preset menu,
// notices, the divergence banner and the panel grid. Keyboard shortcuts are bound here.
import { Suspense, lazy, memo, useCallback, useMemo, useState } from 'react';
import { configFromSearch, isToyDataset, TOY_INPUT_DIM, type ExperimentConfig } from '../../schema/config';
import { labSearch } from '../shared/labSearch';
import { APP_PARAM_NAMES, appParamsToEntries, type ThemeChoice } from '../shared/appParams';
import { PRESETS, presetIsSweep } from '../../content/presets';
import { PresetField, presetMatching } from '../controls/PresetField';
import { Toolbar } from './Toolbar';
import { useAppearance } from '../shared/theme';
import { useShortcuts, toggleFullscreenPanel } from '../shortcuts/useShortcuts';
import { ShortcutsDialog } from '../shortcuts/ShortcutsDialog';
import type { BackendName } from '../../worker/protocol';
import { BackendBadge } from './BackendBadge';
import { Transport } from '../controls/Transport';
import { Settings, formatLr } from '../controls/Settings';
import { RegimeBadge } from '../controls/RegimeBadge';
import { NARROW_WIDTH, NarrowWide, WIDE_WIDTH } from '../controls/NarrowWide';
import { Notices, type Notice } from './Notices';
import { deviceLossNotice } from '../../worker/fallback';
import { useRun } from '../shared/useRun';
import { SettingsDrawer } from '../controls/SettingsDrawer';
import { FilesSection } from '../export/FilesSection';
import { runPanelProps, type PanelProps } from '../panels/types';
import { panelsFor } from '../panels/registry';
import { LabPanels } from './LabPanels';
import { useSweepRoute } from '../sweep/useSweepRoute';
import { sweepFromSearch, sweepParamsOf, sweepToEntries, withSweepParams } from '../sweep/sweepUrl';
import { AppNav } from '../shared/AppNav';
import { criticalRateFormula } from '../../content/criticalRate';
import { CompareControl, CompareToggle } from '../controls/CompareControl';
import { compareFromSearch, type CompareSpec } from '../../schema/compare';
import { comparePanelData } from '../panels/compareSeries';
import { divergedText } from '../../content/lrPhases';

// The settings form re-renders only when the config, the run's metadata or onChange change.
const MemoSettings = memo(Settings);

// The Width sweep view is its own chunk: loaded when it is first shown.
const SweepView = lazy(async () => ({ default: (await import('../sweep/SweepView')).SweepView }));

export interface AppProps {
  initialConfig: ExperimentConfig;
  forcedBackend: BackendName | null;
  /** Notices from parsing the URL (rejected values fell back to their defaults). */
  urlNotices: string[];
  /** `?theme=` (null: follow the system) and `?large=1`. */
  theme: ThemeChoice;
  large: boolean;
  /** `?compare=FIELD:VALUE`: a second run trained alongside (null: off). */
  initialCompare?: CompareSpec | null;
}

function writeUrl(search: string): void {
  // The sweep's own parameters (view, widths, seeds) stay in the URL when the Lab rewrites it.
  search = withSweepParams(search, Object.entries(sweepParamsOf(location.search)));
  const url = `${location.pathname}${search}${location.hash}`;
  try {
    history.replaceState(history.state, '', url);
  } catch {
    // Sandboxed embeds may forbid it; the app works without.
  }
}

export function App({ initialConfig, forcedBackend, urlNotices, theme: initialTheme, large: initialLarge, initialCompare = null }: AppProps) {
  const [view, store] = useRun(initialConfig, forcedBackend, initialCompare);
  const [hoverStep, setHoverStep] = useState<number | null>(null);
  const [dismissed, setDismissed] = useState<Set<Notice['id']>>(() => new Set());
  const [themeChoice, setThemeChoice] = useState<ThemeChoice>(initialTheme);
  const [large, setLarge] = useState(initialLarge);
  const [helpOpen, setHelpOpen] = useState(false);
  const theme = useAppearance(themeChoice, large);
  const route = useSweepRoute();
  const loadSweep = route.load;

  const config = view.config;
  const compareSpec = view.compare?.spec ?? null;
  const search = useMemo(() => labSearch(config, forcedBackend, themeChoice, large, compareSpec), [config, forcedBackend, themeChoice, large, compareSpec]);
  const compare = useMemo(() => comparePanelData(view.compare, view.meta?.config ?? config), [view.compare, view.meta, config]);
  const preset = useMemo(() => presetMatching(config, compareSpec), [config, compareSpec]);
  const onChange = useCallback(
    (patch: Partial<ExperimentConfig>) => {
      const next = { ...store.getView().config, ...patch };
      writeUrl(labSearch(next, forcedBackend, themeChoice, large, store.getView().compare?.spec ?? null));
      setHoverStep(null);
      store.setConfig(next);
    },
    [store, forcedBackend, themeChoice, large],
  );
  const onCompare = useCallback(
    (spec: CompareSpec | null, patch: Partial<ExperimentConfig> = {}) => {
      const next = { ...store.getView().config, ...patch };
      writeUrl(labSearch(next, forcedBackend, themeChoice, large, spec));
      setHoverStep(null);
      store.setCompare(spec, next);
    },
    [store, forcedBackend, themeChoice, large],
  );
  const loadPreset = useCallback(
    (index: number) => {
      const p = PRESETS[index];
      if (!p) return;
      // A preset replaces every setting (not a patch): the URL becomes exactly the preset's query.
      const { config: next } = configFromSearch(p.query, APP_PARAM_NAMES);
      // A preset may open in compare mode (`compare=` in its query); otherwise compare is off.
      const cmp = compareFromSearch(p.query, next).spec;
      writeUrl(labSearch(next, forcedBackend, themeChoice, large, cmp));
      // A sweep preset (view=sweep) opens the Width sweep view with its widths and seeds; others the Lab.
      loadSweep(presetIsSweep(p) ? 'sweep' : 'lab', sweepFromSearch(p.query).settings);
      setHoverStep(null);
      store.setCompare(cmp, next);
    },
    [store, forcedBackend, themeChoice, large, loadSweep],
  );
  const setAppearance = (t: ThemeChoice, l: boolean) => {
    setThemeChoice(t);
    setLarge(l);
    writeUrl(labSearch(store.getView().config, forcedBackend, t, l, store.getView().compare?.spec ?? null));
  };
  useShortcuts((a) => {
    switch (a.type) {
      case 'toggle-play':
        if (store.getView().wantPlay) store.pause();
        else store.play();
        return;
      case 'step':
        store.stepOnce();
        return;
      case 'reset':
        store.reset();
        return;
      case 'fullscreen':
        toggleFullscreenPanel();
        return;
      case 'preset':
        loadPreset(a.index);
        return;
      case 'help':
        setHelpOpen(true);
        return;
    }
  }, !helpOpen);
  const onPairIndex = useCallback((i: number) => store.setPairIndex(i), [store]);
  const onNfaLayer = useCallback((l: number) => store.setNfaLayer(l), [store]);
  const onEarlySweep = useCallback(() => store.runEarlySweep(), [store]);

  const notices: Notice[] = [
    ...urlNotices.map((text, i) => ({ id: `url-${i}`, text, kind: 'notice' as const })),
    ...view.errors.map((e) => ({ id: e.id, text: e.message, kind: 'error' as const })),
    ...(view.deviceLoss ? [{ id: `lost-${view.deviceLoss.id}`, text: deviceLossNotice(view.deviceLoss.lost, view.backend?.name ?? null), kind: 'notice' as const }] : []),
  ].filter((n) => !dismissed.has(n.id));
  const dismiss = (id: Notice['id']) => {
    if (typeof id === 'number') store.dismissError(id);
    else setDismissed((s) => new Set(s).add(id));
  };

  const panelProps: PanelProps = { ...runPanelProps(view), compare, hoverStep, onHoverStep: setHoverStep, onPairIndex, nfaLayer: view.nfaLayer, onNfaLayer, earlySweep: view.earlySweep, onEarlySweep };
  const { divergedAt } = panelProps;
  // panels follow the running model (meta), not the config that is still loading
  const model = view.meta?.config.model ?? config.model;

  return (
    <div className="app">
      <header className="app-header">
        <div className="app-title">
          <h1>Tangent Lab</h1>
          <p className="app-subtitle">Train a network live and watch why a wide one behaves like its linearisation.</p>
        </div>
        <AppNav
          current={route.view}
          onView={route.setView}
          hrefs={{
            lab: withSweepParams(search, []) || '?',
            sweep: withSweepParams(search, sweepToEntries('sweep', route.settings)),
            tour: `?${new URLSearchParams({ page: 'tour', ...appParamsToEntries({ theme: themeChoice, large }) }).toString()}`,
          }}
        />
        <Toolbar
          search={search}
          theme={theme}
          large={large}
          onTheme={(t) => setAppearance(t, large)}
          onLarge={(l) => setAppearance(themeChoice, l)}
          onHelp={() => setHelpOpen(true)}
        />
        <BackendBadge info={view.backend} onReprobe={() => store.reprobe()} />
      </header>

      <div className="app-alerts">
        <Notices items={notices} onDismiss={dismiss} />
        {divergedAt !== null && (
          <div className="diverged-banner" role="alert" data-testid="diverged">
            <strong>Diverged at step {divergedAt}</strong>
            <span>
              {divergedText({
                lr: formatLr(view.meta?.lr ?? NaN),
                critical: view.meta?.criticalLr ? formatLr(view.meta.criticalLr) : null,
                ratio: view.meta?.criticalLr ? formatLr(view.meta.lr / view.meta.criticalLr) : null,
                formula: criticalRateFormula(view.meta?.config.outputScale ?? 1),
              })}
            </span>
            <button type="button" className="btn btn-small" onClick={() => onChange({ lr: null, lrScale: null })}>
              Use the automatic learning rate
            </button>
          </div>
        )}
      </div>

      {route.view === 'sweep' ? (
        <Suspense fallback={<p className="view-loading" role="status">Loading the Width sweep…</p>}>
        <SweepView
          config={config}
          settings={{ ...route.settings, lrWidthExp: config.lrWidthExp }}
          onSettings={(s) => {
            route.setSettings(s);
            if (s.lrWidthExp !== config.lrWidthExp) onChange({ lrWidthExp: s.lrWidthExp });
          }}
          onSteps={(steps) => onChange({ steps })}
          store={route.store}
          backend={forcedBackend ?? view.backend?.name ?? null}
          onRun={() => store.pause()}
        />
        </Suspense>
      ) : (
      <div className="app-body">
        <aside className="sidebar" aria-label="Settings">
          <PresetField current={preset} onChoose={loadPreset} />
          <Transport
            view={view}
            onPlay={() => store.play()}
            onPause={() => store.pause()}
            onStep={() => store.stepOnce()}
            onReset={() => store.reset()}
            onCancel={() => store.cancel()}
          />
          <NarrowWide width={config.width} onWidth={(width) => onChange({ width })}>
            <CompareToggle config={config} compare={compareSpec} onCompare={onCompare} narrow={NARROW_WIDTH} wide={WIDE_WIDTH} />
          </NarrowWide>
          <CompareControl config={config} compare={compareSpec} onCompare={onCompare} />
          <RegimeBadge config={config} />
          <SettingsDrawer>
            <MemoSettings config={config} meta={view.meta} onChange={onChange} />
            <FilesSection
              config={config}
              meta={view.meta}
              rows={view.rows}
              backend={view.backend?.name ?? null}
              onLoadConfig={onChange}
              compare={compare && view.compare ? { spec: view.compare.spec, labels: compare.labels, rows: view.compare.rows, meta: view.compare.meta } : null}
            />
          </SettingsDrawer>
        </aside>

        <main className="main" id="main">
          <LabPanels
            entries={panelsFor(model, config.dataset)}
            isWide={(entry) => (Boolean(entry.wide) && model === 'early-time') || (entry.key === 'function' && isToyDataset(config.dataset) && TOY_INPUT_DIM[config.dataset] === 2)}
            resetKey={view.runId}
            {...panelProps}
          />
        </main>
      </div>
      )}

      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} presets={PRESETS.map((p) => p.name)} />

      <footer className="app-footer">
        <p>
          <strong>The badge</strong> names the TensorFlow.js backend that trains the network in a background worker:{' '}
          <em>webgpu</em> (GPU compute), <em>webgl</em> (GPU through graphics shaders), <em>wasm</em> (CPU, WebAssembly) or{' '}
          <em>cpu</em> (plain JavaScript). It is picked at start-up by timing a few training steps on each (on a later visit: the choice measured then), and says why when it
          fell back; open it for the measurements. Add <code>?backend=webgl</code> (or webgpu, wasm, cpu) to the address to force one.
        </p>
        <p>
          Every setting is in the address bar: <strong>Share</strong> copies the link to this exact run (same seed, same initial
          weights). Press <kbd>?</kbd> for keyboard shortcuts.
        </p>
      </footer>
    </div>
  );
}
