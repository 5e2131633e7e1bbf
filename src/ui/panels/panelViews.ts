// The views of the panels that hold several plots (eigenmodes, feature alignment, digits,
// early-time, sharpness). In a box of fixed size (an embed, full screen F) such a panel shows one
// view at a time, filling the box at normal text size, with a switch in its header; on a page (the
// Lab's tab) it shows them all. `?embed=<panel>&part=<view>` opens an embed on one view.
// Data only (no components), so the registry, the embed dialog and the tests read it without
// loading the panels' chunks.

export interface PanelView {
  key: string;
  /** The switch's label: short (it sits in the panel's header next to the title). */
  label: string;
}

export const PANEL_VIEWS: Readonly<Record<string, readonly PanelView[]>> = {
  modes: [
    { key: 'steps', label: 'vs step' },
    { key: 'spectrum', label: 'vs λ' },
    { key: 'vectors', label: 'eigenvectors' },
  ],
  nfa: [
    { key: 'steps', label: 'vs step' },
    { key: 'matrices', label: 'matrices' },
  ],
  digits: [
    { key: 'test', label: 'test' },
    { key: 'train', label: 'training' },
  ],
  'early-time': [
    { key: 'loss', label: 'loss' },
    { key: 'gap', label: 'gap' },
    { key: 'predictions', label: 'predictions' },
    { key: 'width', label: 'vs width' },
    { key: 'kernel', label: 'kernel' },
  ],
  sharpness: [
    { key: 'sharpness', label: 'η·S' },
    { key: 'loss', label: 'loss' },
  ],
};

export function panelViews(panel: string): readonly PanelView[] {
  return PANEL_VIEWS[panel] ?? [];
}

/** The view a `part` query value names for a panel, or its first view (unknown or absent value). */
export function resolvePanelView(panel: string, part: string | null | undefined): string | null {
  const views = panelViews(panel);
  if (views.length === 0) return null;
  return views.find((v) => v.key === part)?.key ?? views[0]!.key;
}

/**
 * `?part=` of an embed: the view it names, or null (the panel's first view) with a notice when the
 * value names no view of this panel.
 */
export function embedPart(panel: string, part: string | null): { view: string | null; notice: string | null } {
  if (part === null) return { view: null, notice: null };
  const views = panelViews(panel);
  if (views.some((v) => v.key === part)) return { view: part, notice: null };
  if (views.length === 0) return { view: null, notice: `part=${JSON.stringify(part)} is ignored: the ${panel} panel has one view.` };
  return { view: null, notice: `part=${JSON.stringify(part)} is not a view of the ${panel} panel: expected one of ${views.map((v) => v.key).join(', ')}; showing ${views[0]!.key}.` };
}
