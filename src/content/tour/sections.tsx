// The tour's text and figures, section by section (the page that shows them: src/ui/tour/). Each
// figure is a lab panel with a starting config (short runs, so a reader sees the whole story in
// seconds) and the settings to poke.
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../schema/config';
import type { TourSection } from './types';
import { PresetLinks } from './PresetLinks';
import { LR_SECTION } from './lrSection';
import { MODES_SECTION } from './modesSection';

const base = (patch: Partial<ExperimentConfig>): ExperimentConfig => ({ ...DEFAULT_CONFIG, depth: 1, steps: 500, ...patch });

export const TOUR_SECTIONS: readonly TourSection[] = [
  {
    id: 'ntk',
    title: '1. The neural tangent kernel',
    body: ({ Formula }) => (
      <>
        <p>
          A network <Formula tex="f(x;\theta)" /> trained by gradient descent on the squared loss changes its outputs through one
          object: the <em>neural tangent kernel</em>, the inner product of parameter gradients at two inputs,
        </p>
        <p className="tour-eq">
          <Formula display tex="\Theta(x,x') = \nabla_\theta f(x;\theta)\cdot\nabla_\theta f(x';\theta)." />
        </p>
        <p>
          One small step moves the output at every input by <Formula tex="-\tfrac{\eta}{N}\sum_i \Theta(x, x_i)\,(f(x_i)-y_i)" />: the
          kernel says how much fitting point <Formula tex="x_i" /> drags the prediction at <Formula tex="x" /> along. The heatmap shows
          Θ on probe inputs sorted by x. It is not largest on the diagonal: it grows with |x| and |x′|, so a step moves the
          function most near the edges of the domain, and opposite edges pull against each other (negative, blue corners).
          Measured with the CLI for this network at initialisation (width 128, seed 1, the 64 training inputs): Θ₀(x, x) is
          about 0.4 near x = 0 and 2.9 at the left edge, 61 of the 64 rows peak at an edge (|x′| &gt; 2.5), and Θ₀(−2.9, 2.9) ≈ −2.1.
        </p>
      </>
    ),
    figures: [
      {
        id: 'ntk',
        panel: 'ntk',
        config: base({ width: 128 }),
        controls: ['width'],
        caption: 'The empirical NTK of a one-hidden-layer tanh network at initialisation and now. Move the width and compare the two.',
      },
    ],
  },
  {
    id: 'drift',
    title: '2. Wide networks barely move their kernel',
    body: ({ Formula, presetLink }) => (
      <>
        <p>
          In general Θ changes during training, because the gradients themselves depend on θ. But with the NTK parametrization
          each weight's relative change and the relative kernel drift{' '}
          <Formula tex="\|\Theta_t-\Theta_0\|/\|\Theta_0\|" /> are at most of order <Formula tex="1/\sqrt{n}" /> as the width{' '}
          <Formula tex="n" /> grows (an upper bound, Lee et al. 2019), and perturbation theory predicts order{' '}
          <Formula tex="1/n" /> for the drift and for hidden-to-hidden weights (Dyer &amp; Gur-Ari 2019; in a depth-2 tanh sweep on
          Gaussian inputs, η = 3.7, 100 steps, the drift fell as n<sup>−0.84</sup> and the hidden layer's weight change as
          n<sup>−0.93</sup>, <code>docs/results/</code>). In the limit the kernel is frozen at its initial value and training is
          kernel regression with Θ₀. How steep the fall looks depends on the setting and on how far training has gone (η·t): for
          this figure's network (depth 1, tanh, sine data, automatic η, 500 steps) the drift is 36% at width 32 and 11% at width
          1024, a factor 3 for a factor 32 in width (slope −0.33); for depth 2 at η = 0.3 the fitted slope steepens from −0.60
          after 25 steps to −1.05 after 300.
        </p>
        <p>
          To see both at once, open the lab with a width-16 and a width-4096 network training side by side on shared axes (one
          hidden tanh layer, sine data, 2000 steps; measured: drift 34% against 4.9%):
        </p>
        <PresetLinks names={['narrow-vs-wide']} presetLink={presetLink} />
      </>
    ),
    figures: [
      {
        id: 'drift',
        panel: 'drift',
        config: base({ width: 32 }),
        controls: ['width', 'lr'],
        caption: 'Kernel drift during training. Try width 32, then 1024: the curve drops about threefold.',
      },
    ],
  },
  {
    id: 'twin',
    title: '3. The linear twin tracks the network',
    body: ({ Formula, presetLink }) => (
      <>
        <p>
          A frozen kernel means the network behaves like its first-order Taylor expansion around the initial weights, the{' '}
          <em>linear twin</em>
        </p>
        <p className="tour-eq">
          <Formula display tex="f_{\text{lin}}(x;\theta) = f(x;\theta_0) + \nabla_\theta f(x;\theta_0)\,(\theta-\theta_0)," />
        </p>
        <p>
          which Tangent Lab trains next to the network on the same batches with the same learning rate. Training the twin is a
          convex problem with a closed-form path; if the network stays on top of it, the network's training is just as
          predictable.
        </p>
        <p>
          The dash-dotted curve is a third object: the <em>infinite-width kernel machine</em>, trained by the same gradient descent
          from the network's own starting function, with the kernel every width tends to, <Formula tex="\Theta_\infty" />, computed
          exactly for this architecture. Three functions, one difference each: the network's kernel moves, the twin's is frozen at{' '}
          <Formula tex="\Theta_0" />, the machine's is frozen at its limit. Width moves them together. Measured with one hidden tanh
          layer on this sine task after 2000 steps (seed 1): at width 16, <Formula tex="\Theta_0" /> is 46% away from{' '}
          <Formula tex="\Theta_\infty" /> and the RMS gaps are 0.071 (network–twin), 0.061 (network–machine) and 0.030
          (twin–machine); at width 4096, <Formula tex="\Theta_0" /> is 2.3% away and the gaps are 0.0097, 0.0091 and 0.0024. Theory
          predicts the kernel's distance to its limit falls like <Formula tex="n^{-1/2}" />; a width sweep measures slope −0.55
          (95% interval −0.69 to −0.41).
        </p>
        <PresetLinks names={['narrow-vs-wide']} presetLink={presetLink} />
      </>
    ),
    figures: [
      {
        id: 'twin',
        panel: 'function',
        config: base({ width: 512 }),
        controls: ['width'],
        caption: 'The network (solid), its linear twin (dashed) and the infinite-width machine (dash-dot). At width 512 they overlap; at width 16 they part.',
      },
    ],
  },
  {
    id: 'why',
    title: '4. Why: weak higher-order correlations',
    body: ({ Formula }) => (
      <>
        <p>
          The twin is exact up to the second- and higher-order terms of the Taylor series along the step. Along one gradient step
          Δ the change of the output is <Formula tex="c_1 + c_2 + c_3 + \dots" /> with{' '}
          <Formula tex="c_k = \tfrac{1}{k!}\,\partial^k_\theta f[\Delta,\dots,\Delta]" />. The weak-correlations picture says that
          these higher derivatives, contracted with the direction gradient descent actually takes, are small compared with the
          first — and smaller the wider the network — so, for the same step, <Formula tex="c_2/c_1" /> and{' '}
          <Formula tex="c_3/c_1" /> vanish with width.
        </p>
      </>
    ),
    figures: [
      {
        id: 'why',
        panel: 'correlations',
        config: base({ width: 64 }),
        controls: ['width', 'activation'],
        caption: 'Directional Taylor coefficients relative to the first-order term, and how much one step changes the gradient.',
      },
    ],
  },
  {
    id: 'rate',
    title: '5. How fast with width',
    body: () => (
      <>
        <p>
          The ratios fall like a power of the width. In a sweep over widths 16 – 2048 (tanh, depth 2, Gaussian inputs, 5 seeds,
          every run with the same η for 100 steps; the table and the command are in <code>docs/results/</code>) the fitted log–log
          slope at initialisation was −0.96 for <em>c₂/c₁²</em> and −0.95 for <em>c₃/c₁³</em>, and after training the NTK drift
          fell as n<sup>−0.84</sup> and the gap between network and twin as n<sup>−0.89</sup>: between the upper bound n<sup>−1/2</sup>{' '}
          and the 1/n that perturbation theory predicts. The figure shows the gap directly, as an RMS distance and relative to how far
          the function moved.
        </p>
      </>
    ),
    figures: [
      {
        id: 'rate',
        panel: 'gap',
        config: base({ width: 64 }),
        controls: ['width'],
        caption: 'RMS gap between network and linear twin on training and test inputs. Double the width a few times and watch it fall.',
      },
    ],
  },
  {
    id: 'not-width',
    title: '6. Width is not the whole story',
    body: ({ Formula, presetLink }) => (
      <>
        <p>
          Width is one way to make training lazy, not the only one, and it does not work in every parametrization. Two settings
          change the story at a fixed width.
        </p>
        <p>
          <strong>The parametrization.</strong> In the NTK parametrization each weight's update is at most of order{' '}
          <Formula tex="1/\sqrt{n}" /> of its size (hidden-to-hidden weights change like <Formula tex="1/n" />), so the features
          freeze as the width grows (section 2). μP, the maximal-update parametrization
          (Yang &amp; Hu 2021), scales the layers differently (raw weights <Formula tex="\mathcal N(0, 1/n)" />, multipliers{' '}
          <Formula tex="\sigma_w\sqrt{n/d_0}" /> on the input layer, <Formula tex="\sigma_w" /> on hidden layers and{' '}
          <Formula tex="\sigma_w/\sqrt{n}" /> on the output) so that one η trains every width and the hidden features keep moving
          by an amount that does not shrink with <Formula tex="n" />: theory expects the kernel drift to stay of order one. The two
          figures below train the same width-1024 network in the two parametrizations; here both start with the same critical rate
          ηc, so the automatic η is the same (0.87). Press Play on each: only one trains at a time, the other keeps its last curve.
        </p>
        <div className="tour-table-wrap">
          <table className="tour-table">
            <caption>
              Relative kernel drift at step 500, seeds 1, 2, 3 (<code>tangent-lab train</code>: depth 1, tanh, sine data, 64
              training points, full-batch GD at the automatic η = ηc/2, 500 steps; uncentred, so μP starts from a smaller f₀ — RMS
              0.66 vs 1.43 at width 64, seed 1 — and a different residual)
            </caption>
            <thead>
              <tr>
                <th scope="col">width</th>
                <th scope="col">64</th>
                <th scope="col">1024</th>
                <th scope="col">4096</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">NTK</th>
                <td>42%, 29%, 16%</td>
                <td>11%, 10%, 7.0%</td>
                <td>3.5%, 2.6%, 2.1%</td>
              </tr>
              <tr>
                <th scope="row">μP</th>
                <td>158%, 189%, 266%</td>
                <td>171%, 178%, 147%</td>
                <td>173%, 177%, 146%</td>
              </tr>
            </tbody>
          </table>
        </div>
        <p>
          In NTK parametrization the drift fell 8- to 12-fold for 64 times the width (the 1/√n bound would be 8-fold, the 1/n of
          perturbation theory 64-fold: at these widths and 500 steps the fall is close to the bound); in μP it did not fall.
        </p>
        <p>
          <strong>The output scale α.</strong> Chizat, Oyallon &amp; Bach (2019) showed that any model becomes lazy by scale alone.
          Train <Formula tex="\alpha\,\big(f(x;\theta) - f(x;\theta_0)\big)" /> (centred, so it is zero at θ₀) with the step{' '}
          <Formula tex="\eta/\alpha^2" />: the output starts moving as fast as at α = 1, but θ moves only 1/α as far, and theory
          expects the kernel drift to shrink like 1/α at any width. The third figure does this to a narrow NTK network (width 64);
          drag α.
        </p>
        <div className="tour-table-wrap">
          <table className="tour-table">
            <caption>Relative kernel drift at step 500 of the width-64 NTK network, centred, seeds 1, 2, 3 (same conditions)</caption>
            <thead>
              <tr>
                <th scope="col">α</th>
                <th scope="col">1</th>
                <th scope="col">3</th>
                <th scope="col">10</th>
                <th scope="col">30</th>
                <th scope="col">100</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">drift</th>
                <td>41%, 30%, 17%</td>
                <td>12%, 5.9%, 2.6%</td>
                <td>5.1%, 4.2%, 4.7%</td>
                <td>1.7%, 2.1%, 1.9%</td>
                <td>0.51%, 0.73%, 0.61%</td>
              </tr>
            </tbody>
          </table>
        </div>
        <p>
          From α = 1 to α = 100 the drift fell 28- to 81-fold (1/α would be 100-fold), though not step by step at every seed
          (seed 3 drifted less at α = 3 than at α = 10). The loss at step 500 was about the same (0.025 at α = 1, 0.022 at α = 30,
          seed 1): the scaled net fits the data as well, with a kernel that barely moves.
        </p>
        <PresetLinks names={['lazy-wide', 'lazy-scaled', 'mup-wide', 'ntk-vs-mup', 'alpha-1-vs-30']} presetLink={presetLink} />
      </>
    ),
    sideBySide: 2,
    figures: [
      {
        id: 'not-width-ntk',
        panel: 'drift',
        config: base({ width: 1024 }),
        controls: ['width'],
        regime: true,
        sharedLogY: [1e-3, 4],
        caption: 'NTK parametrization, width 1024: the drift stays around a tenth (11% at step 500 for this seed, measured with the CLI).',
      },
      {
        id: 'not-width-mup',
        panel: 'drift',
        config: base({ width: 1024, param: 'mup' }),
        controls: ['width'],
        regime: true,
        sharedLogY: [1e-3, 4],
        caption: 'μP, same width, same η: the kernel moves by more than its own size (171% at step 500, measured with the CLI). Both plots share one y-axis.',
      },
      {
        id: 'not-width-alpha',
        panel: 'drift',
        config: base({ width: 64, outputScale: 10 }),
        controls: ['outputScale'],
        regime: true,
        caption: 'A width-64 NTK network trained as α·(f − f₀) with η/α². Measured for this seed (1): 41% at α = 1 (centred), 12% at 3, 5.1% at 10, 1.7% at 30, 0.51% at 100.',
      },
    ],
  },
  MODES_SECTION,
  LR_SECTION,
  {
    id: 'breaks',
    title: '9. When the picture breaks',
    body: ({ presetLink }) => (
      <>
        <p>
          The linear picture is a statement about a limit. It fails, usefully, when the network is narrow or trained in the
          standard parametrization with a large step — the <em>rich</em> regime where the kernel moves and the network learns
          features the initial kernel did not have. It also fails at learning rates past the critical rate{' '}
          <span className="nowrap">ηc = 2N/λmax(Θ₀)</span>: the twin diverges, while the network can survive by shrinking its kernel
          (a catapult). Feature learning shows up as the weights aligning with the data; early in training even rich
          networks first learn the simplest (near-linear) part of the target. Try these in the lab:
        </p>
        <PresetLinks names={['rich', 'past-critical', 'diverge', 'lazy-alignment', 'rich-alignment', 'early-time']} presetLink={presetLink} />
      </>
    ),
    figures: [
      {
        id: 'breaks',
        panel: 'drift',
        config: base({ width: 16, param: 'standard', lr: 0.2 }),
        controls: ['param', 'lr'],
        caption: 'A narrow network in the standard parametrization with a large step: the kernel drifts by about a quarter (26% after 500 steps).',
      },
    ],
  },
];
