// Entry: read the settings from the URL (invalid ones become notices), then render the app.
import { createRoot } from 'react-dom/client';
import { configFromSearch } from './state/config';
import { BACKENDS, type BackendName } from './worker/protocol';
import { App } from './ui/App';
import { SWEEP_URL_PARAMS, sweepFromSearch } from './ui/sweep/sweepUrl';
import './ui/styles.css';

function start(): void {
  const { config, notices } = configFromSearch(location.search, ['backend', ...SWEEP_URL_PARAMS]);
  notices.push(...sweepFromSearch(location.search).notices);
  const raw = new URLSearchParams(location.search).get('backend');
  let forcedBackend: BackendName | null = null;
  if (raw !== null) {
    const v = raw.trim().toLowerCase();
    if ((BACKENDS as readonly string[]).includes(v)) forcedBackend = v as BackendName;
    else if (v !== '' && v !== 'auto')
      notices.push(`backend=${JSON.stringify(raw)} is not valid: expected one of ${BACKENDS.join(', ')}; choosing the fastest automatically.`);
  }
  const el = document.getElementById('root');
  if (!el) throw new Error('#root missing');
  createRoot(el).render(<App initialConfig={config} forcedBackend={forcedBackend} urlNotices={notices} />);
}

try {
  start();
} catch (e) {
  const el = document.getElementById('root') ?? document.body;
  el.textContent = `Tangent Lab could not start: ${(e as Error).message}`;
}
