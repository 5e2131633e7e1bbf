// The linear twin's residual per NTK eigenmode under full-batch GD, in closed form (docs/science.md
// §4): plain arithmetic, free of TensorFlow.js, so the modes panel draws it on the page.

/** The twin's GD closed form for mode k: (1 − ηλ_k/N)^t · lin_k(0), with λ_k/N given (for α > 1: the raw step η/α² and the scaled model's λ_k/N). */
export function gdModeClosedForm(lambdaOverN: number, lr: number, t: number, initial: number): number {
  return Math.pow(1 - lr * lambdaOverN, t) * initial;
}
