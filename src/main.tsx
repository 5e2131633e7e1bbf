// Entry: resolve `?preset=` (rewriting the URL to the preset's settings), read the page settings
// (page, embed, theme, large) and the experiment settings (invalid ones become notices), then
// render the lab, one embedded panel (`?embed=<panel>`) or the guided tour (`?page=tour`).
import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import { configFromSearch } from './schema/config';
import { malformedEscapeNotice } from './schema/url';
import { type BackendName } from './worker/protocol';
import { App } from './ui/app/App';
import { APP_PARAM_NAMES, parseAppParams } from './ui/shared/appParams';
import { PANELS, panelByKey } from './ui/panels/registry';
import { resolvePresetQuery } from './content/presets';
import { sweepFromSearch } from './ui/sweep/sweepUrl';
import { registerServiceWorker } from './sw/register';
import { compareFromSearch } from './schema/compare';
import { prestartTrainingWorker } from './worker/client';
import { FIRST_RUN_ID, initRequest } from './ui/shared/runInit';
import './ui/app/styles.css';

const TourPage = lazy(() => import('./ui/tour/TourPage'));
const EmbedApp = lazy(async () => ({ default: (await import('./ui/embed/EmbedApp')).EmbedApp }));

function start(): void {
  const notices: string[] = [];
  const malformed = malformedEscapeNotice(location.search);
  if (malformed) notices.push(malformed);
  const resolved = resolvePresetQuery(location.search);
  if (resolved.notice) notices.push(resolved.notice);
  const search = resolved.search ? `?${resolved.search}` : '';
  if (search !== location.search) {
    try {
      history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
    } catch {
      // sandboxed: keep the original address
    }
  }
  const { params, notices: appNotices } = parseAppParams(search);
  notices.push(...appNotices);
  const parsed = configFromSearch(search, APP_PARAM_NAMES);
  notices.push(...parsed.notices);
  notices.push(...sweepFromSearch(search).notices);
  // `?compare=FIELD:VALUE`: a second run alongside; an invalid one is a notice and compare stays off.
  const compare = compareFromSearch(search, parsed.config);
  notices.push(...compare.notices);
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
  // The Lab and the embeds train one run: its worker starts now, before React renders (its script,
  // backend probe and start-up overlap the page's own start); the run store adopts it.
  prestartTrainingWorker(initRequest({ config: parsed.config, forcedBackend, runId: FIRST_RUN_ID, compare: compare.spec }));
  if (params.embed !== null) {
    const entry = panelByKey(params.embed);
    if (entry) {
      document.documentElement.dataset.embed = '1';
      root.render(
        <Suspense fallback={<p className="view-loading">Loading…</p>}>
          <EmbedApp entry={entry} initialConfig={parsed.config} forcedBackend={forcedBackend} theme={params.theme} large={params.large} urlNotices={notices} initialCompare={compare.spec} />
        </Suspense>,
      );
      return;
    }
    notices.push(`embed=${JSON.stringify(params.embed)} is not a panel: expected one of ${PANELS.map((p) => p.key).join(', ')}; showing the full lab.`);
  }
  root.render(<App initialConfig={parsed.config} forcedBackend={forcedBackend} urlNotices={notices} theme={params.theme} large={params.large} initialCompare={compare.spec} />);
}

if (import.meta.env.PROD) void registerServiceWorker();

try {
  start();
} catch (e) {
  const el = document.getElementById('root') ?? document.body;
  el.textContent = `Tangent Lab could not start: ${(e as Error).message}`;
}
