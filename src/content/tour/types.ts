// The shape of the tour: sections of text with lab figures (the texts: sections.tsx).
import type { ComponentType, ReactNode } from 'react';
import type { ExperimentConfig } from '../../schema/config';
import type { FormulaProps } from '../Formula';

export interface SectionHelpers {
  Formula: ComponentType<FormulaProps>;
  presetLink: (name: string) => { href: string; title: string } | null;
}

export interface TourFigure {
  /** `data-figure` of the figure and the runner's key; a section's only figure uses the section id. */
  id: string;
  panel: string;
  config: ExperimentConfig;
  controls: readonly (keyof ExperimentConfig)[];
  caption: ReactNode;
  /** Show the regime badge (the expected lazy/rich mechanism of the figure's settings). */
  regime?: boolean;
  /** A log y range this figure shares with its neighbours (side-by-side figures compare heights). */
  sharedLogY?: [number, number];
}

export interface TourSection {
  id: string;
  title: string;
  body: (h: SectionHelpers) => ReactNode;
  figures: readonly TourFigure[];
  /** The first `sideBySide` figures share a row (on wide screens); the rest follow below. */
  sideBySide?: number;
}

/** A section's figures in rows: the first `sideBySide` together, then one per row. */
export function figureRows(s: Pick<TourSection, 'figures' | 'sideBySide'>): TourFigure[][] {
  const k = Math.max(1, Math.min(s.sideBySide ?? 1, s.figures.length));
  return [s.figures.slice(0, k), ...s.figures.slice(k).map((f) => [f])].filter((r) => r.length > 0);
}
