// Minimal export helpers for the Sweep view: save text as a file, serialise a plot's SVG with the
// styles it needs inlined, and rasterise it to a 2× PNG.

/** Offer `text` as a download named `filename`. */
export function downloadText(filename: string, text: string, mime: string): void {
  downloadBlob(filename, new Blob([text], { type: mime }));
}

export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const STYLE_PROPS = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity', 'font-size', 'font-family', 'font-weight', 'text-anchor', 'dominant-baseline'];

/**
 * A standalone SVG document of `svg`: computed presentation styles inlined, a white background,
 * and above the plot its title and caption lines (e.g. the legend with the fitted slopes), which
 * live in HTML on the page.
 */
export function serializeSvg(svg: SVGSVGElement, title?: string, caption: readonly string[] = []): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const src = svg.querySelectorAll<SVGElement>('*');
  const dst = clone.querySelectorAll<SVGElement>('*');
  src.forEach((el, i) => {
    const cs = getComputedStyle(el);
    const target = dst[i];
    const decl = STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).filter((d) => !d.endsWith(':')).join(';');
    target.setAttribute('style', decl);
  });
  const w = svg.width.baseVal.value || svg.getBoundingClientRect().width;
  const plotH = svg.height.baseVal.value || svg.getBoundingClientRect().height;
  const ns = 'http://www.w3.org/2000/svg';
  const lines = [...(title ? [title] : []), ...caption];
  const headH = lines.length ? 10 + 17 * lines.length : 0;
  const h = plotH + headH;
  // Move the plot down below the header.
  const body = document.createElementNS(ns, 'g');
  body.setAttribute('transform', `translate(0,${headH})`);
  while (clone.firstChild) body.appendChild(clone.firstChild);
  clone.appendChild(body);
  lines.forEach((text, i) => {
    const t = document.createElementNS(ns, 'text');
    t.setAttribute('x', '8');
    t.setAttribute('y', String(18 + 17 * i));
    t.setAttribute('style', `font-family:system-ui,sans-serif;font-size:${i === 0 && title ? 14 : 12}px;font-weight:${i === 0 && title ? 650 : 400};fill:#1f2937`);
    t.textContent = text;
    clone.appendChild(t);
  });
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(w));
  clone.setAttribute('height', String(h));
  clone.setAttribute('viewBox', `0 0 ${w} ${h}`);
  const bg = document.createElementNS(ns, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', '#fff');
  clone.insertBefore(bg, clone.firstChild);
  if (title) {
    const t = document.createElementNS(ns, 'title');
    t.textContent = title;
    clone.insertBefore(t, clone.firstChild);
  }
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(clone);
}

/** PNG (scale× the CSS size) of a serialised SVG document. */
export async function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    const loaded = new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the SVG could not be drawn'));
    });
    img.src = url;
    await loaded;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
