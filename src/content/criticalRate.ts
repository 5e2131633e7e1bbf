// The stable-rate formula as shown to users (docs/science.md §3, §10); the rule itself is
// criticalLearningRate in src/engine/lr/rule.ts. GD on the linear model is stable for
// η < 2N/λmax(Θ₀). With the output scale α the kernel is α² times larger and the step on θ is η/α²,
// so in the η the app shows the limit is 2Nα²/λmax(Θ₀) of the scaled model's kernel.
export function criticalRateFormula(outputScale: number): string {
  return outputScale > 1 ? '2Nα²/λmax(Θ₀)' : '2N/λmax(Θ₀)';
}
