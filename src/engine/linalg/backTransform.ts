// V = Q·Z for the orthogonal Q of the Householder reduction (tridiagonalize.ts), without forming Q:
// the reflectors are applied to Z directly, NB at a time in compact form (LAPACK's dormtr with a
// blocked dlarfb), so that both passes over Z are matrix products (matmul.ts).

import { matmul } from './matmul';

/** Reflectors per block. */
const NB = 32;

/**
 * Z ← H_{n−1} ⋯ H_2 H_1 Z in place (Z row-major n × cols, cols = n by default), where H_m = I − u_m u_mᵀ / h_m with
 * u_m = w[m·n .. m·n + m) (length m; the reflector tred2 leaves in row m of w) and h_m = h[m]
 * (h_m = 0: H_m = I). This is Q·Z for the Q with A = Q T Qᵀ.
 */
export function applyReflectors(w: Float64Array, h: Float64Array, n: number, z: Float64Array, cols = n): void {
  const y = new Float64Array(NB * n);
  const c = new Float64Array(NB * cols);
  for (let m0 = 1; m0 < n; m0 += NB) {
    const nb = Math.min(NB, n - m0);
    // Y (nb × len): row r = u_{m0 + r}, zero-padded to the longest reflector of the block.
    const len = m0 + nb - 1;
    y.fill(0, 0, nb * len);
    for (let r = 0; r < nb; r++)
      if (h[m0 + r] !== 0) y.set(w.subarray((m0 + r) * n, (m0 + r) * n + m0 + r), r * len);
    // C = Y·Z[0..len) (row r: u_rᵀZ); then, applying H_{m0} first, row r becomes the coefficient
    // c_r = (u_rᵀZ − Σ_{s<r} (u_rᵀu_s) c_s) / h_r that H_{m0+r} sees after the earlier ones.
    matmul(nb, len, cols, { data: y, off: 0, rs: len, cs: 1 }, { data: z, off: 0, rs: cols, cs: 1 }, { data: c, off: 0, rs: cols, cs: 1 }, 'set');
    for (let r = 0; r < nb; r++) {
      const hr = h[m0 + r];
      const cr = r * cols;
      if (hr === 0) {
        c.fill(0, cr, cr + cols);
        continue;
      }
      for (let s = 0; s < r; s++) {
        let g = 0;
        for (let k = 0; k < len; k++) g += y[r * len + k] * y[s * len + k];
        if (g === 0) continue;
        const cs = s * cols;
        for (let j = 0; j < cols; j++) c[cr + j] -= g * c[cs + j];
      }
      const inv = 1 / hr;
      for (let j = 0; j < cols; j++) c[cr + j] *= inv;
    }
    // Z[0..len) −= Yᵀ·C.
    matmul(len, nb, cols, { data: y, off: 0, rs: 1, cs: len }, { data: c, off: 0, rs: cols, cs: 1 }, { data: z, off: 0, rs: cols, cs: 1 }, 'sub');
  }
}
