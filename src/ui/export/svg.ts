// Standalone SVG from the live page. Pure string helpers (escaping, style attributes, the document
// wrapper) plus DOM helpers that clone an <svg> with its computed styles inlined (so the file
// looks the same without the page's CSS) and compose a whole panel — its title, every plot SVG
// and the HTML text around them (legend labels, captions, readouts) at their on-screen positions —
// into one SVG. KaTeX formulas become plain text.

/** Presentation properties copied from computed styles onto every SVG element. */
export const SVG_STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
] as const;

/** Computed values that equal the SVG initial value and need not be written. */
const INITIAL: Record<string, string> = {
  'fill-opacity': '1',
  'stroke-opacity': '1',
  opacity: '1',
  'stroke-dasharray': 'none',
  'font-style': 'normal',
  'dominant-baseline': 'auto',
  'paint-order': 'normal',
  'stroke-linecap': 'butt',
  'stroke-linejoin': 'miter',
};

export const EXPORT_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/** "prop:value;…" for the given properties, skipping empty values and SVG initial values. */
export function styleString(get: (prop: string) => string, props: readonly string[] = SVG_STYLE_PROPS): string {
  const out: string[] = [];
  for (const p of props) {
    const v = get(p).trim();
    if (!v || INITIAL[p] === v) continue;
    out.push(`${p}:${v}`);
  }
  return out.join(';');
}

export interface SvgTextItem {
  text: string;
  x: number;
  /** Baseline y. */
  y: number;
  fontSize: number;
  color: string;
  fontWeight?: string;
}

export function svgText(t: SvgTextItem): string {
  const weight = t.fontWeight && t.fontWeight !== '400' && t.fontWeight !== 'normal' ? ` font-weight="${escapeXml(t.fontWeight)}"` : '';
  return `<text x="${round(t.x)}" y="${round(t.y)}" font-size="${round(t.fontSize)}" fill="${escapeXml(t.color)}"${weight}>${escapeXml(t.text)}</text>`;
}

export interface SvgDocumentOptions {
  width: number;
  height: number;
  /** Fill behind everything; null for transparent. */
  background?: string | null;
  /** <title> of the document (accessible name in viewers). */
  title?: string;
  /** Inner markup (already serialised). */
  body: string;
}

/** A complete SVG 1.1 file: XML prolog, namespaces, size and viewBox, optional title and background. */
export function svgDocument({ width, height, background = '#ffffff', title, body }: SvgDocumentOptions): string {
  const w = round(width);
  const h = round(height);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" style="font-family:${escapeXml(EXPORT_FONT)}">\n` +
    (title ? `<title>${escapeXml(title)}</title>\n` : '') +
    (background ? `<rect width="100%" height="100%" fill="${escapeXml(background)}"/>\n` : '') +
    body +
    '\n</svg>\n'
  );
}

function round(v: number): string {
  return String(Math.round(v * 100) / 100);
}

// ---- DOM -----------------------------------------------------------------------------------------

