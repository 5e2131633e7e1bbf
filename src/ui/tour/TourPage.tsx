// The guided tour (`?page=tour`): a short narrative with one live figure per idea. One worker for
// the page (TourRunner); the most visible figure drives it, the rest are paused.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../schema/config';
import type { BackendName } from '../../worker/protocol';
import { appParamsToEntries, type ThemeChoice } from '../shared/appParams';
import { useAppearance } from '../shared/theme';
import { Formula } from '../../content/Formula';
import { PRESETS } from '../../content/presets';
import { LiveFigure } from './LiveFigure';
import { AppNav } from '../shared/AppNav';
import { TourRunner } from './tourRunner';
import { TOUR_SECTIONS } from '../../content/tour/sections';
import { figureRows } from '../../content/tour/types';
import './tour.css';

export interface TourPageProps {
  theme: ThemeChoice;
  large: boolean;
  forcedBackend: BackendName | null;
}

/** A figure needs this much of itself in view to run. */
const MIN_RATIO = 0.3;
/** Visible shares closer than this count as equal (sub-pixel differences between figures in a row). */
const TIE = 0.05;
/** Observer reports within this time are taken together before choosing the figure that runs. */
const PICK_DELAY_MS = 100;

export default function TourPage({ theme, large, forcedBackend }: TourPageProps) {
  useAppearance(theme, large);
  const runner = useMemo(() => new TourRunner({ ...DEFAULT_CONFIG }, forcedBackend), [forcedBackend]);
  const ratios = useRef(new Map<string, number>());
  const configs = useMemo(() => new Map(TOUR_SECTIONS.flatMap((s) => s.figures.map((f) => [f.id, f.config] as const))), []);

  const pick = useCallback(() => {
    let best: string | null = null;
    let bestR = MIN_RATIO;
    // In page order; near-ties (within TIE) go to the earlier figure: of two side by side, the left one starts.
    for (const id of configs.keys()) {
      const r = ratios.current.get(id) ?? 0;
      if (best === null ? r >= bestR : r > bestR + TIE) {
        best = id;
        bestR = r;
      }
    }
    const active = runner.getActiveId();
    if (best === null) {
      if (active !== null) runner.deactivate(active);
    } else if (best !== active && (active === null || (ratios.current.get(active) ?? 0) < MIN_RATIO || bestR > (ratios.current.get(active) ?? 0) + 0.2)) {
      runner.activate(best, configs.get(best) as ExperimentConfig);
    }
  }, [runner, configs]);
  // Each figure has its own IntersectionObserver, and their reports of one scroll arrive in any order
  // over a few milliseconds: pick once they are all in.
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const disposed = useRef(false);
  const onRatio = useCallback(
    (id: string, r: number) => {
      ratios.current.set(id, r);
      pending.current ??= setTimeout(() => {
        pending.current = null;
        if (!disposed.current) pick();
      }, PICK_DELAY_MS);
    },
    [pick],
  );

  useEffect(() => {
    const onVis = () => runner.setPageHidden(document.visibilityState === 'hidden');
    document.addEventListener('visibilitychange', onVis);
    onVis();
    disposed.current = false;
    return () => {
      document.removeEventListener('visibilitychange', onVis);
      disposed.current = true;
      if (pending.current !== null) clearTimeout(pending.current);
      pending.current = null;
      runner.dispose();
    };
  }, [runner]);

  const extra = appParamsToEntries({ theme, large });
  const pageQuery = (q: Record<string, string>) => `?${new URLSearchParams({ ...q, ...extra }).toString()}`;
  return (
    <div className="tour">
      <header className="tour-header">
        <AppNav current="tour" hrefs={{ lab: pageQuery({}), sweep: pageQuery({ view: 'sweep' }), tour: pageQuery({ page: 'tour' }) }} />
        <h1>Why wide networks train like their linearisation</h1>
        <p className="tour-lede">
          A guided tour of Tangent Lab. Every figure trains a real network, live, in your browser; drag its slider, press Play,
          or open it in the lab. Only the figure you are looking at runs.
        </p>
      </header>
      <main>
        {TOUR_SECTIONS.map((s) => (
          <section className="tour-section" key={s.id} id={s.id} aria-labelledby={`${s.id}-h`}>
            <h2 id={`${s.id}-h`}>{s.title}</h2>
            {s.body({ Formula, presetLink: (name) => presetLink(name, extra) })}
            {figureRows(s).map((row) => (
              <div className={row.length > 1 ? 'tour-figure-row' : undefined} key={row[0]!.id}>
                {row.map((f) => (
                  <LiveFigure
                    key={f.id}
                    id={f.id}
                    runner={runner}
                    panel={f.panel}
                    config={configs.get(f.id) as ExperimentConfig}
                    controls={f.controls}
                    onRatio={onRatio}
                    caption={f.caption}
                    labExtra={extra}
                    regime={f.regime}
                    sharedLogY={f.sharedLogY}
                  />
                ))}
              </div>
            ))}
          </section>
        ))}
      </main>
      <footer className="tour-footer">
        <p>
          The formulas and how each number is checked are in <code>docs/science.md</code> of the Tangent Lab repository.{' '}
          <a href={pageQuery({})}>Back to the lab</a>.
        </p>
      </footer>
    </div>
  );
}

function presetLink(name: string, extra: Record<string, string>): { href: string; title: string } | null {
  const p = PRESETS.find((x) => x.name === name);
  if (!p) return null;
  return { href: `?${new URLSearchParams({ preset: p.name, ...extra }).toString()}`, title: p.title };
}
