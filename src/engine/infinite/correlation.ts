// The correlation ρ = c/√(ab) of a 2 × 2 covariance [[a, c], [c, b]], clamped to [−1, 1] (round-off
// can push |c| past √(ab) for two equal inputs); 0 when a point has zero variance.
export function correlation(a: number, b: number, c: number): number {
  const ab = a * b;
  if (!(ab > 0)) return 0;
  return Math.min(1, Math.max(-1, c / Math.sqrt(ab)));
}
