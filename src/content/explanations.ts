// The words and formulas shown with each panel and each plotted series. Plain data: panels render
// `summary` as text and `tex` with KaTeX (see Formula.tsx). Keep summaries to one or two sentences.

export interface PanelText {
  title: string;
  /** Title as TeX, when the title itself contains maths (rendered instead of `title`). */
  titleTex?: string;
  summary: string;
  /** The defining formula, TeX. */
  tex: string;
  /** Optional longer "why this matters" note. */
  why?: string;
  /** Which quantity supports a claim about scaling with width (derivative correlations). */
  scaling?: string;
  /** relu-specific caveat (derivative correlations). */
  kinks?: string;
}

export interface SeriesText {
  label: string;
  /** Formula shown in the legend tooltip (TeX). */
  tex?: string;
  /** One plain sentence for the tooltip. */
  note?: string;
}

export const PANELS = {
  digits: {
    title: 'Digits',
    summary:
      'Sampled MNIST training digits with their ±1 targets, and the network’s and the linear twin’s outputs on the first test digits: the sign is the predicted class (✓ right, ✗ wrong).',
    tex: String.raw`\hat y(x) = \operatorname{sign} f(x;\theta_t)\quad\text{vs}\quad \operatorname{sign} f_{\mathrm{lin}}(x;\theta_t)`,
  },
  loss: {
    title: 'Loss',
    summary:
      'Training and test loss of the network (solid) and of its linear twin, the first-order Taylor model around the initial weights trained the same way (dashed).',
    tex: String.raw`L = \frac{1}{2N}\sum_{i=1}^{N} \big(f(x_i) - y_i\big)^2`,
  },
  function: {
    title: 'Learned function',
    summary: 'The network’s current function next to its linear twin’s and the infinite-width kernel machine’s (GD with the analytic limit kernel Θ∞ from the network’s own f₀; machine=false hides it). When the curves overlap, training is “lazy”: the network behaves like its linearisation, and at large width both follow the infinite-width machine.',
    tex: String.raw`f_{\mathrm{lin}}(x;\theta) = f(x;\theta_0) + \nabla_\theta f(x;\theta_0)\cdot(\theta-\theta_0)`,
  },
  drift: {
    title: 'NTK drift',
    summary: 'How far the neural tangent kernel has moved from its value at initialisation. Wide networks in NTK parametrization (and any net with a large output scale α) keep it nearly frozen, which is why they train like a linear model; in μP it keeps moving at any width.',
    tex: String.raw`\frac{\lVert \Theta_t - \Theta_0\rVert_F}{\lVert \Theta_0\rVert_F},\qquad 1 - \frac{\langle \Theta_t, \Theta_0\rangle_F}{\lVert\Theta_t\rVert_F\,\lVert\Theta_0\rVert_F}`,
  },
  gap: {
    title: 'Network vs linear model',
    summary: 'The RMS distance between the network and its linear twin on train and test points, also relative to how far the network’s function has moved at all; in green, the distance of the network (solid) and of the twin (dashed) to the infinite-width machine on the training points.',
    tex: String.raw`\mathrm{gap}_t = \operatorname{RMS}_x\big(f_t(x) - f_{\mathrm{lin},t}(x)\big),\qquad \mathrm{rel} = \frac{\mathrm{gap}_t}{\operatorname{RMS}_x\big(f_t(x) - f_0(x)\big)}`,
  },
  correlations: {
    title: 'Derivative correlations',
    summary:
      'Size of the second- and third-order terms of one gradient step, relative to the first-order (NTK) term, and how much a step changes the gradient itself.',
    tex: String.raw`c_k(x) = \frac{1}{k!}\,\frac{d^k}{d\varepsilon^k} f(x;\theta_t + \varepsilon\Delta)\Big|_{\varepsilon=0},\quad \Delta = -\eta\nabla_\theta L`,
    why: 'Why this matters: when the higher-order correlations are weak, the first-order (NTK) term dominates every step, so training stays close to the linear model. Hover a step to see the same step highlighted in the gap plot.',
    scaling:
      'Which ratio to read for a scaling claim: c₂/c₁² and c₃/c₁³, at initialisation. Since c₁ ∝ η‖r‖ and c₂ ∝ (η‖r‖)², c₂/c₁ moves with the step size and shrinks as the residual r shrinks; c₂/c₁² and c₃/c₁³ are unchanged when the step is rescaled, but not when its direction changes. With the automatic η the first step removes the top mode of the residual, and the ratios jump: at width 64 (tanh, sine, depth 2) c₃/c₁³ went 0.018 → 0.27 → 0.75 over steps 0, 1, 2.',
    kinks:
      'relu: the full-step gradient change includes kinks (units that cross 0 within the step change the gradient by a jump, not in proportion to the step, so the raw value and its ratio to RMS(c₁) depend on η). The frozen-pattern value and the fraction of sign flips separate the two. In a width sweep (MNIST 0 vs 7, depth 2, at θ₀) the flip fraction fell as fast as the frozen-pattern part (n^−0.55 vs n^−0.54); the kinks’ contribution to the gradient change fell more slowly (full change per unit step n^−0.33). Width sweeps now compare the gradient change at a fixed step size.',
  },
  modes: {
    title: 'Learning per eigenmode',
    summary:
      'Size of the training residual along the top eigenvectors u_k of the NTK at initialisation, Θ₀ on the training set, for the network (solid) and its linear twin (dashed), coloured by eigenvalue (dark = largest λ). With full-batch GD the twin’s residual along u_k is multiplied by exactly 1 − ηλ_k/N each step (with an output scale α > 1: 1 − ηλ_k/(α²N), λ_k being the scaled model’s eigenvalues, α² times those of f), so large-λ modes are learned first. The departure (RMS over the K tracked modes) depends on K: compare it at the same K.',
    tex: String.raw`r_k(t) = u_k^\top\big(f_t(X) - Y\big),\qquad \text{twin, GD: } r^{\mathrm{lin}}_k(t) = \Big(1 - \tfrac{\eta\lambda_k}{\alpha^2 N}\Big)^{t}\, r_k(0)`,
  },
  ntk: {
    title: 'Neural tangent kernel',
    summary: 'The empirical NTK over the probe points (sorted by input) at initialisation next to its infinite-width limit Θ∞ (same colour scale), the kernel now, its change, and the eigenvalue spectra.',
    tex: String.raw`\Theta(x, x') = \nabla_\theta f(x)\cdot\nabla_\theta f(x')`,
  },
  pair: {
    title: 'ℭ⁰˒² pair matrix',
    titleTex: String.raw`\mathfrak{C}^{0,2}\ \text{pair matrix}`,
    summary: 'For one probe point x, how the curvature of f at x couples the gradients of two other probe points: the second-order term that the linear model leaves out.',
    tex: String.raw`P_{x}(x', x'') = \tfrac12\,\nabla^2_\theta f(x)\big[\nabla_\theta f(x'),\, \nabla_\theta f(x'')\big]`,
  },
  nfa: {
    title: 'Feature alignment',
    summary:
      'Does a layer’s weight matrix line up with the directions the output is sensitive to? UC-NFA correlates WᵀW with the average gradient outer product WᵀKW, K = Σₓ (∂f/∂h)ᵀ(∂f/∂h) over the training set; C-NFA does the same for what training changed, ΔW = W − W₀. UC-NFA is the one that separates lazy from rich: lazy (wide, NTK) training barely moves it, feature learning (narrow, standard parametrisation, larger η) makes it rise. C-NFA is close to 1 after a single step in every configuration we tried (0.92–1.0: one step’s ΔW is built from gradient outer products), so it says little about the regime.',
    tex: String.raw`\mathrm{UC}_l = \rho\big(W_l^\top W_l,\ W_l^\top K_l W_l\big),\quad \mathrm{C}_l = \rho\big(\Delta W_l^\top \Delta W_l,\ \Delta W_l^\top K_l \Delta W_l\big)`,
  },
  earlyTime: {
    title: 'Early-time simplicity',
    summary:
      'A two-layer network that starts at f₀ ≡ 0 first learns what a linear model on the inputs learns: with ζ = E[φ′(g)], ν = E[φ(g)] the two agree early in training, for wide networks on high-dimensional inputs, and part later.',
    tex: String.raw`f(x) = \tfrac{1}{\sqrt m}\sum_{r=1}^m v_r\,\varphi\!\big(\tfrac{w_r\cdot x}{\sqrt d}\big)\ \approx\ f_{\mathrm{lin}}(x) = \delta^\top\Big[\tfrac{\sqrt2\,\zeta\,x}{\sqrt d};\ \nu\Big]`,
  },
} satisfies Record<string, PanelText>;

