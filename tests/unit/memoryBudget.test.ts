// The memory guard's estimate and decisions (src/engine/memoryBudget.ts).
import { describe, expect, it } from 'vitest';
import { disposeParams, initParams, parameterCount, specFromConfig } from '../../src/engine/nn/mlp';
import { checkRunMemory, estimateRunMemory, MEMORY_BUDGET_BYTES, runShapeFromConfig } from '../../src/engine/memoryBudget';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../src/schema/config';

const BIG: ExperimentConfig = { ...DEFAULT_CONFIG, width: 4096, depth: 6, train: 256 };

describe('memory guard', () => {
  it('parameterCount equals the size of the tensors initParams builds', () => {
    for (const [width, depth, bias, dataset] of [[16, 1, true, 'sine'], [64, 3, false, 'spirals'], [8, 6, true, 'xor']] as const) {
      const config = { ...DEFAULT_CONFIG, width, depth, bias, dataset };
      const spec = specFromConfig(config, runShapeFromConfig(config).inputDim);
      const params = initParams(spec, 1);
      const size = params.reduce((a, L) => a + L.W.size + (L.b?.size ?? 0), 0);
      disposeParams(params);
      expect(parameterCount(runShapeFromConfig(config))).toBe(size);
    }
  });

  it('adds up its parts by hand for a small case', () => {
    const s = { inputDim: 1, width: 10, depth: 2, bias: true, train: 4, test: 2, grid: 3, probe: 5, batch: 4 };
    const P = 10 * 1 + 10 + 10 * 10 + 10 + 1 * 10 + 1; // 141
    const e = estimateRunMemory(s);
    expect(e.params).toBe(P);
    expect(e.parts.parameters).toBe((5 * P + 2 * 100) * 4);
    expect(e.parts.activations).toBe(4 * 2 * 4 * 10 * 4);
    expect(e.parts.twinKernels).toBe(((4 + 5) * 4 * (1 + 2 * 3) + 2 * 2 * 9 * 10) * 4);
    expect(e.parts.probeKernels).toBe(25 * (3 + 6) * 4);
    expect(e.parts.jets).toBe(20 * 2 * 5 * 10 * 4);
    expect(e.total).toBe(Object.values(e.parts).reduce((a, b) => a + b, 0));
  });

  it('the default run fits every backend', () => {
    for (const b of ['webgpu', 'webgl', 'wasm', 'cpu'] as const) expect(checkRunMemory(runShapeFromConfig(DEFAULT_CONFIG), b).ok).toBe(true);
  });

  it('refuses width 4096 × depth 6 × 256 points on webgl and proposes the largest width that fits', () => {
    const shape = runShapeFromConfig(BIG);
    const c = checkRunMemory(shape, 'webgl');
    expect(c.ok).toBe(false);
    expect(c.estimate.total).toBeGreaterThan(MEMORY_BUDGET_BYTES.webgl);
    expect(c.suggestedWidth).not.toBeNull();
    const w = c.suggestedWidth!;
    expect(checkRunMemory({ ...shape, width: w }, 'webgl').ok).toBe(true);
    expect(checkRunMemory({ ...shape, width: 2 * w }, 'webgl').ok).toBe(false);
    expect(c.message).toMatch(new RegExp(`^Not started: width 4096 × depth 6 .* MiB.*webgl; try width ${w}`));
    console.log(`4096×6×256: estimate ${Math.round(c.estimate.total / 2 ** 20)} MiB (parts MiB: ${Object.entries(c.estimate.parts).map(([k, v]) => `${k} ${Math.round(v / 2 ** 20)}`).join(', ')}); webgl suggests width ${w}`);
  });

  it('grows with width, depth and points', () => {
    const s = runShapeFromConfig(DEFAULT_CONFIG);
    const t = estimateRunMemory(s).total;
    expect(estimateRunMemory({ ...s, width: s.width * 2 }).total).toBeGreaterThan(t);
    expect(estimateRunMemory({ ...s, depth: s.depth + 1 }).total).toBeGreaterThan(t);
    expect(estimateRunMemory({ ...s, train: s.train * 2 }).total).toBeGreaterThan(t);
  });

  it('says to use fewer points when even width 8 does not fit', () => {
    const c = checkRunMemory(runShapeFromConfig({ ...DEFAULT_CONFIG, train: 2048, test: 4096, width: 64 }), 'cpu', 64 * 2 ** 20);
    expect(c.ok).toBe(false);
    expect(c.suggestedWidth).toBeNull();
    expect(c.message).toMatch(/use fewer training and test points\.$/);
  });
});
