// The page's settings, read once from the address: `?preset=` resolved (the URL rewritten to the
// preset's settings), the page parameters (page, embed, theme, large, backend), the experiment
// config and compare mode, each invalid value turned into a notice. Shared by boot.ts (which starts
// the training worker before the page's own code has loaded) and main.tsx (which renders), so the
// URL is read and rewritten once and both see the same settings.
import { configFromSearch, type ExperimentConfig } from './schema/config';
import { malformedEscapeNotice } from './schema/url';
import { compareFromSearch, type CompareSpec } from './schema/compare';
import { APP_PARAM_NAMES, parseAppParams } from './ui/shared/appParams';
import { resolvePresetQuery } from './content/presets';
import { sweepFromSearch } from './ui/sweep/sweepUrl';

export interface PageSettings {
  params: ReturnType<typeof parseAppParams>['params'];
  config: ExperimentConfig;
  compare: CompareSpec | null;
  notices: string[];
}

let settings: PageSettings | null = null;

/** The settings of this page load (computed on the first call). */
export function pageSettings(): PageSettings {
  settings ??= readSettings();
  return settings;
}

function readSettings(): PageSettings {
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
  return { params, config: parsed.config, compare: compare.spec, notices };
}
