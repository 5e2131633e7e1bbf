// The config file the Files box saves and loads: the contract's format (src/schema/configFile.ts —
// a JSON object keyed by the config's property names, read by the CLI too), wrapped for the UI.
import { configToJson, parseConfigFile, type ConfigFileResult } from '../../schema/configFile';
import type { ExperimentConfig } from '../../schema/config';

export type { ConfigFileResult };

export function configFileText(config: ExperimentConfig): string {
  return configToJson(config);
}

/** Parse a config file; a failure carries one message naming the problem. */
export function parseConfigFileText(text: string): ConfigFileResult {
  return parseConfigFile(text);
}
