// The one backward recursion (src/engine/nn/backward.ts): linear in its seed, and φ' from the saved
// activations (the training step's variant) agrees with φ' from the pre-activations.
import { describe, expect, it } from 'vitest';
import { tf } from '../../src/engine/tf';
import { disposeParams, forwardTrace, initParams } from '../../src/engine/nn/mlp';
import { backward, outputSensitivities, slopeFromActivations, slopeFromPreactivations } from '../../src/engine/nn/backward';
import { normals } from '../../src/engine/prng';
import { ACTIVATIONS } from '../../src/schema/config';
import { makeSpec, relErr } from './helpers';

describe('backward recursion', () => {
  for (const activation of ACTIVATIONS)
    it(`${activation}: a seed r gives r_i · ∂f/∂h per row, with either source of φ'`, async () => {
      const spec = makeSpec(activation, 16, 3);
      const params = initParams(spec, 7);
      const x = tf.tensor2d(Float32Array.from(normals(3, 'backward-test', 6 * spec.inputDim)), [6, spec.inputDim]);
      const r = tf.tensor2d([0.5, -1, 2, 0.25, -0.75, 1.5], [6, 1]);
      const [ones, seeded, fromA] = tf.tidy(() => {
        const { h, a } = forwardTrace(spec, params, x);
        const base = outputSensitivities(spec, params, h).delta;
        const bySeed = backward(spec, params, r, slopeFromPreactivations(spec, h)).delta;
        const byA = backward(spec, params, r, slopeFromActivations(spec, h, a)).delta;
        return [base.map((d) => tf.mul(d, r)), bySeed, byA] as const;
      });
      expect(seeded).toHaveLength(spec.depth + 1);
      for (let l = 0; l < seeded.length; l++) {
        const want = await ones[l].data();
        expect(relErr(await seeded[l].data(), want), `layer ${l}`).toBeLessThan(1e-6);
        expect(relErr(await fromA[l].data(), want), `layer ${l}`).toBeLessThan(1e-5);
      }
      for (const t of [...ones, ...seeded, ...fromA, x, r]) t.dispose();
      disposeParams(params);
    });
});
