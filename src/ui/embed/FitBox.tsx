// Scales its content down so that it fits the box's height: an embedded panel whose views cannot
// all fit at full text size (the eigenmode, feature-alignment, digit and early-time panels at 640×360)
// stays whole and readable in layout, instead of overlapping or being cut off. It never grows the
// content (a larger frame gets the natural size). Panels that fit use the fill layout instead.
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

export const MIN_SCALE = 0.5;

/** The scale that fits content shown `visual` px tall at scale `current` into `avail` px: 0.05 steps, within [MIN_SCALE, 1]. */
export function fitScale(avail: number, visual: number, current = 1): number {
  if (!(avail > 0) || !(visual > 0)) return current;
  const ideal = (current * avail) / visual;
  return Math.min(1, Math.max(MIN_SCALE, Math.floor(ideal * 20 + 1e-9) / 20));
}

/**
 * Next scale from the current one: shrink at once when the content overflows; grow only below the
 * smallest scale that has overflowed before (`tooBig`), so a re-layout at a new width (legends
 * wrapping differently) cannot make it oscillate.
 */
export function nextScale(current: number, fitted: number, tooBig: number): { scale: number; tooBig: number } {
  if (fitted < current) return { scale: fitted, tooBig: Math.min(tooBig, current) };
  const grown = Math.min(fitted, tooBig - 0.05);
  return grown >= current + 0.05 ? { scale: Math.round(grown * 20) / 20, tooBig } : { scale: current, tooBig };
}

export function FitBox({ children, className }: { children: ReactNode; className?: string }) {
  const outer = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(1);
  const state = useRef({ scale: 1, tooBig: Infinity, w: 0, h: 0 });
  useLayoutEffect(() => {
    const o = outer.current;
    const i = inner.current;
    if (!o || !i || typeof ResizeObserver !== 'function') return;
    const measure = () => {
      const st = state.current;
      if (o.clientWidth !== st.w || o.clientHeight !== st.h) {
        // The frame itself changed: forget what overflowed before.
        st.w = o.clientWidth;
        st.h = o.clientHeight;
        st.tooBig = Infinity;
      }
      // offsetHeight ignores the transform: the content's own layout height at the current width.
      const next = nextScale(st.scale, fitScale(o.clientHeight, i.offsetHeight * st.scale, st.scale), st.tooBig);
      st.tooBig = next.tooBig;
      if (next.scale !== st.scale) {
        st.scale = next.scale;
        setScale(next.scale);
      }
    };
    const ro = new ResizeObserver(measure);
    ro.observe(o);
    ro.observe(i);
    measure();
    return () => ro.disconnect();
  }, []);
  return (
    <div ref={outer} className={className} style={{ overflow: 'hidden', position: 'relative' }}>
      <div
        ref={inner}
        data-scale={scale}
        style={scale === 1 ? undefined : { width: `${100 / scale}%`, transform: `scale(${scale})`, transformOrigin: '0 0' }}
      >
        {children}
      </div>
    </div>
  );
}
