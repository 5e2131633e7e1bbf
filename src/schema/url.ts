// Every URL parameter of the page that is not an experiment setting, in one table: its name, what
// it does and its codec (text → value, or a notice and the default). The experiment settings are
// the config fields (config.ts); the sweep's own parameters are validated by sweep.ts. Parsed once
// at start-up (main.tsx); nothing else reads location.search for these names.
import { BACKEND_NAMES } from './backends';

/** The one string → boolean rule of URL parameters, CLI flags and config files. */
export function parseBoolText(raw: string): boolean | null {
  const v = raw.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  return null;
}

/**
 * A notice when parts of a query string are not valid percent-encoding (a stray %, a link cut off
 * mid-escape, escapes that are not UTF-8), else null. URLSearchParams reads such parts as far as
 * they decode (unknown bytes become U+FFFD), so the page still starts; this says why a setting
 * from the link may be missing or rejected.
 */
export function malformedEscapeNotice(search: string): string | null {
  const q = search.startsWith('?') ? search.slice(1) : search;
  const bad = q.split('&').filter((part) => {
    try {
      decodeURIComponent(part.replace(/\+/g, ' '));
      return false;
    } catch {
      return true;
    }
  });
  if (bad.length === 0) return null;
  const shown = bad.slice(0, 3).map((b) => JSON.stringify(b.length > 40 ? `${b.slice(0, 40)}…` : b)).join(', ');
  return `The link is malformed: ${shown} ${bad.length === 1 ? 'is' : 'are'} not valid percent-encoding (a link cut off or changed when copied?); it was read as far as it decodes.`;
}

export type ThemeChoice = 'light' | 'dark' | null;
export type PageName = 'lab' | 'tour';

type Codec<T> = { description: string; fallback: T; parse: (raw: string) => { ok: true; value: T } | { ok: false; expected: string; fallbackText: string } };

function oneOf<const V extends string>(values: readonly V[], description: string, expected: string, fallbackText: string, extra: Record<string, V | null> = {}): Codec<V | null> {
  return {
    description,
    fallback: null,
    parse: (raw) => {
      const v = raw.trim().toLowerCase();
      if (v in extra) return { ok: true, value: extra[v] };
      return (values as readonly string[]).includes(v) ? { ok: true, value: v as V } : { ok: false, expected, fallbackText };
    },
  };
}
const text = (description: string): Codec<string | null> => ({ description, fallback: null, parse: (raw) => ({ ok: true, value: raw.trim() === '' ? null : raw.trim().toLowerCase() }) });

/** The page's own URL parameters (the sweep's `widths`, `seeds`, `auto-lr`, `output-scales`, `params`, `lr-scales` are parsed by sweep.ts). */
export const URL_PARAMS = {
  page: oneOf(['lab', 'tour'] as const, 'which page: lab (default) or tour', 'lab or tour', 'showing the lab'),
  embed: text('show one panel (function, loss, drift, …) with a small control strip, for iframes'),
  part: text('with embed: the view an embedded panel of several plots opens on (e.g. embed=modes&part=spectrum)'),
  theme: oneOf(['light', 'dark'] as const, 'colour theme: light, dark or auto (follow the system)', 'light, dark or auto', 'following the system setting', { '': null, auto: null }),
  large: {
    description: 'large type for projectors (1 or 0)',
    fallback: false,
    parse: (raw: string) => {
      const b = raw.trim() === '' ? false : parseBoolText(raw);
      return b === null ? { ok: false as const, expected: '1 or 0', fallbackText: 'using normal type' } : { ok: true as const, value: b };
    },
  } satisfies Codec<boolean>,
  backend: oneOf(BACKEND_NAMES, 'force a TensorFlow.js backend (webgpu, webgl, wasm, cpu)', `one of ${BACKEND_NAMES.join(', ')}`, 'choosing the fastest automatically', { '': null, auto: null }),
  preset: text('start from a named preset'),
  view: oneOf(['lab', 'sweep'] as const, 'which view: the lab, the width sweep, or the tour (view=tour is page=tour)', 'lab, sweep or tour', 'showing the lab'),
  widths: text('widths of a sweep (checked by the sweep schema)'),
  seeds: text('seeds of a sweep (checked by the sweep schema)'),
  'auto-lr': text('how a sweep picks an automatic η: shared (one η for all runs) or per-run'),
  'output-scales': text('output scales α of a phase sweep, e.g. 1,3,10,30 (checked by the sweep schema)'),
  params: text('parametrizations of a phase sweep, e.g. ntk,mup (checked by the sweep schema)'),
  'lr-scales': text('learning-rate scales c of a learning-rate sweep (η = c·η_c of each run), e.g. 0.5,1,1.5,2,3 (checked by the sweep schema)'),
  compare: text('train a second run that differs in one setting, FIELD:VALUE, e.g. width:4096 (checked by compare.ts)'),
  debug: { description: 'expose window.tangentLabDebug (crash the training worker) for testing recovery', fallback: false, parse: () => ({ ok: true as const, value: true }) } satisfies Codec<boolean>,
} as const;

export type UrlParamName = keyof typeof URL_PARAMS;
export const URL_PARAM_NAMES: readonly string[] = Object.keys(URL_PARAMS);

/** Every page parameter of a query (absent → its default), plus one notice per rejected value. */
export function parseUrlParams(search: string) {
  const q = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const notices: string[] = [];
  const read = <T,>(name: UrlParamName, codec: Codec<T>): T => {
    const raw = q.get(name);
    if (raw === null) return codec.fallback;
    const r = codec.parse(raw);
    if (r.ok) return r.value;
    notices.push(`${name}=${JSON.stringify(raw)} is not valid: expected ${r.expected}; ${r.fallbackText}.`);
    return codec.fallback;
  };
  const P = URL_PARAMS;
  // `view=tour` opens the tour, like `page=tour` (the tour is a page of its own, not a Lab view).
  const tourView = q.get('view')?.trim().toLowerCase() === 'tour';
  if (tourView) q.delete('view');
  const params = {
    page: tourView ? ('tour' as const) : (read('page', P.page) ?? 'lab'),
    embed: read('embed', P.embed),
    part: read('part', P.part),
    theme: read('theme', P.theme),
    large: read('large', P.large),
    backend: read('backend', P.backend),
    preset: read('preset', P.preset),
    view: read('view', P.view) ?? 'lab',
    debug: read('debug', P.debug),
  };
  return { params, notices };
}
export type UrlParams = ReturnType<typeof parseUrlParams>['params'];
