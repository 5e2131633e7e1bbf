// The page's own URL parameters as the UI uses them: parsed by the one table (src/schema/url.ts),
// and written back (theme, large) when the lab rewrites its URL.
import { parseUrlParams, type PageName, type ThemeChoice, type UrlParams } from '../../schema/url';
export { APP_PARAM_NAMES } from '../../schema/config';
export type { PageName, ThemeChoice };

export type AppParams = Pick<UrlParams, 'page' | 'embed' | 'part' | 'theme' | 'large' | 'backend'>;

export function parseAppParams(search: string): { params: AppParams; notices: string[] } {
  return parseUrlParams(search);
}

/** The app params that the lab keeps in its URL (theme/large only when set). */
export function appParamsToEntries(p: Pick<AppParams, 'theme' | 'large'>): Record<string, string> {
  const out: Record<string, string> = {};
  if (p.theme) out.theme = p.theme;
  if (p.large) out.large = '1';
  return out;
}
