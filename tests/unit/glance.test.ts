// The Lab's at-a-glance split and the view=tour alias.
import { describe, expect, it } from 'vitest';
import { panelsFor } from '../../src/ui/panels/registry';
import { GLANCE_KEYS, splitGlance } from '../../src/ui/app/LabPanels';
import { parseUrlParams } from '../../src/schema/url';

const keys = (ps: readonly { key: string }[]) => ps.map((p) => p.key);

describe('splitGlance', () => {
  it('the MLP lab: the four core plots at a glance, in reading order; every other panel is a view tab', () => {
    const { glance, more } = splitGlance(panelsFor('mlp', 'sine'));
    expect(keys(glance)).toEqual(['function', 'drift', 'gap', 'correlations']);
    expect(keys(more)).toEqual(['loss', 'modes', 'ntk', 'pair', 'nfa']);
    expect([...keys(glance), ...keys(more)].sort()).toEqual(keys(panelsFor('mlp', 'sine')).slice().sort());
  });
  it('mnist adds the digit grid as a tab, not to the glance', () => {
    const { glance, more } = splitGlance(panelsFor('mlp', 'mnist'));
    expect(keys(glance)).toEqual([...GLANCE_KEYS]);
    expect(keys(more)).toContain('digits');
  });
  it('the early-time model (no core plot) shows its own panel first, the rest as tabs', () => {
    const { glance, more } = splitGlance(panelsFor('early-time', 'gauss'));
    expect(keys(glance)).toEqual(['early-time']);
    expect(keys(more)).toEqual(['nfa']);
  });
});

describe('view=tour', () => {
  it('opens the tour like page=tour, without a notice', () => {
    const r = parseUrlParams('?view=tour&theme=dark');
    expect(r.params.page).toBe('tour');
    expect(r.params.view).toBe('lab');
    expect(r.notices).toEqual([]);
    expect(parseUrlParams('?view=TOUR').params.page).toBe('tour');
  });
  it('view=sweep and bad views behave as before', () => {
    expect(parseUrlParams('?view=sweep').params).toMatchObject({ page: 'lab', view: 'sweep' });
    const bad = parseUrlParams('?view=nope');
    expect(bad.params.page).toBe('lab');
    expect(bad.notices[0]).toMatch(/view="nope" is not valid: expected lab, sweep or tour/);
  });
});
