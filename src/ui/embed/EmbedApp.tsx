// `?embed=<panel>`: one panel of the lab filling its iframe (its main plot takes the height the
// control strip and the panel's header leave, text at its normal size), with a minimal control
// strip (Play/Pause, Reset and the one or two settings that panel is about) and a link to the full lab.
import { useCallback, useMemo, useState } from 'react';
import type { CompareSpec } from '../../schema/compare';
import { comparePanelData } from '../panels/compareSeries';
import type { ExperimentConfig } from '../../schema/config';
import type { BackendName } from '../../worker/protocol';
import type { ThemeChoice } from '../shared/appParams';
import type { PanelEntry } from '../panels/registry';
import { runPanelProps, type PanelProps } from '../panels/types';
import { useRun } from '../shared/useRun';
import { useAppearance } from '../shared/theme';
import { labSearch } from '../shared/labSearch';
import { EmbedControl } from './EmbedControl';
import { PlotLayoutContext, type PlotLayout } from '../plots/plotLayout';
import { useShortcuts } from '../shortcuts/useShortcuts';
import { PanelPartContext } from '../panels/ViewSwitch';

/** Every panel fills the frame at normal text size; a panel of several plots shows one at a time (ViewSwitch). */
const EMBED_LAYOUT: PlotLayout = { fill: true, compact: true };

export interface EmbedAppProps {
  entry: PanelEntry;
  initialConfig: ExperimentConfig;
  forcedBackend: BackendName | null;
  theme: ThemeChoice;
  large: boolean;
  /** Notices from parsing the URL (shown in one line above the panel). */
  urlNotices?: string[];
  /** `?compare=FIELD:VALUE`: the panel draws a second run alongside. */
  initialCompare?: CompareSpec | null;
  /** `?part=`: the view a panel of several plots opens on (null: its first). */
  part?: string | null;
}

export function EmbedApp({ entry, initialConfig, forcedBackend, theme, large, urlNotices = [], initialCompare = null, part = null }: EmbedAppProps) {
  const [view, store] = useRun(initialConfig, forcedBackend, initialCompare);
  const compareSpec = view.compare?.spec ?? null;
  const compare = useMemo(() => comparePanelData(view.compare, view.meta?.config ?? view.config), [view.compare, view.meta, view.config]);
  const [hoverStep, setHoverStep] = useState<number | null>(null);
  useAppearance(theme, large);
  const onChange = useCallback(
    (patch: Partial<ExperimentConfig>) => {
      const next = { ...store.getView().config, ...patch };
      const search = labSearch(next, forcedBackend, theme, large, store.getView().compare?.spec ?? null);
      try {
        history.replaceState(history.state, '', `${location.pathname}${search}${search ? '&' : '?'}embed=${entry.key}`);
      } catch {
        // sandboxed iframe: fine without
      }
      setHoverStep(null);
      store.setConfig(next);
    },
    [store, forcedBackend, theme, large, entry.key],
  );
  useShortcuts((a) => {
    if (a.type === 'toggle-play') {
      if (store.getView().wantPlay) store.pause();
      else store.play();
    } else if (a.type === 'step') store.stepOnce();
    else if (a.type === 'reset') store.reset();
  });
  const panelProps: PanelProps = { ...runPanelProps(view), compare, hoverStep, onHoverStep: setHoverStep, onPairIndex: (i) => store.setPairIndex(i) };
  const labHref = `${location.pathname}${labSearch(view.config, forcedBackend, theme, large, compareSpec)}`;
  const { Panel } = entry;
  const playing = view.wantPlay;
  return (
    <div className="embed" data-embed={entry.key}>
      <div className="embed-strip" role="group" aria-label="Run">
        {playing ? (
          <button type="button" className="btn btn-primary btn-small" onClick={() => store.pause()}>
            Pause
          </button>
        ) : (
          <button type="button" className="btn btn-primary btn-small" onClick={() => store.play()} disabled={view.state === 'diverged'}>
            Play
          </button>
        )}
        <button type="button" className="btn btn-small" onClick={() => store.reset()}>
          Reset
        </button>
        <span className="embed-step" aria-live="off">
          step <strong>{view.step}</strong>
          {view.state === 'diverged' && <span className="embed-diverged"> · diverged</span>}
        </span>
        {entry.embedControls.map((k) => (
          <div className="embed-control" key={k}>
            <EmbedControl field={k} config={view.config} lrInUse={view.meta?.lr ?? null} onChange={onChange} />
          </div>
        ))}
        <a className="embed-open" href={labHref} target="_top">
          Full lab ↗
        </a>
      </div>
      {(view.errors.length > 0 || urlNotices.length > 0) && (
        <p className="embed-error" role="alert">
          {view.errors.length > 0 ? view.errors[view.errors.length - 1]!.message : urlNotices.join(' ')}
        </p>
      )}
      <div className="embed-panel panel-cell">
        <PlotLayoutContext.Provider value={EMBED_LAYOUT}>
          <PanelPartContext.Provider value={part}>
            <Panel {...panelProps} />
          </PanelPartContext.Provider>
        </PlotLayoutContext.Provider>
      </div>
    </div>
  );
}
