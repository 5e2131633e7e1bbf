// Which panels the lab shows: panels that do not apply are absent, not placeholder cards.
import { describe, expect, it } from 'vitest';
import { PANELS, panelByKey, panelsFor } from '../../src/ui/panels/registry';

const keys = (ps: readonly { key: string }[]) => ps.map((p) => p.key);

describe('panelsFor', () => {
  it('the MLP lab has no early-time card (that model has its own page layout)', () => {
    const mlp = keys(panelsFor('mlp', 'sine'));
    expect(mlp).not.toContain('early-time');
    expect(mlp).toEqual(['function', 'loss', 'sharpness', 'drift', 'gap', 'modes', 'correlations', 'ntk', 'pair', 'nfa']);
  });
  it('the early-time model shows its panel first and no MLP-only panel', () => {
    const early = keys(panelsFor('early-time', 'gauss'));
    expect(early[0]).toBe('early-time');
    for (const k of early) expect(panelByKey(k)?.mlpOnly).not.toBe(true);
    expect(early).toEqual(['early-time', 'nfa']);
  });
  it('the digit grid only for mnist; every panel stays reachable by key (embeds)', () => {
    expect(keys(panelsFor('mlp', 'mnist'))).toContain('digits');
    expect(keys(panelsFor('mlp', 'spirals'))).not.toContain('digits');
    for (const p of PANELS) expect(panelByKey(p.key)).toBe(p);
  });
});
