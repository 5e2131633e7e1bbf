import { describe, expect, it } from 'vitest';
import { formulaPieces } from '../../src/ui/plots/formulaPieces';
import { PANELS } from '../../src/content/explanations';

describe('formulaPieces', () => {
  it('splits at top-level \\qquad and \\quad, keeping the comma with the left equation', () => {
    expect(formulaPieces(String.raw`a = 1,\qquad b = 2`)).toEqual(['a = 1,', 'b = 2']);
    expect(formulaPieces(String.raw`\mathrm{UC}_l = \rho\big(W,\ K\big),\quad \mathrm{C}_l = \rho(\Delta W)`)).toEqual([String.raw`\mathrm{UC}_l = \rho\big(W,\ K\big),`, String.raw`\mathrm{C}_l = \rho(\Delta W)`]);
  });

  it('does not split inside braces, at \\quadrant-like names, or at escaped characters', () => {
    expect(formulaPieces(String.raw`\text{a \quad b} = c`)).toEqual([String.raw`\text{a \quad b} = c`]);
    expect(formulaPieces(String.raw`\quadrant x`)).toEqual([String.raw`\quadrant x`]);
    expect(formulaPieces(String.raw`\{ x \} \\ y`)).toEqual([String.raw`\{ x \} \\ y`]);
    expect(formulaPieces(String.raw`\quad x \qquad`)).toEqual(['x']);
  });

  it('the gap, eigenmode and feature-alignment formulas wrap into two equations each', () => {
    for (const key of ['gap', 'modes', 'nfa'] as const) {
      const pieces = formulaPieces(PANELS[key].tex);
      expect(pieces.length, key).toBe(2);
      // nothing lost: the pieces are the formula without its separators
      expect(pieces.join('').replace(/\s/g, '')).toBe(PANELS[key].tex.replace(/\\q?quad(?![a-zA-Z])/g, '').replace(/\s/g, ''));
    }
  });
});
