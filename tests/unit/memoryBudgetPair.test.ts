// The memory guard in compare mode (src/engine/memoryBudget.ts): both runs live at once, so their
// estimates add up against one budget, and a pair that does not fit is refused with a message that
// names both runs, what they need, and what fits instead.
import { describe, expect, it } from 'vitest';
import { checkCompareMemory, checkPairMemory, checkRunMemory, estimateRunMemory, MEMORY_BUDGET_BYTES, runShapeFromConfig } from '../../src/engine/memoryBudget';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../src/schema/config';
import { compareConfigOf } from '../../src/schema/compare';
import { presetByName } from '../../src/content/presets';
import { configFromSearch } from '../../src/schema/config';
import { compareFromSearch } from '../../src/schema/compare';

const MiB = 2 ** 20;
const cfg = (patch: Partial<ExperimentConfig>): ExperimentConfig => ({ ...DEFAULT_CONFIG, ...patch });
const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;

describe('memory guard, compare mode', () => {
  it('the pair estimate is the sum of the two runs, item by item', () => {
    const a = runShapeFromConfig(cfg({ width: 16, depth: 1 }));
    const b = runShapeFromConfig(cfg({ width: 4096, depth: 1 }));
    const c = checkPairMemory(a, b, 'wasm', ['width 16', 'width 4096']);
    const ea = estimateRunMemory(a);
    const eb = estimateRunMemory(b);
    expect(c.estimate.total).toBe(ea.total + eb.total);
    expect(c.estimate.params).toBe(ea.params + eb.params);
    for (const k of Object.keys(ea.parts) as (keyof typeof ea.parts)[]) expect(c.estimate.parts[k]).toBe(ea.parts[k] + eb.parts[k]);
  });

  it('the narrow-vs-wide preset (widths 16 and 4096, depth 1) fits every backend', () => {
    const p = presetByName('narrow-vs-wide')!;
    const { config } = configFromSearch(p.query);
    const spec = compareFromSearch(p.query, config).spec!;
    for (const b of BACKENDS) expect(checkCompareMemory(config, compareConfigOf(config, spec), b).ok, b).toBe(true);
  });

  it('refuses two runs that fit one by one but not together (width 4096 × depth 2, NTK vs μP, on webgl)', () => {
    const a = cfg({ width: 4096, depth: 2 });
    const b = cfg({ width: 4096, depth: 2, param: 'mup' });
    expect(checkRunMemory(runShapeFromConfig(a), 'webgl').ok).toBe(true);
    expect(checkRunMemory(runShapeFromConfig(b), 'webgl').ok).toBe(true);
    const c = checkCompareMemory(a, b, 'webgl');
    expect(c.ok).toBe(false);
    expect(c.estimate.total).toBeGreaterThan(MEMORY_BUDGET_BYTES.webgl);
    expect(c.suggestedWidth).toBeNull(); // same width: no width to propose
    expect(c.message).toMatch(/^Not started: compare mode trains two runs at once: NTK needs about \d+ MiB and μP about \d+ MiB, \d+ MiB together, more than the 1024 MiB this app allows on webgl; use a smaller width or fewer points, or turn compare off \(NTK alone fits\)\.$/);
    console.log(`4096×2 NTK + μP: ${Math.round(c.estimate.total / MiB)} MiB together (one run ${Math.round(estimateRunMemory(runShapeFromConfig(a)).total / MiB)} MiB)`);
  });

  it('on a small budget (600 MiB) refuses width 2048 vs 4096 × depth 2, each of which fits alone, and proposes the widest second run that fits', () => {
    const budget = 600 * MiB;
    const a = cfg({ width: 2048, depth: 2 });
    const b = cfg({ width: 4096, depth: 2 });
    expect(checkRunMemory(runShapeFromConfig(a), 'webgl', budget).ok).toBe(true);
    expect(checkRunMemory(runShapeFromConfig(b), 'webgl', budget).ok).toBe(true);
    const c = checkCompareMemory(a, b, 'webgl', budget);
    expect(c.ok).toBe(false);
    const w = c.suggestedWidth!;
    expect(w).not.toBeNull();
    const pair = (width: number) => checkPairMemory(runShapeFromConfig(a), runShapeFromConfig({ ...b, width }), 'webgl', ['x', 'y'], budget).ok;
    expect(pair(w)).toBe(true);
    expect(pair(2 * w)).toBe(false);
    expect(c.message).toMatch(/^Not started: compare mode trains two runs at once: width 2048 needs about \d+ MiB and width 4096 about \d+ MiB, \d+ MiB together, /);
    expect(c.message).toContain(`more than the 600 MiB this app allows on webgl; try width ${w} instead of width 4096, or turn compare off (width 2048 alone fits).`);
    console.log(`600 MiB budget: width 2048 + 4096 (depth 2) need ${Math.round(c.estimate.total / MiB)} MiB; proposes width ${w}`);
    // The wider run first (width=4096&compare=width:2048): the proposal names the first run.
    const r = checkCompareMemory(b, a, 'webgl', budget);
    expect(r.suggestedWidth).toBe(w);
    expect(r.message).toContain(`try width ${w} instead of width 4096, or turn compare off (width 4096 alone fits).`);
  });

  it('width 16 vs 4096 × depth 2 on a 256 MiB budget: the wide run alone does not fit, so compare off is not offered', () => {
    const c = checkCompareMemory(cfg({ width: 4096, depth: 2 }), cfg({ width: 16, depth: 2 }), 'webgl', 256 * MiB);
    expect(c.ok).toBe(false);
    expect(c.message).not.toContain('turn compare off');
    expect(c.message).toMatch(/try width (\d+) instead of width 4096\.$/);
  });

  it('a pair whose runs each fit their backend alone is checked against the same budget as one run', () => {
    const a = cfg({ width: 256 });
    for (const be of BACKENDS) {
      const one = checkRunMemory(runShapeFromConfig(a), be);
      const two = checkCompareMemory(a, cfg({ width: 256, seed: 2 }), be);
      expect(two.budget).toBe(one.budget);
      expect(two.estimate.total).toBe(2 * one.estimate.total);
      expect(two.ok).toBe(true);
    }
  });
});
