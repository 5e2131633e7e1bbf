// Scales its content down (never up) so that it fits the box's height: an embedded panel keeps
// its whole plot visible in a 640×360 iframe instead of being cut off or scrolling.
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/** The scale that fits content of height `content` into `avail`, in steps of 0.05, at least 0.5. */
export function fitScale(avail: number, content: number): number {
  if (!(avail > 0) || !(content > 0) || content <= avail) return 1;
  return Math.max(0.5, Math.floor((avail / content) * 20) / 20);
}

export function FitBox({ children, className }: { children: ReactNode; className?: string }) {
  const outer = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(1);
  useLayoutEffect(() => {
    const o = outer.current;
    const i = inner.current;
    if (!o || !i || typeof ResizeObserver !== 'function') return;
    const measure = () => {
      // offsetHeight ignores the transform: the content's own layout height at the current width.
      const next = fitScale(o.clientHeight, i.offsetHeight);
      setScale((s) => (Math.abs(s - next) >= 0.05 ? next : s));
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