export const SERIES = {
  loss: { label: 'network · train', tex: String.raw`\tfrac{1}{2N}\sum_i (f_t(x_i)-y_i)^2` },
  testLoss: { label: 'network · test', tex: String.raw`\tfrac{1}{2N_{\text{test}}}\sum_j (f_t(x_j)-y_j)^2` },
  linLoss: { label: 'linear twin · train', tex: String.raw`\tfrac{1}{2N}\sum_i (f_{\mathrm{lin},t}(x_i)-y_i)^2` },
  linTestLoss: { label: 'linear twin · test', tex: String.raw`\tfrac{1}{2N_{\text{test}}}\sum_j (f_{\mathrm{lin},t}(x_j)-y_j)^2` },
  ntkDrift: { label: 'relative drift', tex: String.raw`\lVert\Theta_t-\Theta_0\rVert_F / \lVert\Theta_0\rVert_F` },
  alignDrift: { label: 'alignment drift', tex: String.raw`1 - \cos(\Theta_t, \Theta_0)` },
  lambdaMax: { label: 'λmax(Θt)/N', tex: String.raw`\lambda_{\max}(\Theta_t)/N` },
  gapTrain: { label: 'gap · train', tex: String.raw`\operatorname{RMS}_{x\in X}(f_t - f_{\mathrm{lin},t})` },
  gapTest: { label: 'gap · test', tex: String.raw`\operatorname{RMS}_{x\in X_{\text{test}}}(f_t - f_{\mathrm{lin},t})` },
  gapTrainRel: { label: 'relative gap · train', tex: String.raw`\frac{\operatorname{RMS}_{X}(f_t - f_{\mathrm{lin},t})}{\operatorname{RMS}_{X}(f_t - f_0)}` },
  gapInf: { label: 'network − machine · train', tex: String.raw`\operatorname{RMS}_{X}(f_t - f_{\infty,t})`, note: 'Distance to the infinite-width kernel machine (GD with Θ∞ from the network’s own f₀).' },
  gapInfTest: { label: 'network − machine · test', tex: String.raw`\operatorname{RMS}_{X_{\text{test}}}(f_t - f_{\infty,t})` },
  twinGapInf: { label: 'twin − machine · train', tex: String.raw`\operatorname{RMS}_{X}(f_{\mathrm{lin},t} - f_{\infty,t})`, note: 'Both kernels frozen: what Θ₀ − Θ∞ alone does to the trained function.' },
  twinGapInfTest: { label: 'twin − machine · test', tex: String.raw`\operatorname{RMS}_{X_{\text{test}}}(f_{\mathrm{lin},t} - f_{\infty,t})` },
  infLoss: { label: 'machine · train', tex: String.raw`\tfrac{1}{2N}\sum_i (f_{\infty,t}(x_i)-y_i)^2` },
  infTestLoss: { label: 'machine · test', tex: String.raw`\tfrac{1}{2N_{\text{test}}}\sum_j (f_{\infty,t}(x_j)-y_j)^2` },
  kernelGapInf: { label: 'distance to Θ∞', tex: String.raw`\lVert\Theta_t-\Theta_\infty\rVert_F / \lVert\Theta_\infty\rVert_F` },
  gapTestRel: { label: 'relative gap · test', tex: String.raw`\frac{\operatorname{RMS}_{X_{\text{test}}}(f_t - f_{\mathrm{lin},t})}{\operatorname{RMS}_{X_{\text{test}}}(f_t - f_0)}` },
  c2OverC1: {
    label: '2nd order / 1st',
    tex: String.raw`\frac{\operatorname{RMS}(c_2)}{\operatorname{RMS}(c_1)},\ \ c_k = \frac{1}{k!}\frac{d^k}{d\varepsilon^k} f(x;\theta+\varepsilon\Delta),\ \Delta = -\eta\nabla_\theta L`,
    note: 'The second-order term of one step relative to the NTK (first-order) term.',
  },
  c3OverC1: {
    label: '3rd order / 1st',
    tex: String.raw`\frac{\operatorname{RMS}(c_3)}{\operatorname{RMS}(c_1)},\ \ c_k = \frac{1}{k!}\frac{d^k}{d\varepsilon^k} f(x;\theta+\varepsilon\Delta),\ \Delta = -\eta\nabla_\theta L`,
    note: 'The third-order term of one step relative to the NTK (first-order) term.',
  },
  gradChange: {
    label: 'gradient change',
    tex: String.raw`\frac{\lVert\nabla_\theta f(\theta+\Delta)-\nabla_\theta f(\theta)\rVert}{\lVert\nabla_\theta f(\theta)\rVert}\quad(\mathfrak{C}^{1,1})`,
    note: 'How much one step moves the gradient (the mixed second-order term), averaged over the probe set.',
  },
  gradChangeFirstOrder: {
    label: 'gradient change, 1st order',
    tex: String.raw`\frac{\lVert H(x)\,\Delta\rVert}{\lVert\nabla_\theta f(\theta)\rVert},\ \ H = \nabla^2_\theta f`,
    note: 'The Hessian–vector-product (first-order) part of the gradient change.',
  },
  c2OverC1Sq: {
    label: 'c₂ / c₁² (step-scale invariant)',
    tex: String.raw`\frac{\operatorname{RMS}(c_2)}{\operatorname{RMS}(c_1)^2}`,
    note: 'Unchanged when the step is rescaled (c₁ ∝ η‖r‖, c₂ ∝ (η‖r‖)²), not when its direction changes: read it at θ₀ for a width claim.',
  },
  c3OverC1Cube: {
    label: 'c₃ / c₁³ (step-scale invariant)',
    tex: String.raw`\frac{\operatorname{RMS}(c_3)}{\operatorname{RMS}(c_1)^3}`,
    note: 'Unchanged when the step is rescaled, not when its direction changes: read it at θ₀ for a width claim.',
  },
  gradChangeFrozen: {
    label: 'gradient change, pattern frozen',
    tex: String.raw`\frac{\lVert\nabla_\theta f(\theta+\Delta)-\nabla_\theta f(\theta)\rVert}{\lVert\nabla_\theta f(\theta)\rVert}\ \text{with each unit's activation pattern held at }\theta`,
    note: 'relu: the gradient change of one step with every unit held on its side of 0 at θ — the smooth part, without kinks. (For smooth activations the same construction agrees with the first-order term only to first order in the step, so it is neither computed nor shown.)',
  },
  flipFraction: {
    label: 'sign flips',
    tex: String.raw`\frac{\#\{(u, x): \operatorname{sign} h_u(x;\theta+\Delta) \ne \operatorname{sign} h_u(x;\theta)\}}{\#\{(u, x)\}}`,
    note: 'relu: fraction of (hidden unit, probe point) pairs whose pre-activation changes sign within one step (a kink crossed). Not shown for smooth activations.',
  },
  firstOrderError: {
    label: '1st-order error',
    tex: String.raw`\frac{\operatorname{RMS}\big(c_1 - (f(\theta+\Delta) - f(\theta))\big)}{\operatorname{RMS}\big(f(\theta+\Delta)-f(\theta)\big)}`,
    note: 'How wrong the first-order (NTK) prediction of one step is.',
  },
  earlyGap: {
    label: 'earlyGap',
    tex: String.raw`\frac{\operatorname{RMS}_{X}(f_t - f_{\mathrm{lin},t})}{\operatorname{RMS}_{X}(f_{\mathrm{lin},t})}`,
    note: 'Distance between the network and the linear model on the inputs, relative to the linear model’s size, over the training points.',
  },
  eig0: { label: 'Θ₀ eigenvalues', tex: String.raw`\lambda_k(\Theta_0)` },
  eigT: { label: 'Θt eigenvalues', tex: String.raw`\lambda_k(\Theta_t)` },
} satisfies Record<string, SeriesText>;

export const EMPTY_MESSAGE = 'Press Play to start training';
