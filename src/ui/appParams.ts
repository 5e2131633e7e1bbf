// URL parameters of the page itself (not of the experiment): which page, embed panel, theme,
// large type and preset. Parsed once at start; invalid values give a notice and the default.
// The names are registered in the config schema's APP_PARAMS (no "unknown setting" notices).
export { APP_PARAM_NAMES } from '../schema/config';

export type ThemeChoice = 'light' | 'dark' | null;
export type PageName = 'lab' | 'tour';

export interface AppParams {
  page: PageName;
  /** Panel key for `?embed=`, validated against the registry by the caller. */
  embed: string | null;
  theme: ThemeChoice;
  large: boolean;
}

export function parseAppParams(search: string): { params: AppParams; notices: string[] } {
  const q = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const notices: string[] = [];
  const params: AppParams = { page: 'lab', embed: null, theme: null, large: false };
  const page = q.get('page');
  if (page !== null) {
    const v = page.trim().toLowerCase();
    if (v === 'tour' || v === 'lab') params.page = v;
    else notices.push(`page=${JSON.stringify(page)} is not valid: expected lab or tour; showing the lab.`);
  }
  const embed = q.get('embed');
  if (embed !== null && embed.trim() !== '') params.embed = embed.trim().toLowerCase();
  const theme = q.get('theme');
  if (theme !== null) {
    const v = theme.trim().toLowerCase();
    if (v === 'light' || v === 'dark') params.theme = v;
    else if (v !== '' && v !== 'auto') notices.push(`theme=${JSON.stringify(theme)} is not valid: expected light, dark or auto; following the system setting.`);
  }
  const large = q.get('large');
  if (large !== null) {
    const v = large.trim().toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(v)) params.large = true;
    else if (!['0', 'false', 'no', 'off', ''].includes(v)) notices.push(`large=${JSON.stringify(large)} is not valid: expected 1 or 0; using normal type.`);
  }
  return { params, notices };
}

/** The app params that the lab keeps in its URL (theme/large only when set). */
export function appParamsToEntries(p: Pick<AppParams, 'theme' | 'large'>): Record<string, string> {
  const out: Record<string, string> = {};
  if (p.theme) out.theme = p.theme;
  if (p.large) out.large = '1';
  return out;
}
