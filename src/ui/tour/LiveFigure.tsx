// A small live figure of the tour: one lab panel, a setting or two to poke, Play/Pause, Reset and
// "open in the lab". It trains only while it is the active figure (in view, tab visible); when it
// is not, it keeps showing its last state.
import { useEffect, useEffectEvent, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { configToSearch, type ExperimentConfig } from '../../schema/config';
import { panelByKey } from '../panels/registry';
import type { PanelProps } from '../panels/types';
import { EmbedControl } from '../embed/EmbedControl';
import { RegimeBadge } from '../controls/RegimeBadge';
import { PanelContext } from '../plots/PanelFrame';
import { SharedLogYContext } from '../plots/plotLayout';
import { regimeOf } from '../../content/regime';
import type { FrozenView, TourRunner } from './tourRunner';

export interface LiveFigureProps {
  id: string;
  runner: TourRunner;
  panel: string;
  config: ExperimentConfig;
  controls: readonly (keyof ExperimentConfig)[];
  /** Reports how much of the figure is in view (0…1, see visibleShare). */
  onRatio: (id: string, ratio: number) => void;
  caption: ReactNode;
  /** Extra query for the lab link (theme, large type). */
  labExtra: Record<string, string>;
  /** Show the regime badge of the figure's current settings. */
  regime?: boolean;
  /** A log y range shared with the figures beside it. */
  sharedLogY?: [number, number];
}

const EMPTY: FrozenView = {
  meta: null,
  rows: [],
  snapshot: null,
  step: 0,
  state: 'ready',
  divergedAt: null,
  wantPlay: false,
};

export function LiveFigure({ id, runner, panel, config: initial, controls, onRatio, caption, labExtra, regime, sharedLogY }: LiveFigureProps) {
  const entry = panelByKey(panel);
  const [config, setConfig] = useState(initial);
  const [hoverStep, setHoverStep] = useState<number | null>(null);
  const ref = useRef<HTMLElement>(null);
  const activeId = useSyncExternalStore(runner.subscribe, runner.getActiveId);
  const live = useSyncExternalStore(runner.store.subscribe, runner.store.getView);
  const active = activeId === id;
  // The runner keeps each figure's last view (paused) while another figure trains.
  const frozen = useSyncExternalStore(runner.subscribeAll, () => runner.frozenView(id) ?? EMPTY);
  const [playWanted, setPlayWanted] = useState(true);
  // In view but not the active figure (e.g. beside the one that trains): "paused", not "out of view".
  const [inView, setInView] = useState(false);

  const shown: FrozenView = active ? (live.state === 'loading' ? { ...EMPTY, state: live.state } : live) : frozen;

  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver !== 'function') return;
    const io = new IntersectionObserver((entries) => {
      for (const e of entries) {
        const r = e.isIntersecting ? visibleShare(e) : 0;
        setInView(r > 0);
        onRatio(id, r);
      }
    }, { threshold: Array.from({ length: 21 }, (_, i) => i / 20) });
    io.observe(el);
    return () => {
      io.disconnect();
      onRatio(id, 0);
    };
  }, [id, onRatio]);

  // The figure's settings are what the runner trains whenever this figure becomes active.
  const onActivate = useEffectEvent(() => {
    if (runner.getActiveId() === id && runner.store.getView().config !== config) runner.setConfig(id, config);
  });
  useEffect(() => runner.subscribe(() => onActivate()), [runner]);

  if (!entry) return <p role="alert">Unknown panel {panel}</p>;
  const { Panel } = entry;
  const change = (patch: Partial<ExperimentConfig>) => {
    const next = { ...config, ...patch };
    setConfig(next);
    runner.setConfig(id, next); // drops the figure's frozen copy
  };
  const props: PanelProps = {
    meta: shown.meta,
    rows: shown.rows,
    snapshot: shown.snapshot,
    hoverStep,
    onHoverStep: setHoverStep,
    pairIndex: 0,
    onPairIndex: () => undefined,
    divergedAt: shown.state === 'diverged' ? shown.divergedAt : null,
  };
  const playing = active && live.wantPlay;
  const status = active ? (live.state === 'playing' ? 'running' : live.state) : inView ? 'paused' : 'paused (out of view)';
  const labQuery = configToSearch(config, labExtra);
  return (
    <figure className="tour-figure" ref={ref} data-figure={id} data-active={active ? 'true' : 'false'} data-step={shown.step}>
      <div className="tour-figure-strip" role="group" aria-label="Figure controls">
        {playing ? (
          <button
            type="button"
            className="btn btn-primary btn-small"
            onClick={() => {
              setPlayWanted(false);
              runner.setWantPlay(id, false);
            }}
          >
            Pause
          </button>
        ) : (
          <button
            type="button"
            className="btn btn-primary btn-small"
            disabled={shown.state === 'diverged'}
            onClick={() => {
              setPlayWanted(true);
              runner.setWantPlay(id, true);
              if (!active) runner.activate(id, config);
              else if (live.state === 'done') runner.store.play();
            }}
          >
            Play
          </button>
        )}
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            if (active) runner.store.reset();
            else runner.activate(id, config);
            runner.setWantPlay(id, playWanted);
          }}
        >
          Reset
        </button>
        <span className="tour-figure-step">
          step <strong>{shown.step}</strong> · <span className="tour-figure-state">{status}</span>
        </span>
        {controls.map((k) => (
          <div className="embed-control" key={k}>
            <EmbedControl field={k} config={config} lrInUse={shown.meta?.lr ?? null} onChange={change} />
          </div>
        ))}
        <a className="tour-open" href={labQuery || '?'}>
          Open in the lab ↗
        </a>
      </div>
      {regime && <RegimeBadge config={config} className="tour-regime" />}
      <div className="tour-figure-panel panel-cell" data-panel={panel}>
        <PanelContext value={regimeOf(config).label}>
          <SharedLogYContext value={sharedLogY ?? null}>
            <Panel {...props} />
          </SharedLogYContext>
        </PanelContext>
      </div>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

/**
 * How much of the figure is in view, 0…1: its visible height over the smaller of its own height and
 * the viewport's, so a figure taller than the window counts as fully seen when it fills it.
 */
export function visibleShare(e: Pick<IntersectionObserverEntry, 'intersectionRect' | 'boundingClientRect' | 'rootBounds'>): number {
  const full = Math.min(e.boundingClientRect.height, e.rootBounds?.height ?? window.innerHeight);
  return full > 0 ? Math.min(1, e.intersectionRect.height / full) : 0;
}
