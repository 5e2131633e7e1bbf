// The Lab ↔ Width sweep switch: which view shows (`?view=sweep`), the sweep's settings (kept in
// the URL), the page's sweep store, and the tabs in the header.
import { useCallback, useState } from 'react';
import { DEFAULT_SWEEP, sweepFromSearch, sweepToEntries, viewFromSearch, withSweepParams, type AppView, type SweepSettings } from './sweepUrl';
import { useSweepStore, type SweepStore } from './useSweep';

export interface SweepRoute {
  view: AppView;
  setView: (v: AppView) => void;
  settings: SweepSettings;
  setSettings: (s: SweepSettings) => void;
  /** Switch view and settings at once (a preset): the URL's sweep parameters become exactly these. */
  load: (v: AppView, s: SweepSettings) => void;
  store: SweepStore;
}

function replaceSearch(search: string): void {
  try {
    history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
  } catch {
    // Sandboxed embeds may forbid it; the app works without.
  }
}

export function useSweepRoute(): SweepRoute {
  const [view, setViewState] = useState<AppView>(() => viewFromSearch(location.search));
  const [settings, setSettingsState] = useState<SweepSettings>(() =>
    typeof location === 'undefined' ? { ...DEFAULT_SWEEP } : sweepFromSearch(location.search).settings,
  );
  const store = useSweepStore();
  const setView = useCallback(
    (v: AppView) => {
      setViewState(v);
      replaceSearch(withSweepParams(location.search, sweepToEntries(v, settings)));
    },
    [settings],
  );
  const setSettings = useCallback(
    (s: SweepSettings) => {
      setSettingsState(s);
      replaceSearch(withSweepParams(location.search, sweepToEntries(view, s)));
    },
    [view],
  );
  const load = useCallback((v: AppView, s: SweepSettings) => {
    setViewState(v);
    setSettingsState(s);
    replaceSearch(withSweepParams(location.search, sweepToEntries(v, s)));
  }, []);
  return { view, setView, settings, setSettings, load, store };
}

export function ViewTabs({ view, onView }: { view: AppView; onView: (v: AppView) => void }) {
  const tabs: { key: AppView; label: string }[] = [
    { key: 'lab', label: 'Lab' },
    { key: 'sweep', label: 'Width sweep' },
  ];
  return (
    <nav className="view-tabs" aria-label="Views">
      {tabs.map((t) => (
        <button key={t.key} type="button" className={view === t.key ? 'view-tab is-active' : 'view-tab'} aria-current={view === t.key ? 'page' : undefined} onClick={() => onView(t.key)}>
          {t.label}
        </button>
      ))}
    </nav>
  );
}