/** Plain text of an element; KaTeX keeps its rendered glyph text without the MathML duplicate. */
export function plainText(el: Element): string {
  const clone = el.cloneNode(true) as Element;
  clone.querySelectorAll('.katex-mathml').forEach((n) => n.remove());
  return (clone.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function isHidden(el: Element): boolean {
  const cs = getComputedStyle(el);
  return cs.display === 'none' || cs.visibility === 'hidden';
}

/** Copy computed styles of `src` and its descendants onto the parallel tree `dst`. */
export function inlineStyles(src: Element, dst: Element): void {
  const cs = getComputedStyle(src);
  const style = styleString((p) => cs.getPropertyValue(p));
  if (style) dst.setAttribute('style', style);
  const sc = src.children;
  const dc = dst.children;
  for (let i = 0; i < sc.length && i < dc.length; i++) inlineStyles(sc[i], dc[i]);
}

/**
 * A self-contained copy of an on-page <svg>: styles inlined, interaction-only and hidden parts
 * removed, <foreignObject> (e.g. KaTeX labels) replaced by its plain text, namespaces set.
 */
export function cloneSvg(svg: SVGSVGElement): SVGSVGElement {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, clone);
  // hidden elements: walk the originals, remove the clone's counterparts (same document order)
  const originals = Array.from(svg.querySelectorAll('*'));
  const copies = Array.from(clone.querySelectorAll('*'));
  originals.forEach((o, i) => {
    if (isHidden(o) || o.classList.contains('hover-capture')) copies[i]?.remove();
  });
  clone.querySelectorAll('foreignObject').forEach((fo) => {
    const t = document.createElementNS('http://www.w3.org/2000/svg', 'text');
    t.setAttribute('x', fo.getAttribute('x') ?? '0');
    t.setAttribute('y', String(Number(fo.getAttribute('y') ?? '0') + 12));
    t.setAttribute('font-size', '12');
    t.textContent = plainText(fo);
    fo.replaceWith(t);
  });
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.removeAttribute('role');
  clone.removeAttribute('class');
  return clone;
}

/** Texts of HTML elements inside `root` (outside SVGs), positioned relative to `origin`. */
export function htmlTexts(root: Element, origin: DOMRect, dy: number): SvgTextItem[] {
  const items: SvgTextItem[] = [];
  const walk = (el: Element) => {
    if (el instanceof SVGElement || isHidden(el)) return;
    if (el.matches('[role=tooltip], .export-skip, .katex-mathml, button.export-button, details:not([open]) > :not(summary)')) return;
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    if (el.classList.contains('katex')) {
      const text = plainText(el);
      if (text && r.width > 0) items.push(textItem(text, r, cs, origin, dy));
      return;
    }
    const own = Array.from(el.childNodes)
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent ?? '')
      .join('')
      .replace(/\s+/g, ' ')
      .trim();
    if (own && r.width > 0 && r.height > 0) {
      // position of the first text node, not the element (which may start with an icon)
      const range = document.createRange();
      const firstText = Array.from(el.childNodes).find((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim());
      let tr = r;
      if (firstText) {
        range.selectNodeContents(firstText);
        const rr = range.getBoundingClientRect();
        if (rr.width > 0) tr = rr;
      }
      items.push(textItem(own, tr, cs, origin, dy));
    }
    for (const c of Array.from(el.children)) walk(c);
  };
  for (const c of Array.from(root.children)) walk(c);
  return items;
}

function textItem(text: string, r: DOMRect, cs: CSSStyleDeclaration, origin: DOMRect, dy: number): SvgTextItem {
  const fontSize = parseFloat(cs.fontSize) || 12;
  return {
    text,
    x: r.left - origin.left,
    y: r.top - origin.top + dy + (r.height + fontSize * 0.7) / 2,
    fontSize,
    color: cs.color || '#1f2937',
    fontWeight: cs.fontWeight,
  };
}

export interface PanelSvg {
  svg: string;
  width: number;
  height: number;
}

const TITLE_H = 30;
const PAD = 12;

/**
 * One SVG file of a panel: the title on top, then the panel body — every top-level <svg> (plots,
 * heatmaps, legend swatches) and the HTML texts around them — where they sit on screen.
 */
export function panelToSvg(panel: Element, title: string): PanelSvg {
  const body = panel.querySelector('.panel-body') ?? panel;
  const origin = body.getBoundingClientRect();
  const parts: string[] = [];
  const serializer = new XMLSerializer();
  const svgs = Array.from(body.querySelectorAll('svg')).filter((s) => !s.parentElement?.closest('svg') && !s.closest('.export-skip, [role=tooltip]'));
  for (const s of svgs) {
    if (isHidden(s) || s.closest('details:not([open])')) continue;
    const r = s.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const c = cloneSvg(s);
    c.setAttribute('x', round(r.left - origin.left + PAD));
    c.setAttribute('y', round(r.top - origin.top + TITLE_H));
    c.setAttribute('width', round(r.width));
    c.setAttribute('height', round(r.height));
    c.setAttribute('overflow', 'visible');
    parts.push(serializer.serializeToString(c));
  }
  const texts = htmlTexts(body, origin, TITLE_H).map((t) => svgText({ ...t, x: t.x + PAD }));
  const width = origin.width + 2 * PAD;
  const height = origin.height + TITLE_H + PAD;
  const titleText = svgText({ text: title, x: PAD, y: 20, fontSize: 15, color: '#1f2937', fontWeight: '650' });
  return { svg: svgDocument({ width, height, title, body: [titleText, ...parts, ...texts].join('\n') }), width, height };
}
