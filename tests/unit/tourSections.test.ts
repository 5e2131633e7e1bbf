// The tour's sections: every figure has a unique id, a valid config, a known panel and controls the
// figure strip can draw; "Width is not the whole story" follows the width story with NTK vs μP at one
// width side by side and an α slider on a centred narrow NTK net; every body renders.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TOUR_SECTIONS } from '../../src/content/tour/sections';
import { figureRows, type TourFigure } from '../../src/content/tour/types';
import { panelByKey } from '../../src/ui/panels/registry';
import { PRESETS } from '../../src/content/presets';
import { isCentred, validateConfig } from '../../src/schema/config';
import { regimeOf } from '../../src/content/regime';

/** Config keys the figure strip (EmbedControl) draws a control for. */
const DRAWN = new Set(['width', 'depth', 'lr', 'activation', 'param', 'outputScale', 'center', 'dataset']);

const figures = TOUR_SECTIONS.flatMap((s) => s.figures);

describe('tour sections', () => {
  it('figures: unique ids, valid configs, known panels, drawable controls', () => {
    expect(new Set(figures.map((f) => f.id)).size).toBe(figures.length);
    for (const f of figures) {
      expect(validateConfig(f.config), f.id).toEqual([]);
      expect(panelByKey(f.panel), f.id).toBeDefined();
      for (const c of f.controls) expect(DRAWN.has(c), `${f.id}: ${c}`).toBe(true);
    }
    // a section's only figure keeps the section's id (links and tests use it)
    for (const s of TOUR_SECTIONS) if (s.figures.length === 1) expect(s.figures[0]!.id).toBe(s.id);
  });

  it('"Width is not the whole story" comes right after the width story', () => {
    const ids = TOUR_SECTIONS.map((s) => s.id);
    const i = ids.indexOf('not-width');
    expect(ids[i - 1]).toBe('rate');
    const s = TOUR_SECTIONS[i]!;
    expect(s.title).toMatch(/Width is not the whole story$/);
    const [row, ...rest] = figureRows(s);
    expect(row!.map((f) => f.config.param)).toEqual(['ntk', 'mup']);
    expect(row![0]!.config.width).toBe(row![1]!.config.width);
    expect(rest).toHaveLength(1);
    const alpha = rest[0]![0]!;
    expect(alpha.controls).toContain('outputScale');
    expect(alpha.config).toMatchObject({ param: 'ntk', width: 64 });
    expect(alpha.config.outputScale).toBeGreaterThan(1);
    expect(isCentred(alpha.config)).toBe(true);
    expect(s.figures.map((f: TourFigure) => regimeOf(f.config).kind)).toEqual(['wide', 'mup', 'scaled']);
  });

  it('figureRows: the first sideBySide together, the rest one per row', () => {
    const f = (id: string) => ({ ...figures[0]!, id });
    expect(figureRows({ figures: [f('a')] }).map((r) => r.map((x) => x.id))).toEqual([['a']]);
    expect(figureRows({ figures: [f('a'), f('b'), f('c')], sideBySide: 2 }).map((r) => r.map((x) => x.id))).toEqual([['a', 'b'], ['c']]);
    expect(figureRows({ figures: [f('a'), f('b')], sideBySide: 5 }).map((r) => r.map((x) => x.id))).toEqual([['a', 'b']]);
  });

  it('every body renders; the new one states its conditions and links its presets', () => {
    const Formula = ({ tex }: { tex: string }) => createElement('span', null, tex);
    const presetLink = (name: string) => {
      const p = PRESETS.find((x) => x.name === name);
      return p ? { href: `?preset=${p.name}`, title: p.title } : null;
    };
    for (const s of TOUR_SECTIONS) {
      const html = renderToStaticMarkup(createElement('div', null, s.body({ Formula, presetLink })));
      expect(html.length, s.id).toBeGreaterThan(100);
      if (s.id === 'not-width') {
        for (const cond of ['depth 1', 'tanh', 'sine data', '64 training points', 'automatic η', '500 steps', 'seeds 1, 2, 3']) expect(html).toContain(cond);
        for (const name of ['lazy-wide', 'lazy-scaled', 'mup-wide', 'ntk-vs-mup', 'alpha-1-vs-30']) expect(html).toContain(`?preset=${name}`);
      }
      // narrow vs wide, side by side, one click from the sections that contrast them; the drifts the
      // tour quotes are the preset's, which tests/unit/presetClaims.test.ts checks against the engine
      if (s.id === 'drift' || s.id === 'twin') expect(html).toContain('?preset=narrow-vs-wide');
      if (s.id === 'drift')
        for (const n of ['34%', '4.9%']) {
          expect(html).toContain(n);
          expect(PRESETS.find((p) => p.name === 'narrow-vs-wide')!.lesson).toContain(n);
        }
    }
  });
});
