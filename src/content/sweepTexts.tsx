// The Width sweep view's fixed texts: what the plots show, which correlation ratio to read, and
// the one-line summary of the Lab settings a sweep runs with (the view: src/ui/sweep/SweepView.tsx).
import type { ExperimentConfig } from '../schema/config';

/** What the width plots show (the first paragraph of the view). */
export function SweepIntroText() {
  return (
    <p>
      Train the same network at many widths and seeds, then see how each quantity falls with width on log–log axes: a straight line means a
      power law n<sup>slope</sup>. Each faint dot is one seed, the large marker the mean over seeds with a bar from the smallest to the largest
      seed, the line a least-squares fit over all seeds with its 95% band (bootstrap over seeds).
    </p>
  );
}

function dataSummary(c: ExperimentConfig): string {
  if (c.dataset === 'mnist') return `MNIST ${c.digits} at ${c.mnistRes}×${c.mnistRes} (${c.train} training images)`;
  if (c.dataset === 'gauss') return `gauss in ${c.dim} dimensions (${c.train} training points)`;
  return `${c.dataset} (${c.train} training points)`;
}

/** The Lab settings a sweep runs with, in one line. */
export function configSummary(c: ExperimentConfig): string {
  const lr = c.lr === null ? 'η auto' : `η₀ = ${c.lr}`;
  const sw = c.sigmaW2 === null ? '' : `, σ_w² = ${c.sigmaW2}`;
  return `${c.activation}, depth ${c.depth}, ${c.param} parametrization${sw}, σ_b² = ${c.sigmaB2}, ${dataSummary(c)}, ${c.optimizer}${c.optimizer === 'sgd' ? ` batch ${c.batch}` : ''}, ${lr}, seed ${c.seed}`;
}

/** Which correlation ratio supports a scaling claim (shown with the correlation plots). */
export function CorrelationAdvice() {
  return (
    <p className="sweep-advice">
      <b>Which ratio to read for a scaling claim:</b> c₂/c₁² and c₃/c₁³, at initialisation. With Δ = −η∇L, c₁ ∝ η‖r‖ and c₂ ∝ (η‖r‖)², so c₂/c₁
      moves with the step size (recorded in runs.csv, not fitted). c₂/c₁² and c₃/c₁³ are unchanged when the step is rescaled, but not when its
      direction changes: after training the step points along the slow modes that are left (at width 64 with the automatic η, c₃/c₁³ went 0.018 →
      0.27 → 0.75 in the first two steps), so their final values mix width with how far training got.
    </p>
  );
}
