// Width of a container element, tracked with ResizeObserver, so plots lay out in CSS pixels and
// tick labels stay at a fixed, readable size instead of scaling with a viewBox.
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

export function useWidth<E extends HTMLElement>(fallback = 360): [RefObject<E | null>, number] {
  const ref = useRef<E | null>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = (w: number) => {
      const px = Math.max(120, Math.floor(w));
      setWidth((prev) => (prev === px ? prev : px));
    };
    // clientWidth: layout px, as ResizeObserver reports them (getBoundingClientRect() is zoomed under large=1)
    measure(el.clientWidth || fallback);
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => {
      for (const e of entries) measure(e.contentRect.width);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [fallback]);
  return [ref, width];
}
