// The CLI's job threads validate what they are sent (zod, like every other boundary): each cell of
// a real sweep grid passes as {type: 'run', cell}; malformed messages and workerData do not.
import { describe, expect, it } from 'vitest';
import { JobDataSchema, JobRequestSchema } from '../../src/cli/sweepJobs';
import { sweepCells } from '../../src/engine/sweep/run';
import { parseSweepSpec } from '../../src/schema/sweep';
import { DEFAULT_CONFIG } from '../../src/schema/config';

describe('sweep job-thread messages', () => {
  const r = parseSweepSpec({ base: { ...DEFAULT_CONFIG, lr: 0.5 }, widths: [16, 32], seeds: 2, outputScales: [1, 10], params: ['ntk', 'mup'] });
  if (!r.ok) throw new Error(r.error);
  const lrs = r.spec.params.map((param) => ({ param, rule: 'explicit' as const, eta: 0.5, widthExp: 0, measured: null, description: 'given', warning: null }));
  const cells = sweepCells(r.spec, lrs);

  it('every cell of a phase sweep grid is a valid run request (unchanged by parsing)', () => {
    expect(cells).toHaveLength(16);
    for (const cell of cells) expect(JobRequestSchema.parse({ type: 'run', cell })).toEqual({ type: 'run', cell });
  });

  it('malformed requests are refused', () => {
    const cell = cells[0];
    for (const bad of [null, {}, { type: 'run' }, { type: 'stop', cell }, { type: 'run', cell: { ...cell, width: 'x' } }, { type: 'run', cell: { ...cell, config: { ...cell.config, width: -1 } } }, { type: 'run', cell: { ...cell, index: -1 } }])
      expect(JobRequestSchema.safeParse(bad).success, JSON.stringify(bad)?.slice(0, 80)).toBe(false);
  });

  it('workerData: the job mark and a Node backend', () => {
    expect(JobDataSchema.safeParse({ tangentLabSweepJob: true, backend: 'wasm' }).success).toBe(true);
    expect(JobDataSchema.safeParse({ tangentLabSweepJob: true, backend: 'webgpu' }).success).toBe(false);
    expect(JobDataSchema.safeParse({ tangentLabSweepJob: 'yes', backend: 'cpu' }).success).toBe(false);
  });
});
