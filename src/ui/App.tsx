// The page: header with the backend badge, controls, notices, the divergence banner and the panel grid.
import { Component, useCallback, useState, type ReactNode } from 'react';
import { configToSearch, type ExperimentConfig } from '../state/config';
import type { BackendName } from '../worker/protocol';
import { BackendBadge } from './BackendBadge';
import { Settings, Transport, formatLr } from './Controls';
import { Notices, type Notice } from './Notices';
import { useRun } from './useRun';
import type { PanelProps } from './panels/types';
import { DATASET_INFO } from '../engine/datasets';
import { PANELS } from './panels/registry';
import { SweepView } from './sweep/SweepView';
import { ViewTabs, useSweepRoute } from './sweep/useSweepRoute';
import { sweepParamsOf } from './sweep/sweepUrl';

export interface AppProps {
  initialConfig: ExperimentConfig;
  forcedBackend: BackendName | null;
  /** Notices from parsing the URL (rejected values fell back to their defaults). */
  urlNotices: string[];
}

function writeUrl(config: ExperimentConfig, forced: BackendName | null): void {
  const search = configToSearch(config, { ...(forced ? { backend: forced } : {}), ...sweepParamsOf(location.search) });
  const url = `${location.pathname}${search}${location.hash}`;
  try {
    history.replaceState(history.state, '', url);
  } catch {
    // Sandboxed embeds may forbid it; the app works without.
  }
}

export function App({ initialConfig, forcedBackend, urlNotices }: AppProps) {
  const [view, store] = useRun(initialConfig, forcedBackend);
  const [hoverStep, setHoverStep] = useState<number | null>(null);
  const [dismissed, setDismissed] = useState<Set<Notice['id']>>(() => new Set());
  const route = useSweepRoute();

  const config = view.config;
  const onChange = useCallback(
    (patch: Partial<ExperimentConfig>) => {
      const next = { ...store.getView().config, ...patch };
      writeUrl(next, forcedBackend);
      setHoverStep(null);
      store.setConfig(next);
    },
    [store, forcedBackend],
  );
  const onPairIndex = useCallback((i: number) => store.setPairIndex(i), [store]);

  const notices: Notice[] = [
    ...urlNotices.map((text, i) => ({ id: `url-${i}`, text, kind: 'notice' as const })),
    ...view.errors.map((e) => ({ id: e.id, text: e.message, kind: 'error' as const })),
  ].filter((n) => !dismissed.has(n.id));
  const dismiss = (id: Notice['id']) => {
    if (typeof id === 'number') store.dismissError(id);
    else setDismissed((s) => new Set(s).add(id));
  };

  const divergedAt = view.state === 'diverged' ? view.divergedAt : null;
  const panelProps: PanelProps = {
    meta: view.meta,
    rows: view.rows,
    snapshot: view.snapshot,
    hoverStep,
    onHoverStep: setHoverStep,
    pairIndex: view.meta && view.meta.probe.count > 0 ? Math.min(view.pairIndex, view.meta.probe.count - 1) : view.pairIndex,
    onPairIndex,
    divergedAt,
  };

  return (
    <div className="app">
      <header className="app-header">
        <div className="app-title">
          <h1>Tangent Lab</h1>
          <p className="app-subtitle">Train a neural network live and watch why a wide one behaves like its linearisation.</p>
        </div>
        <ViewTabs view={route.view} onView={route.setView} />
        <BackendBadge info={view.backend} />
      </header>

      <div className="app-alerts">
        <Notices items={notices} onDismiss={dismiss} />
        {divergedAt !== null && (
          <div className="diverged-banner" role="alert" data-testid="diverged">
            <strong>Diverged at step {divergedAt} — learning rate above the stable limit</strong>
            <span>
              {view.meta?.criticalLr
                ? `η = ${formatLr(view.meta.lr)} exceeds 2N/λmax(Θ₀) ≈ ${formatLr(view.meta.criticalLr)}, so each gradient step overshoots and the loss blows up.`
                : 'The loss stopped being finite: each gradient step overshoots.'}
            </span>
            <button type="button" className="btn btn-small" onClick={() => onChange({ lr: null })}>
              Use the automatic learning rate
            </button>
          </div>
        )}
      </div>

      {route.view === 'sweep' ? (
        <SweepView
          config={config}
          settings={route.settings}
          onSettings={route.setSettings}
          onSteps={(steps) => onChange({ steps })}
          store={route.store}
          backend={forcedBackend ?? view.backend?.name ?? null}
          onRun={() => store.pause()}
        />
      ) : (
      <div className="app-body">
        <aside className="sidebar" aria-label="Settings">
          <Transport
            view={view}
            onPlay={() => store.play()}
            onPause={() => store.pause()}
            onStep={() => store.stepOnce()}
            onReset={() => store.reset()}
          />
          <Settings config={config} meta={view.meta} onChange={onChange} />
        </aside>

        <main className="main" id="main">
          <div className="panel-grid">
            {PANELS.map(({ key, name, Panel }) => (
              <div className={`panel-cell panel-cell-${key}${key === 'function' && DATASET_INFO[config.dataset].inputDim === 2 ? ' panel-cell-wide' : ''}`} key={key}>
                <PanelBoundary name={name} resetKey={view.runId}>
                  <Panel {...panelProps} />
                </PanelBoundary>
              </div>
            ))}
          </div>
        </main>
      </div>
      )}

      <footer className="app-footer">
        <p>
          <strong>The badge</strong> names the TensorFlow.js backend that trains the network in a background worker:{' '}
          <em>webgpu</em> (GPU compute), <em>webgl</em> (GPU through graphics shaders), <em>wasm</em> (CPU, WebAssembly) or{' '}
          <em>cpu</em> (plain JavaScript). It is picked at start-up by timing one training step on each, and says why when it
          fell back; open it for the measurements. Add <code>?backend=webgl</code> (or webgpu, wasm, cpu) to the address to force one.
        </p>
        <p>Every setting is in the address bar: copy the link to share this exact run (same seed, same initial weights).</p>
      </footer>
    </div>
  );
}

interface BoundaryProps {
  name: string;
  resetKey: number;
  children: ReactNode;
}
interface BoundaryState {
  error: Error | null;
  key: number;
}

/** One failing panel shows its error instead of blanking the page; it retries on the next run. */
class PanelBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: null, key: this.props.resetKey };
  static getDerivedStateFromError(error: Error): Partial<BoundaryState> {
    return { error };
  }
  static getDerivedStateFromProps(props: BoundaryProps, state: BoundaryState): Partial<BoundaryState> | null {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }
  override render() {
    if (this.state.error) {
      return (
        <section className="panel panel-failed" aria-label={this.props.name}>
          <h2 className="panel-title">{this.props.name}</h2>
          <p role="alert">This panel failed to draw: {this.state.error.message}</p>
        </section>
      );
    }
    return this.props.children;
  }
}
