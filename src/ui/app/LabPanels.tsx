// The Lab's panels: "At a glance" (the four core plots — learned function, NTK drift, network–twin
// gap, derivative correlations — in a 2×2 grid sized to the window, so they sit on one screen with
// the controls) and every other view one click away in a tab strip. Each panel's explanation is
// behind its "Explain" disclosure (PanelFrame). F shows the focused panel full screen, filled.
import { Component, memo, useEffect, useLayoutEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import type { PanelProps } from '../panels/types';
import type { PanelEntry } from '../panels/registry';
import { PlotLayoutContext, type PlotLayout } from '../plots/plotLayout';
import './glance.css';

/** The core plots of the mission, in reading order; the rest of the registry is "more views". */
export const GLANCE_KEYS: readonly string[] = ['function', 'drift', 'gap', 'correlations'];

/** Split the panels that apply into the glance grid and the more-views tabs (glance never empty). */
export function splitGlance(entries: readonly PanelEntry[]): { glance: PanelEntry[]; more: PanelEntry[] } {
  const glance = GLANCE_KEYS.flatMap((k) => entries.filter((e) => e.key === k));
  if (glance.length === 0) return { glance: entries.slice(0, 1), more: entries.slice(1) };
  return { glance, more: entries.filter((e) => !GLANCE_KEYS.includes(e.key)) };
}

const GLANCE_TAB = 'glance';
const FIXED: PlotLayout = { fill: false, compact: false };
const GLANCE: PlotLayout = { fill: true, compact: true };
const FULL: PlotLayout = { fill: true, compact: false };

export interface LabPanelsProps extends PanelProps {
  entries: readonly PanelEntry[];
  /** Panels that need a whole row and their natural height (2D function heatmaps, early-time). */
  isWide: (entry: PanelEntry) => boolean;
  resetKey: number;
}

export function LabPanels({ entries, isWide, resetKey, ...props }: LabPanelsProps) {
  const { glance, more } = splitGlance(entries);
  const [tab, setTab] = useState(GLANCE_TAB);
  const current = tab === GLANCE_TAB ? null : (more.find((e) => e.key === tab) ?? null);
  // A wide panel (three 2D heatmaps, the early-time panel) keeps its natural height: no fitted grid.
  const fitted = !glance.some(isWide);
  const tabs = [{ key: GLANCE_TAB, name: 'At a glance' }, ...more.map((e) => ({ key: e.key, name: e.name }))];
  const selected = current ? current.key : GLANCE_TAB;
  const tabRefs = useRef(new Map<string, HTMLButtonElement>());
  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const i = tabs.findIndex((t) => t.key === selected);
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : null;
    if (next === null) return;
    e.preventDefault();
    e.stopPropagation();
    const t = tabs[(next + tabs.length) % tabs.length]!;
    setTab(t.key);
    tabRefs.current.get(t.key)?.focus();
  };
  return (
    <div className="lab-panels">
      {tabs.length > 1 && (
        <div className="view-tabs" role="tablist" aria-label="Views">
          {tabs.map((t) => (
            <button
              key={t.key}
              ref={(el) => {
                if (el) tabRefs.current.set(t.key, el);
                else tabRefs.current.delete(t.key);
              }}
              type="button"
              role="tab"
              id={`tab-${t.key}`}
              aria-selected={t.key === selected}
              aria-controls="view-panel"
              tabIndex={t.key === selected ? 0 : -1}
              className="view-tab"
              data-view={t.key}
              onClick={() => setTab(t.key)}
              onKeyDown={onTabKey}
            >
              {t.name}
            </button>
          ))}
        </div>
      )}
      <div id="view-panel" role={tabs.length > 1 ? 'tabpanel' : undefined} aria-labelledby={tabs.length > 1 ? `tab-${selected}` : undefined}>
        {current ? (
          <div className="panel-grid view-one">
            <PanelCell entry={current} wide layout={FIXED} resetKey={resetKey} {...props} />
          </div>
        ) : fitted ? (
          <GlanceGrid count={glance.length}>
            {glance.map((entry) => (
              <PanelCell key={entry.key} entry={entry} wide={false} layout={GLANCE} resetKey={resetKey} {...props} />
            ))}
          </GlanceGrid>
        ) : (
          <div className="panel-grid">
            {glance.map((entry) => (
              <PanelCell key={entry.key} entry={entry} wide={isWide(entry)} layout={FIXED} resetKey={resetKey} {...props} />
            ))}
          </div>
        )}
      </div>
    </div>
  );
}

/** The 2×2 grid, as tall as the window below its top edge (never shorter than its CSS minimum). */
function GlanceGrid({ count, children }: { count: number; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState<number | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const t = Math.round(el.getBoundingClientRect().top + window.scrollY);
      setTop((prev) => (prev === t ? prev : t));
    };
    measure();
    window.addEventListener('resize', measure);
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    // The header and the alerts above the grid change height (notices, banners, wrapping).
    ro?.observe(document.body);
    return () => {
      window.removeEventListener('resize', measure);
      ro?.disconnect();
    };
  }, []);
  const style = top === null ? undefined : ({ '--glance-top': `${top}px` } as CSSProperties);
  return (
    <div ref={ref} className={`glance-grid glance-${count}`} style={style} data-testid="glance-grid">
      {children}
    </div>
  );
}

/**
 * One panel cell. Memoised on its props: a status update (step counter, steps/s) re-renders the
 * header and transport but not the plots, whose rows and snapshot did not change. Full screen (F)
 * the panel fills the screen.
 */
export const PanelCell = memo(function PanelCell({ entry, wide, layout, resetKey, ...props }: PanelProps & { entry: PanelEntry; wide: boolean; layout: PlotLayout; resetKey: number }) {
  const { key, name, Panel } = entry;
  const ref = useRef<HTMLDivElement>(null);
  const full = useIsFullscreen(ref);
  return (
    <div ref={ref} tabIndex={-1} data-panel={key} className={`panel-cell panel-cell-${key}${wide ? ' panel-cell-wide' : ''}`}>
      <PlotLayoutContext.Provider value={full ? FULL : layout}>
        <PanelBoundary name={name} resetKey={resetKey}>
          <Panel {...props} />
        </PanelBoundary>
      </PlotLayoutContext.Provider>
    </div>
  );
});

function useIsFullscreen(ref: { current: HTMLElement | null }): boolean {
  const [full, setFull] = useState(false);
  useEffect(() => {
    const on = () => setFull(document.fullscreenElement !== null && document.fullscreenElement === ref.current);
    document.addEventListener('fullscreenchange', on);
    return () => document.removeEventListener('fullscreenchange', on);
  }, [ref]);
  return full;
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
