// The display text of every metric, one table: the panels' legend label, formula (TeX) and tooltip
// note, and the width sweep's title and note (its plots, slope table, fits.json and the CLI's files;
// relu variants where the text differs for an activation with kinks). Schema-level and free of
// everything else, so the page, the sweep engine and the CLI read the same strings; the engine
// holds no display text of its own.

export interface MetricText {
  /** The legend label in the panels (and the sweep's title when `sweep.label` is absent). */
  label: string;
  /** Formula shown in the legend tooltip (TeX). */
  tex?: string;
  /** One plain sentence for the legend tooltip. */
  note?: string;
  /** As the width sweep shows and writes it; `relu`: instead, for an activation with kinks. */
  sweep?: { label?: string; note?: string; relu?: { label?: string; note?: string } };
}

export const METRIC_TEXT = {
  loss: { label: 'network · train', tex: String.raw`\tfrac{1}{2N}\sum_i (f_t(x_i)-y_i)^2` },
  testLoss: { label: 'network · test', tex: String.raw`\tfrac{1}{2N_{\text{test}}}\sum_j (f_t(x_j)-y_j)^2` },
  linLoss: { label: 'linear twin · train', tex: String.raw`\tfrac{1}{2N}\sum_i (f_{\mathrm{lin},t}(x_i)-y_i)^2` },
  linTestLoss: { label: 'linear twin · test', tex: String.raw`\tfrac{1}{2N_{\text{test}}}\sum_j (f_{\mathrm{lin},t}(x_j)-y_j)^2` },
  ntkDrift: { label: 'relative drift', tex: String.raw`\lVert\Theta_t-\Theta_0\rVert_F / \lVert\Theta_0\rVert_F` , sweep: { label: "NTK drift ‖Θ_t − Θ₀‖/‖Θ₀‖" } },
  alignDrift: { label: 'alignment drift', tex: String.raw`1 - \cos(\Theta_t, \Theta_0)` },
  lambdaMax: { label: 'λmax(Θt)/N', tex: String.raw`\lambda_{\max}(\Theta_t)/N` },
  gapTrain: { label: 'gap · train', tex: String.raw`\operatorname{RMS}_{x\in X}(f_t - f_{\mathrm{lin},t})` , sweep: { label: "gap to the linear twin · train (RMS)" } },
  gapTest: { label: 'gap · test', tex: String.raw`\operatorname{RMS}_{x\in X_{\text{test}}}(f_t - f_{\mathrm{lin},t})` , sweep: { label: "gap to the linear twin · test (RMS)" } },
  gapTrainRel: { label: 'relative gap · train', tex: String.raw`\frac{\operatorname{RMS}_{X}(f_t - f_{\mathrm{lin},t})}{\operatorname{RMS}_{X}(f_t - f_0)}` , sweep: { label: "relative gap · train", note: "Gap divided by RMS(f_t − f₀): how much of the function’s movement the linear twin misses." } },
  gapInf: { label: 'network − machine · train', tex: String.raw`\operatorname{RMS}_{X}(f_t - f_{\infty,t})`, note: 'Distance to the infinite-width kernel machine (GD with Θ∞ from the network’s own f₀).' , sweep: { label: "gap to the infinite-width machine · train (RMS)", note: "RMS over the training points of f_t − f∞,t, the kernel machine trained with Θ∞ from the network’s own f₀ (docs/science.md §11)." } },
  gapInfTest: { label: 'network − machine · test', tex: String.raw`\operatorname{RMS}_{X_{\text{test}}}(f_t - f_{\infty,t})` },
  twinGapInf: { label: 'twin − machine · train', tex: String.raw`\operatorname{RMS}_{X}(f_{\mathrm{lin},t} - f_{\infty,t})`, note: 'Both kernels frozen: what Θ₀ − Θ∞ alone does to the trained function.' , sweep: { label: "linear twin vs infinite-width machine · train (RMS)", note: "RMS of f_lin,t − f∞,t: both frozen kernels, Θ₀ against Θ∞." } },
  twinGapInfTest: { label: 'twin − machine · test', tex: String.raw`\operatorname{RMS}_{X_{\text{test}}}(f_{\mathrm{lin},t} - f_{\infty,t})` },
  infLoss: { label: 'machine · train', tex: String.raw`\tfrac{1}{2N}\sum_i (f_{\infty,t}(x_i)-y_i)^2` },
  infTestLoss: { label: 'machine · test', tex: String.raw`\tfrac{1}{2N_{\text{test}}}\sum_j (f_{\infty,t}(x_j)-y_j)^2` },
  kernelGapInf: { label: 'distance to Θ∞', tex: String.raw`\lVert\Theta_t-\Theta_\infty\rVert_F / \lVert\Theta_\infty\rVert_F` , sweep: { label: "distance to the infinite-width kernel ‖Θ − Θ∞‖/‖Θ∞‖", note: "On the probe set, with Θ∞ the analytic limit (docs/science.md §11). At θ₀ theory predicts slope −½ (the finite-width fluctuations of Θ₀); after training it also holds the kernel’s drift. Absent for the standard parametrization (no finite Θ∞) and with machine=false." } },
  gapTestRel: { label: 'relative gap · test', tex: String.raw`\frac{\operatorname{RMS}_{X_{\text{test}}}(f_t - f_{\mathrm{lin},t})}{\operatorname{RMS}_{X_{\text{test}}}(f_t - f_0)}` , sweep: { label: "relative gap · test" } },
  c2OverC1: {
    label: '2nd order / 1st',
    tex: String.raw`\frac{\operatorname{RMS}(c_2)}{\operatorname{RMS}(c_1)},\ \ c_k = \frac{1}{k!}\frac{d^k}{d\varepsilon^k} f(x;\theta+\varepsilon\Delta),\ \Delta = -\eta\nabla_\theta L`,
    note: 'The second-order term of one step relative to the NTK (first-order) term.',
    sweep: { label: "c₂/c₁ (step-dependent)", note: "RMS(c₂)/RMS(c₁) ∝ η‖r‖: falls as training fits the data; recorded, not fitted." },
  },
  c3OverC1: {
    label: '3rd order / 1st',
    tex: String.raw`\frac{\operatorname{RMS}(c_3)}{\operatorname{RMS}(c_1)},\ \ c_k = \frac{1}{k!}\frac{d^k}{d\varepsilon^k} f(x;\theta+\varepsilon\Delta),\ \Delta = -\eta\nabla_\theta L`,
    note: 'The third-order term of one step relative to the NTK (first-order) term.',
    sweep: { label: "c₃/c₁ (step-dependent)", note: "RMS(c₃)/RMS(c₁) ∝ (η‖r‖)²; recorded, not fitted." },
  },
  gradChange: {
    label: 'gradient change',
    tex: String.raw`\frac{\lVert\nabla_\theta f(\theta+\Delta)-\nabla_\theta f(\theta)\rVert}{\lVert\nabla_\theta f(\theta)\rVert}\quad(\mathfrak{C}^{1,1})`,
    note: 'How much one step moves the gradient (the mixed second-order term), averaged over the probe set.',
    sweep: { label: "gradient change of one step (step-dependent)", note: "Scales with η‖∇L‖ at the step; recorded, not fitted (see the per-unit-step version)." },
  },
  gradChangeFirstOrder: {
    label: 'gradient change, 1st order',
    tex: String.raw`\frac{\lVert H(x)\,\Delta\rVert}{\lVert\nabla_\theta f(\theta)\rVert},\ \ H = \nabla^2_\theta f`,
    note: 'The Hessian–vector-product (first-order) part of the gradient change.',
    sweep: { label: "first-order gradient change (step-dependent)", note: "Scales with η‖∇L‖ at the step; recorded, not fitted." },
  },
  c2OverC1Sq: {
    label: 'c₂ / c₁² (step-scale invariant)',
    tex: String.raw`\frac{\operatorname{RMS}(c_2)}{\operatorname{RMS}(c_1)^2}`,
    note: 'Unchanged when the step is rescaled (c₁ ∝ η‖r‖, c₂ ∝ (η‖r‖)²), not when its direction changes: read it at θ₀ for a width claim.',
    sweep: { label: "c₂/c₁² along one GD step", note: "RMS(c₂)/RMS(c₁)²: unchanged when the step is rescaled (η, the residual’s size), but not when its direction changes. At θ₀ every width takes the same kind of step; after training the step points along the slow modes that are left, so the final value is not a pure width effect." },
  },
  c3OverC1Cube: {
    label: 'c₃ / c₁³ (step-scale invariant)',
    tex: String.raw`\frac{\operatorname{RMS}(c_3)}{\operatorname{RMS}(c_1)^3}`,
    note: 'Unchanged when the step is rescaled, not when its direction changes: read it at θ₀ for a width claim.',
    sweep: { label: "c₃/c₁³ along one GD step", note: "RMS(c₃)/RMS(c₁)³: invariant to the step’s scale, not its direction (read the value at θ₀ for a width claim).", relu: { note: "RMS(c₃)/RMS(c₁)³. relu is piecewise linear, so c₃ comes only from products of three layers’ weight changes: exactly 0 with one hidden layer." } },
  },
  gradChangeFrozen: {
    label: 'gradient change, pattern frozen',
    tex: String.raw`\frac{\lVert\nabla_\theta f(\theta+\Delta)-\nabla_\theta f(\theta)\rVert}{\lVert\nabla_\theta f(\theta)\rVert}\ \text{with each unit's activation pattern held at }\theta`,
    note: 'relu: the gradient change of one step with every unit held on its side of 0 at θ — the smooth part, without kinks. (For smooth activations the same construction agrees with the first-order term only to first order in the step, so it is neither computed nor shown.)',
    sweep: { label: "gradient change, pattern frozen (step-dependent)", note: "Scales with η‖∇L‖ at the step; recorded, not fitted." },
  },
  flipFraction: {
    label: 'sign flips',
    tex: String.raw`\frac{\#\{(u, x): \operatorname{sign} h_u(x;\theta+\Delta) \ne \operatorname{sign} h_u(x;\theta)\}}{\#\{(u, x)\}}`,
    note: 'relu: fraction of (hidden unit, probe point) pairs whose pre-activation changes sign within one step (a kink crossed). Not shown for smooth activations.',
    sweep: { label: "fraction of units flipping (step-dependent)", note: "Scales with η‖∇L‖ at the step; recorded, not fitted." },
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
  // recorded by the width sweep only (its plots, slope table and files)
  sharpness: { label: "sharpness S = λmax(Θ_t(X,X))/(α²N) · train", sweep: { label: "sharpness S = λmax(Θ_t(X,X))/(α²N) · train", note: "Top eigenvalue of the tangent kernel on the training set per point, in the units of η: the linearisation at θ_t is stable iff η·S < 2. Recorded, not fitted (runs.csv also has each run’s S₀, max S, final S and max η·S)." } },
  modeDeparture: { label: "network vs twin per NTK eigenmode", sweep: { label: "network vs twin per NTK eigenmode", note: "RMS over the top K eigenmodes u_k of Θ₀ of u_kᵀ(f_t − f_lin,t), divided by RMS(f₀ − y) over the training points (absent when modes are off). An RMS over the K tracked modes, so it depends on K (default task, width 256, step 1: 0.048 with K = 4, 0.024 with K = 16): compare sweeps with the same K." } },
  gradChangeFixedStep: { label: "gradient change at a fixed step (RMS(c₁) = 0.1·RMS(y))", sweep: { label: "gradient change at a fixed step (RMS(c₁) = 0.1·RMS(y))", note: "mean_x ‖∇f(θ+Δ) − ∇f(θ)‖/‖∇f(θ)‖ with the GD step Δ rescaled so that RMS(c₁) = 0.1·RMS(y) on the probe set: independent of η and of the residual.", relu: { note: "mean_x ‖∇f(θ+Δ) − ∇f(θ)‖/‖∇f(θ)‖ with the GD step Δ rescaled so that RMS(c₁) = 0.1·RMS(y) on the probe set: independent of η and of the residual. Includes the jumps of relu units that cross 0 within the step." } } },
  gradChangeFirstOrderFixedStep: { label: "first-order gradient change at the fixed step", sweep: { label: "first-order gradient change at the fixed step", note: "‖H(x)Δ‖/‖∇f(x)‖ (mean over probe points) for the same fixed-size step: the Hessian term alone." } },
  gradChangeFrozenFixedStep: { label: "gradient change, relu pattern frozen, at the fixed step", sweep: { label: "gradient change, relu pattern frozen, at the fixed step", note: "The fixed-size step with every relu unit held on its side of 0 (the smooth part of the change)." } },
  flipFractionFixedStep: { label: "fraction of units flipping at the fixed step", sweep: { label: "fraction of units flipping at the fixed step", note: "Fraction of (unit, probe point) pre-activations that change sign within the fixed-size step." } },
  gradChangePerC1: { label: "gradient change per unit step", sweep: { label: "gradient change per unit step", note: "mean_x ‖∇f(θ+Δ) − ∇f(θ)‖/‖∇f(θ)‖ divided by RMS(c₁) of the same step Δ: invariant to the step’s scale in the small-step limit of a smooth φ (tanh, width 256, depth 2, θ₀: 0.1439, 0.1438, 0.1480 at η = 0.0161, 0.161, 1.61).", relu: { label: "gradient change per unit step (step-dependent for relu)", note: "mean_x ‖∇f(θ+Δ) − ∇f(θ)‖/‖∇f(θ)‖ divided by RMS(c₁) of the GD step. For relu this still depends on the step: a unit that crosses 0 changes its gradient by a jump, not in proportion to the step (width 256, depth 2, θ₀: 0.127, 0.147, 0.096, 0.036 at η = 0.000978, 0.00978, 0.0978, 0.978); recorded, not fitted (see the fixed-step version)." } } },
  gradChangeFirstOrderPerC1: { label: "first-order gradient change per unit step", sweep: { label: "first-order gradient change per unit step", note: "‖H(x)Δ‖/‖∇f(x)‖ (mean over probe points) divided by RMS(c₁): the Hessian term alone, exactly invariant to the step’s scale." } },
  gradChangeFrozenPerC1: { label: "gradient change, relu pattern frozen, per unit step", sweep: { label: "gradient change, relu pattern frozen, per unit step", note: "The same step with every relu unit held on its side of 0 (the smooth part of the change), divided by RMS(c₁)." } },
  flipFractionPerC1: { label: "fraction of units flipping per unit step", sweep: { label: "fraction of units flipping per unit step", note: "Fraction of (unit, probe point) pre-activations that change sign within the step, divided by RMS(c₁)." } },
  c1Rms: { label: "RMS(c₁): first-order change of f in the step", sweep: { label: "RMS(c₁): first-order change of f in the step", note: "The normaliser of the …PerC1 metrics; ∝ η‖∇L‖, so recorded, not fitted." } },
} as const satisfies Record<string, MetricText>;

export type MetricTextKey = keyof typeof METRIC_TEXT;

/** A metric's title and note in the width sweep (`kinks`: the activation has kinks, e.g. relu). */
export function sweepText(key: MetricTextKey, kinks: boolean): { label: string; note?: string } {
  const t: MetricText = METRIC_TEXT[key];
  const relu = kinks ? t.sweep?.relu : undefined;
  const note = relu?.note ?? t.sweep?.note;
  return { label: relu?.label ?? t.sweep?.label ?? t.label, ...(note === undefined ? {} : { note }) };
}

/** Title and note of the weight change of layer l (0-based) of a network with `depth` hidden layers. */
export function layerChangeText(l: number, depth: number): { label: string; note: string } {
  return { label: l === depth ? 'weight change · output layer' : `weight change · layer ${l + 1}`, note: `‖W${l + 1}(t) − W${l + 1}(0)‖/‖W${l + 1}(0)‖` };
}

/** Title and note of the last hidden layer's UC-NFA (layer `depth`). */
export function ucNfaLastText(depth: number): { label: string; note: string } {
  return {
    label: 'UC-NFA · last hidden layer',
    note: `ρ(W${depth}ᵀW${depth}, AGOP) of hidden layer ${depth}: a correlation in [−1, 1], so it is recorded, not fitted as a power law in width (empty when the NFM is 1×1, i.e. one input feature).`,
  };
}
