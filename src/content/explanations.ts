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

export const EMPTY_MESSAGE = 'Press Play to start training';
