// The words about learning-rate phases (docs/science.md, "Sharpness and learning-rate phases"): the
// sharpness panel, the measured-phase badge, the learning-rate hint in Settings and the divergence
// banner. Each sentence says what was measured and under which conditions (docs/results/lr-phases.md).
import type { PanelText } from './explanations';
import type { MetricText } from '../schema/metricText';

export const SHARPNESS_PANEL: PanelText = {
  title: 'Sharpness and the edge of stability',
  summary:
    'η·S with S = λmax(Θ_t)/N, the top eigenvalue of the tangent kernel on the training set per point (the Gauss–Newton sharpness; for the MSE loss it is the Hessian’s top eigenvalue up to a term proportional to the residual). The linearisation at θ_t is stable iff η·S < 2; the linear twin keeps Θ₀ and diverges once η·S₀ > 2, while the network can move to a flatter region and survive.',
  tex: String.raw`\eta\,S_t = \eta\,\frac{\lambda_{\max}\big(\Theta_t(X,X)\big)}{\alpha^2 N},\qquad r^{\mathrm{lin}}_{\max}(t+1) = (1-\eta S_0)\, r^{\mathrm{lin}}_{\max}(t)`,
  why: 'Measured verdicts (the badge) come from this run’s own rows: catapult when η·S was above 2 and the run ended below it with a lower loss; edge of stability when η·S sits at ≈ 2 (late mean ≥ 1.8) while the loss falls non-monotonically; diverged when the loss grew 10⁶×; lazy otherwise.',
};

export const SHARPNESS_SERIES: Record<'edge' | 'etaSharpness' | 'loss' | 'linLoss', MetricText> = {
  etaSharpness: { label: 'η·S (network, training set)', tex: String.raw`\eta\,\lambda_{\max}(\Theta_t)/(\alpha^2 N)`, note: 'Measured on the duty cycle of the expensive metrics, exactly (power iteration on the N × N kernel).' },
  edge: { label: 'η·S = 2 (stability edge of GD on a quadratic)', note: 'Above this line the top mode of the linearisation at θ_t flips sign and grows each step.' },
  loss: { label: 'network loss' },
  linLoss: { label: 'linear twin loss' },
};
/** The legend of a small box (embed): one line; the full labels are in the legend's tooltips. */
export const SHARPNESS_SHORT_LABELS: Record<'edge' | 'etaSharpness', string> = { etaSharpness: 'η·S', edge: 'edge η·S = 2' };

/** The badge's wording for each measured phase (labelled "measured:"; the "expected:" box is theory). */
export const PHASE_BADGE: Record<string, { label: string; title: string }> = {
  lazy: { label: 'lazy', title: 'η·S stayed below 2 (or crossed it without a loss rise): gradient descent behaved as on the linearised model.' },
  catapult: { label: 'catapult', title: 'η·S was above 2, the loss spiked, and the network moved to a flatter region (η·S < 2 at the end) with a lower loss.' },
  'edge-of-stability': { label: 'edge of stability', title: 'η·S rose to ≈ 2 and stayed there while the loss kept falling non-monotonically.' },
  diverged: { label: 'diverged', title: 'The loss grew 10⁶× over its start.' },
};

/** Settings: the learning-rate hint above η_c (what the measurements say, docs/results/lr-phases.md). */
export function aboveCriticalText(ratio: string): string {
  return `η = ${ratio}·η_c: above η_c the linear twin diverges. The network can survive: measured on 16 sine points, one-hidden-layer relu nets catapulted (loss spike, then a flatter kernel) up to 2·η_c and diverged at 3·η_c; deeper and tanh nets differ (see the sharpness panel’s measured verdict).`;
}

/** The divergence banner: what diverged and what the numbers were. */
export function divergedText(o: { lr: string; critical: string | null; ratio: string | null; formula: string }): string {
  if (o.critical === null || o.ratio === null) return `η = ${o.lr}: the loss grew 10⁶× over its start.`;
  const above = Number(o.ratio) > 1;
  return above
    ? `η = ${o.lr} = ${o.ratio}·η_c (η_c = ${o.formula} ≈ ${o.critical}): the loss grew 10⁶× over its start. Above η_c the linear model diverges for sure; the network diverged here too, instead of catapulting into a flatter region (it can, up to a network-dependent multiple of η_c).`
    : `η = ${o.lr} = ${o.ratio}·η_c (η_c = ${o.formula} ≈ ${o.critical}): the loss grew 10⁶× although η was below η_c at θ₀: the kernel sharpened during training until η·λmax(Θ_t)/N passed 2.`;
}
