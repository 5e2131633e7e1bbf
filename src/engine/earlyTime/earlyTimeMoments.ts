// The Gaussian moments of an activation that the early-time linear model needs (docs/science.md §7):
// ζ = E[φ′(g)], ν = E[φ(g)] and, for the kernel identity Θ₀ ≈ 2ζ²XXᵀ/d + ν² + c·I,
// E[φ(g)²], E[φ′(g)²], g ~ N(0, 1). Closed forms where they exist; otherwise Gauss–Hermite
// (tanh, smooth). Nothing here is a hand-typed decimal.
import type { Activation } from '../../schema/config';
import { activationNumber } from '../nn/activations';
import { gaussianExpectation } from './quadrature';

export interface GaussianMoments {
  /** ζ = E[φ′(g)]. */
  zeta: number;
  /** ν = E[φ(g)]. */
  nu: number;
  /** E[φ(g)²]. */
  phi2: number;
  /** E[φ′(g)²]. */
  dphi2: number;
  /** How the numbers were obtained. */
  method: 'closed form' | 'Gauss–Hermite';
}

/** Gauss–Hermite order for smooth activations (tanh's moments converge to 1e-15 well before). */
export const QUADRATURE_ORDER = 160;

export function gaussianMoments(activation: Activation): GaussianMoments {
  switch (activation) {
    case 'relu':
      // E[1{g>0}] = ½, E[max(g,0)] = 1/√(2π), E[max(g,0)²] = ½
      return { zeta: 0.5, nu: 1 / Math.sqrt(2 * Math.PI), phi2: 0.5, dphi2: 0.5, method: 'closed form' };
    case 'erf':
      // φ′ = (2/√π) e^{−g²}: E[e^{−a g²}] = (1 + 2a)^{−½}; E[erf(g)²] = (2/π) arcsin(2/3)
      return {
        zeta: 2 / Math.sqrt(3 * Math.PI),
        nu: 0,
        phi2: (2 / Math.PI) * Math.asin(2 / 3),
        dphi2: 4 / (Math.PI * Math.sqrt(5)),
        method: 'closed form',
      };
    case 'linear':
      return { zeta: 1, nu: 0, phi2: 1, dphi2: 1, method: 'closed form' };
    case 'tanh':
      return quadratureMoments(activation);
  }
}

/** The same moments by Gauss–Hermite quadrature (correct for smooth φ only). */
export function quadratureMoments(activation: Activation, order = QUADRATURE_ORDER): GaussianMoments {
  const f = activationNumber(activation);
  return {
    zeta: gaussianExpectation((g) => f(g)[1], order),
    nu: gaussianExpectation((g) => f(g)[0], order),
    phi2: gaussianExpectation((g) => f(g)[0] ** 2, order),
    dphi2: gaussianExpectation((g) => f(g)[1] ** 2, order),
    method: 'Gauss–Hermite',
  };
}

/** c = E[φ²] + E[φ′²] − ν² − 2ζ²: the diagonal excess of Θ₀ over 2ζ²XXᵀ/d + ν² when ‖x‖² = d. */
export function kernelDiagonalShift(m: GaussianMoments): number {
  return m.phi2 + m.dphi2 - m.nu * m.nu - 2 * m.zeta * m.zeta;
}
