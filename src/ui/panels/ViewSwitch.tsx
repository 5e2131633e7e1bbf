// One view at a time in a box of fixed size: a panel with several plots (panelViews.ts) shows, in a
// filled layout (an embed, full screen F), the view chosen here, filling the box; the switch sits in
// the panel's header. On a page (the Lab's tab) every view is shown and there is no switch.
import { createContext, useContext, useState, type ReactNode } from 'react';
import { usePlotLayout } from '../plots/plotLayout';
import { panelViews, resolvePanelView } from './panelViews';
import './views.css';

/** The view an embed opens on (`?part=`), or null: the panel's first view. */
export const PanelPartContext = createContext<string | null>(null);

/**
 * [the view to show alone, or null (show every view), the switch element for the panel's header].
 * `available` drops views that do not apply to this run (e.g. eigenvectors of a 2-D input).
 */
export function usePanelView(panel: string, title: string, available?: (key: string) => boolean): [string | null, ReactNode] {
  const { fill, compact } = usePlotLayout();
  const part = useContext(PanelPartContext);
  const [chosen, setChosen] = useState(() => resolvePanelView(panel, part));
  const views = panelViews(panel).filter((v) => !available || available(v.key));
  if (!(fill || compact) || views.length === 0) return [null, null];
  const current = views.find((v) => v.key === chosen)?.key ?? views[0]!.key;
  if (views.length === 1) return [current, null];
  const sw = (
    <span className="view-switch export-skip" role="group" aria-label={`View: ${title}`}>
      {views.map((v) => (
        <button key={v.key} type="button" className="view-switch-button" aria-pressed={v.key === current} data-part={v.key} onClick={() => setChosen(v.key)}>
          {v.label}
        </button>
      ))}
    </span>
  );
  return [current, sw];
}
