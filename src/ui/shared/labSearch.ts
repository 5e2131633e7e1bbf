// The lab's URL query: the experiment settings (non-defaults only) plus the page settings.
import { configToSearch, type ExperimentConfig } from '../../schema/config';
import type { BackendName } from '../../worker/protocol';
import { appParamsToEntries, type ThemeChoice } from './appParams';
import { formatCompare, type CompareSpec } from '../../schema/compare';

/** `compare`: compare mode's second run (`compare=FIELD:VALUE`), kept in share links and embeds. */
export function labSearch(config: ExperimentConfig, forced: BackendName | null, theme: ThemeChoice, large: boolean, compare: CompareSpec | null = null): string {
  return configToSearch(config, { ...(forced ? { backend: forced } : {}), ...appParamsToEntries({ theme, large }), ...(compare ? { compare: formatCompare(compare) } : {}) });
}
