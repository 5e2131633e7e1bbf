// Which mechanism is expected to make a run lazy or rich, read from its config alone (never from
// measurements): the width in NTK parametrization, the output scale α (Chizat, Oyallon & Bach
// 2019), μP (Yang & Hu 2021), the standard parametrization, or the early-time model. Every text is
// an expectation by theory and is shown as one ("expected: …"); what the run measures is in the
// panels. docs/science.md §1 (parametrizations) and the config's outputScale/center fields.
import { isCentred, type ExperimentConfig } from '../schema/config';

export type RegimeKind = 'scaled' | 'wide' | 'between' | 'narrow' | 'mup' | 'standard' | 'early-time';

export interface Regime {
  kind: RegimeKind;
  /** Short name of the mechanism, e.g. "lazy because wide (NTK, n = 1024)". */
  label: string;
  /** One sentence: what theory expects this setting to do (not a measurement). */
  expectation: string;
}

/** NTK widths at or above this are called wide, at or below NARROW_WIDTH narrow (a convention of the badge). */
export const WIDE_WIDTH = 512;
export const NARROW_WIDTH = 64;
/** From this α on the badge says "lazy because scaled"; below it "lazier because scaled". */
export const LAZY_ALPHA = 10;

/** α as shown: up to 3 significant digits, no trailing zeros. */
export function formatAlpha(alpha: number): string {
  return String(Number(alpha.toPrecision(3)));
}

export type RegimeConfig = Pick<ExperimentConfig, 'model' | 'param' | 'width' | 'outputScale' | 'center'>;

/** The expected regime of a config and why (theory, not a measurement). */
export function regimeOf(config: RegimeConfig): Regime {
  const n = config.width;
  if (config.model === 'early-time') {
    return {
      kind: 'early-time',
      label: `early-time model (2 layers, m = ${n})`,
      expectation: 'early in training it follows a linear model on the inputs (Hu et al. 2020); the lazy/rich labels are about the MLP',
    };
  }
  const alpha = config.outputScale;
  if (alpha > 1) {
    const a = formatAlpha(alpha);
    const p = config.param === 'mup' ? 'μP' : config.param === 'ntk' ? 'NTK' : 'standard';
    return {
      kind: 'scaled',
      label: `${alpha >= LAZY_ALPHA ? 'lazy' : 'lazier'} because scaled (α = ${a})`,
      expectation: `the model is α·(f − f₀) trained with η/α², so its output starts moving as fast as at α = 1 while the weights move 1/${a} as far and the kernel drift shrinks like 1/α (Chizat, Oyallon & Bach 2019), at any width (${p}, n = ${n})`,
    };
  }
  const centred = isCentred(config) ? ', centred at θ₀' : '';
  switch (config.param) {
    case 'mup':
      return {
        kind: 'mup',
        label: `rich at any width (μP, n = ${n})`,
        expectation: `with one η for every width the hidden features keep moving as n grows, so the kernel drift does not shrink with width (Yang & Hu 2021)${centred}`,
      };
    case 'standard':
      return {
        kind: 'standard',
        label: `standard parametrization (n = ${n})`,
        expectation: `the kernel grows like n, so the stable step 2N/λmax shrinks like 1/n; at such a step the wide limit is lazy, as in NTK parametrization (Yang & Hu 2021)${centred}`,
      };
    case 'ntk': {
      const why = `NTK parametrization: the kernel drift shrinks like 1/√n or faster as the width n grows${centred}`;
      if (n >= WIDE_WIDTH) return { kind: 'wide', label: `lazy because wide (NTK, n = ${n})`, expectation: why };
      if (n <= NARROW_WIDTH) return { kind: 'narrow', label: `rich because narrow (NTK, n = ${n})`, expectation: why };
      return { kind: 'between', label: `lazier with width (NTK, n = ${n})`, expectation: why };
    }
  }
}
