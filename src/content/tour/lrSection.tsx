// Tour section "Large learning rates": the catapult and the edge of stability, measured (numbers from
// `tangent-lab train --json` and `sweep --lr-scales`: docs/results/lr-phases.md).
import { DEFAULT_CONFIG } from '../../schema/config';
import type { TourSection } from './types';
import { PresetLinks } from './PresetLinks';

export const LR_SECTION: TourSection = {
  id: 'large-lr',
  title: '8. Large learning rates: where the twin breaks and the network does not',
  body: ({ Formula, presetLink }) => (
    <>
      <p>
        Call <Formula tex="S_t = \lambda_{\max}(\Theta_t)/N" /> the sharpness, the top eigenvalue of the tangent kernel on the training set per point. The linear twin
        keeps <Formula tex="S_0" />, so its top mode is multiplied by <Formula tex="1-\eta S_0" /> every step: it converges iff{' '}
        <Formula tex="\eta < \eta_c = 2/S_0" /> and diverges above, whatever happens to the network. For the MSE loss <Formula tex="S_t" /> is the top eigenvalue of the
        Gauss–Newton matrix, the Hessian minus a term proportional to the residual, so <Formula tex="\eta S_t = 2" /> is also where a gradient step starts to overshoot
        the network’s own curvature. The network is not stuck with <Formula tex="S_0" />: its kernel can move.
      </p>
      <p>
        Theory for a two-layer network (Lewkowycz et al. 2020) predicts three phases: lazy below η_c, a <em>catapult</em> between η_c and about 2·η_c (4/S₀: the loss
        first grows, the kernel flattens until <Formula tex="\eta S_t < 2" />, then training converges), divergence above. Measured on one relu hidden layer, 16 sine
        points, GD for 300 steps, one seed (<code>sweep --lr-scales 0.5,1,1.5,2,3</code>): at η = 0.5·η_c and η_c every width from 64 to 2048 was lazy (S moved by
        under 10%); at 1.5·η_c every width catapulted (S fell from 9.0 to 4.4 at width 1024 while its loss went 0.55 → 475 at step 9 → 0.074 at step 300, and the
        twin’s loss grew 10⁶× by step 13); at 2·η_c widths 64–1024 still catapulted and 2048 diverged; at 3·η_c all diverged.
      </p>
      <p>
        Below η_c something else can happen: with a fixed small step the sharpness grows during training (progressive sharpening) until{' '}
        <Formula tex="\eta S_t \approx 2" />, and then stays there while the loss keeps falling, non-monotonically — the <em>edge of stability</em> of Cohen et al.
        2021. Measured with tanh, standard parametrization, depth 2, width 128, 16 sine points at η = 0.8·η_c: η·S rose from 1.60 to 2.04 by step 160 and stayed between
        1.98 and 2.04 up to step 2000, while the loss fell from 0.67 to 0.016 with bumps (0.0179 → 0.0235 between steps 520 and 640). The linear twin, at η·S₀ = 1.6,
        just converged. The Sharpness panel draws η·S against the line 2 and names the phase it measured from the run’s own rows; a Width sweep with learning-rate
        scales draws the whole learning-rate × width diagram.
      </p>
      <PresetLinks names={['catapult', 'edge-of-stability', 'diverge']} presetLink={presetLink} />
    </>
  ),
  figures: [
    {
      id: 'large-lr-catapult',
      panel: 'sharpness',
      config: { ...DEFAULT_CONFIG, activation: 'relu', depth: 1, width: 1024, train: 16, lrScale: 1.5, steps: 300 },
      controls: ['width', 'lr'],
      caption: 'η = 1.5·η_c: the loss spikes, the sharpness falls below 2/η, the network converges; the twin diverges (marked).',
    },
    {
      id: 'large-lr-eos',
      panel: 'sharpness',
      config: { ...DEFAULT_CONFIG, activation: 'tanh', param: 'standard', depth: 2, width: 128, train: 16, lrScale: 0.8, steps: 2000 },
      controls: ['width', 'lr'],
      caption: 'η = 0.8·η_c: the sharpness grows until η·S ≈ 2 and hovers there while the loss falls with bumps (edge of stability).',
    },
  ],
  sideBySide: 2,
};
