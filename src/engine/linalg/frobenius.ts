// Relative Frobenius distance between two matrices stored as flat arrays. Pure TypeScript (no tfjs),
// so the page's panels, the CLI and the engine share this one definition.

/** ‖a − b‖_F / ‖b‖_F for two equally long arrays; NaN when b is all zeros. */
export function relativeFrobenius(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`relativeFrobenius: lengths ${a.length} and ${b.length} differ`);
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += b[i] ** 2;
  }
  return den > 0 ? Math.sqrt(num / den) : NaN;
}
