// The request that starts a Lab run's worker: the config, the forced backend (none once it was lost),
// the remembered start-up probe and compare mode's second config. One home, used by the run store
// (useRun.ts) and by main.tsx, which prestarts the worker with it before React renders: the store
// adopts that worker only when its own request is exactly this one.
import type { ExperimentConfig } from '../../schema/config';
import type { CompareSpec } from '../../schema/compare';
import type { BackendName, LostBackend } from '../../worker/protocol';
import type { InitRequest } from '../../worker/client';
import { forcedAfterLoss } from '../../worker/fallback';
import { loadRememberedProbe } from './probeCache';
import { compareConfigFor } from './compareState';

export interface RunInit {
  config: ExperimentConfig;
  forcedBackend: BackendName | null;
  runId: number;
  lost?: readonly LostBackend[];
  compare?: CompareSpec | null;
}

export function initRequest({ config, forcedBackend, runId, lost = [], compare = null }: RunInit): InitRequest {
  const known = forcedBackend === null && lost.length === 0 ? loadRememberedProbe() : null;
  return {
    type: 'init',
    config,
    backend: forcedAfterLoss(forcedBackend, lost),
    runId,
    ...(lost.length > 0 ? { lost: [...lost] } : {}),
    ...(known ? { remembered: known } : {}),
    compare: compareConfigFor(config, compare),
  };
}

/** The first run's id in a fresh run store. */
export const FIRST_RUN_ID = 1;
