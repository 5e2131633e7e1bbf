// The Sweep view's flag for runs whose η·S went above 2 (S = λmax(Θ_t)/N on the training set): the
// same sentence as fits.json and the CLI (src/engine/sweep/io.ts, pastEdgeOf).
import { useMemo } from 'react';
import { pastEdgeOf } from '../../engine/sweep';
import type { SweepRun } from './types';

export function PastEdgeNote({ runs, phase }: { runs: readonly SweepRun[]; phase: boolean }) {
  const edge = useMemo(() => pastEdgeOf(runs, phase), [runs, phase]);
  if (!edge) return null;
  return (
    <p className="field-error" role="status" data-testid="sweep-past-edge">
      {edge.warning}
    </p>
  );
}
