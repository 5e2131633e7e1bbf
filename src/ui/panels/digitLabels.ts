// Pure helpers for the digits panel: class names from the `digits` task and the ±1 target, and the
// grey level of one pixel of a centred, rescaled image.
import { parseDigits } from '../../schema/config';

/** Name of the class with target sign `y` (+1 → the positive digit; −1 → the other digit or "not d"). */
export function className(digits: string, y: number): string {
  const { positive, negative } = parseDigits(digits);
  if (y > 0) return String(positive);
  return negative === null ? `not ${positive}` : String(negative);
}

/** Grey levels 0…255 (255 = ink) of one image, min–max stretched (the inputs are centred and rescaled). */
export function inkLevels(pixels: ArrayLike<number>): Uint8ClampedArray {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < pixels.length; i++) {
    const v = pixels[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const span = hi - lo;
  const out = new Uint8ClampedArray(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = span > 0 && Number.isFinite(span) ? Math.round((255 * (pixels[i] - lo)) / span) : 0;
  return out;
}
