// The lab's URL query: the experiment settings (non-defaults only) plus the page settings.
import { configToSearch, type ExperimentConfig } from '../../schema/config';
import type { BackendName } from '../../worker/protocol';
import { appParamsToEntries, type ThemeChoice } from './appParams';

export function labSearch(config: ExperimentConfig, forced: BackendName | null, theme: ThemeChoice, large: boolean): string {
  return configToSearch(config, { ...(forced ? { backend: forced } : {}), ...appParamsToEntries({ theme, large }) });
}
