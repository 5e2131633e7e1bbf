// The Lab ↔ Width sweep switch: which view shows (`?view=sweep`), the sweep's settings (kept in
// the URL) and the page's sweep store. The header's AppNav switches the view.
import { useCallback, useState } from 'react';
import { DEFAULT_SWEEP, sweepFromSearch, sweepToEntries, viewFromSearch, withSweepParams, type SweepSettings } from './sweepUrl';
import type { AppView } from '../shared/AppNav';
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
