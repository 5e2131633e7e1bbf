// How a panel's plots are laid out where it is shown: at their own fixed heights (a page of
// panels), or filling a box of fixed size (the at-a-glance grid, an embed, a full-screen panel),
// where the main plot takes the height that is left and (compact) secondary plots and long
// explanations step aside.
import { createContext, useContext, useLayoutEffect, useRef, useState, type RefObject } from 'react';

export interface PlotLayout {
  /** The panel has a fixed size: its plots share the height left by the header and legends. */
  fill: boolean;
  /** A small box (glance grid, embed): only the panel's main plot, explanations behind the disclosure. */
  compact: boolean;
}

export const PlotLayoutContext = createContext<PlotLayout>({ fill: false, compact: false });

export function usePlotLayout(): PlotLayout {
  return useContext(PlotLayoutContext);
}

/** Smallest plot height in a filled box: below it the axes and their labels no longer read. */
export const MIN_FILL_HEIGHT = 90;

/**
 * The height of a plot's drawing area: `fixed`, or when the layout fills, the measured height of
 * the element behind the returned ref (a flex slot whose size does not depend on its content).
 */
export function usePlotHeight<E extends HTMLElement>(fixed: number, min = MIN_FILL_HEIGHT): [RefObject<E | null>, number, boolean] {
  const { fill } = usePlotLayout();
  const ref = useRef<E | null>(null);
  const [measured, setMeasured] = useState<number | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!fill || !el) return;
    const measure = (h: number) => {
      const px = Math.max(min, Math.floor(h));
      setMeasured((prev) => (prev === px ? prev : px));
    };
    // clientHeight, not getBoundingClientRect(): under CSS zoom (large=1) the latter is the zoomed
    // size, 1.3× the layout px that ResizeObserver reports, and the plot would overflow until it fires
    measure(el.clientHeight);
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => {
      for (const e of entries) measure(e.contentRect.height);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [fill, min]);
  return [ref, fill && measured !== null ? measured : fixed, fill];
}

/**
 * A log y range shared by figures shown side by side (e.g. the tour's NTK and μP drift), so equal
 * heights mean equal values; applies to the log-scale plots inside, not to their linear companions.
 */
export const SharedLogYContext = createContext<[number, number] | null>(null);
