// Entry: the page's settings (pageSettings.ts: `?preset=` resolved, page and experiment settings,
// invalid ones as notices; boot.ts read them first and started the training worker), then render
// the lab, one embedded panel (`?embed=<panel>`) or the guided tour (`?page=tour`).
import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import { type BackendName } from './worker/protocol';
import { App } from './ui/app/App';
import { PANELS, panelByKey } from './ui/panels/registry';
import { embedPart } from './ui/panels/panelViews';
import { pageSettings } from './pageSettings';
import { registerServiceWorker } from './sw/register';
import './ui/app/styles.css';

const TourPage = lazy(() => import('./ui/tour/TourPage'));
const EmbedApp = lazy(async () => ({ default: (await import('./ui/embed/EmbedApp')).EmbedApp }));

function start(): void {
  // read once, by boot.ts (which started the training worker) or here
  const { params, config, compare, notices: urlNotices } = pageSettings();
  const notices = [...urlNotices];
  const forcedBackend: BackendName | null = params.backend;
  const el = document.getElementById('root');
  if (!el) throw new Error('#root missing');
  const root = createRoot(el);

  if (params.page === 'tour') {
    root.render(
      <StrictMode>
        <Suspense fallback={<p className="tour-loading">Loading the tour…</p>}>
          <TourPage theme={params.theme} large={params.large} forcedBackend={forcedBackend} />
        </Suspense>
      </StrictMode>,
    );
    return;
  }
  if (params.embed !== null) {
    const entry = panelByKey(params.embed);
    if (entry) {
      document.documentElement.dataset.embed = '1';
      const part = embedPart(entry.key, params.part);
      if (part.notice) notices.push(part.notice);
      root.render(
        <Suspense fallback={<p className="view-loading">Loading…</p>}>
          <EmbedApp entry={entry} initialConfig={config} forcedBackend={forcedBackend} theme={params.theme} large={params.large} urlNotices={notices} initialCompare={compare} part={part.view} />
        </Suspense>,
      );
      return;
    }
    notices.push(`embed=${JSON.stringify(params.embed)} is not a panel: expected one of ${PANELS.map((p) => p.key).join(', ')}; showing the full lab.`);
  }
  root.render(<App initialConfig={config} forcedBackend={forcedBackend} urlNotices={notices} theme={params.theme} large={params.large} initialCompare={compare} />);
}

// 5 s after load: the worker's install precaches the whole build (about 4.5 MB), which would compete
// with the run's start-up (bench/first-frame.mjs measures the first step with and without).
if (import.meta.env.PROD) void registerServiceWorker(window, 5000);

try {
  start();
} catch (e) {
  const el = document.getElementById('root') ?? document.body;
  el.textContent = `Tangent Lab could not start: ${(e as Error).message}`;
}
