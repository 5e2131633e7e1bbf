// The first script of the page (index.html loads it before main.tsx): it starts the Lab's (or an
// embed's) training worker with the run's first request as soon as the settings are read, before
// React, the plots and the page's other code have loaded and run, so the worker's script, its
// backend probe and the run's start-up overlap them. The run store adopts that worker when its own
// first request is the same (worker/prestart.ts). The tour (several runs of its own) starts none.
import { pageSettings } from './pageSettings';
import { prestartTrainingWorker } from './worker/client';
import { FIRST_RUN_ID, initRequest } from './ui/shared/runInit';

try {
  const { params, config, compare } = pageSettings();
  if (params.page !== 'tour') prestartTrainingWorker(initRequest({ config, forcedBackend: params.backend, runId: FIRST_RUN_ID, compare }));
} catch {
  // main.tsx reads the settings again and reports the problem; the run store starts its own worker
}
