// One res × res digit on a small canvas (React owns the element; the effect only paints pixels).
import { useEffect, useRef } from 'react';
import { inkLevels } from './digitLabels';

export function DigitImage({ pixels, res, label, size = 42 }: { pixels: ArrayLike<number>; res: number; label: string; size?: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const ink = inkLevels(pixels);
    const img = ctx.createImageData(res, res);
    for (let i = 0; i < res * res; i++) {
      const g = 255 - (ink[i] ?? 0);
      img.data[4 * i] = g;
      img.data[4 * i + 1] = g;
      img.data[4 * i + 2] = g;
      img.data[4 * i + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [pixels, res]);
  return <canvas ref={ref} className="digit-image" width={res} height={res} style={{ width: size, height: size }} role="img" aria-label={label} />;
}
