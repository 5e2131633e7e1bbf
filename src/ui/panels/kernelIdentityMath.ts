/** ‖a − b‖_F / ‖a‖_F for flattened matrices (NaN when a is all zeros). */
export function relativeFrobenius(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += a[i] ** 2;
  }
  return den > 0 ? Math.sqrt(num / den) : NaN;
}
