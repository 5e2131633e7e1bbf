// What a reader sees of a page, measured in the browser: horizontal/vertical scrolling, elements
// that stick out of the viewport (clipped by it), and the smallest rendered text. Rendered text
// size = computed font-size × every ancestor's CSS zoom × the scale of every ancestor transform
// (and, inside an SVG, the text's own transform to the SVG viewport), so a panel scaled down to
// fit (as the old embed FitBox did) is caught.
import type { Page } from 'playwright-core';

export interface LayoutProbe {
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
  /** Visible elements (with text or an svg) whose box reaches outside the viewport by more than 1 px. */
  outside: string[];
  /** The smallest rendered text, in px, and where. */
  minText: { px: number; where: string } | null;
  /** Texts smaller than `minPx`. */
  small: string[];
}

export async function probeLayout(page: Page, rootSelector: string, minPx: number): Promise<LayoutProbe> {
  return page.evaluate(
    ({ rootSelector, minPx }) => {
      const d = document.documentElement;
      const vw = d.clientWidth;
      const vh = d.clientHeight;
      const root = document.querySelector(rootSelector) ?? document.body;
      const describe = (el: Element) => {
        const cls = typeof el.className === 'string' ? el.className : (el.getAttribute('class') ?? '');
        const t = (el.textContent ?? '').trim().slice(0, 30);
        const panel = el.closest('[data-panel]')?.getAttribute('data-panel') ?? '';
        return `${panel}:${el.tagName.toLowerCase()}${cls ? '.' + cls.split(/\s+/).join('.') : ''} "${t}"`;
      };
      const visible = (el: Element) => {
        if (el.closest('.sr-only, [aria-hidden="true"] .sr-only, .katex-mathml')) return false;
        if (el.closest('details:not([open]) > :not(summary)')) return false;
        const cs = getComputedStyle(el);
        if (cs.visibility === 'hidden' || cs.display === 'none' || Number(cs.opacity) === 0) return false;
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0;
      };
      const scaleOf = (el: Element) => {
        let s = 1;
        for (let e: Element | null = el; e; e = e.parentElement) {
          const cs = getComputedStyle(e);
          const z = Number(cs.zoom);
          if (Number.isFinite(z) && z > 0) s *= z;
          const m = cs.transform.match(/^matrix\(([^,]+),\s*([^,]+)/);
          if (m) s *= Math.hypot(Number(m[1]), Number(m[2]));
        }
        if (el instanceof SVGGraphicsElement) {
          const ctm = el.getCTM();
          if (ctm) s *= Math.hypot(ctm.a, ctm.b);
        }
        return s;
      };
      const outside: string[] = [];
      const small: string[] = [];
      let minText: { px: number; where: string } | null = null;
      const all = [root, ...root.querySelectorAll('*')];
      for (const el of all) {
        const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
        const isSvg = el.tagName.toLowerCase() === 'svg';
        if (!ownText && !isSvg) continue;
        if (!visible(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.left < -1 || r.top < -1 || r.right > vw + 1 || r.bottom > vh + 1) outside.push(`${describe(el)} at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`);
        if (!ownText) continue;
        const px = Math.round(parseFloat(getComputedStyle(el).fontSize) * scaleOf(el) * 100) / 100;
        if (!minText || px < minText.px) minText = { px, where: describe(el) };
        if (px < minPx) small.push(`${describe(el)} ${px}px`);
      }
      return { scrollWidth: d.scrollWidth, clientWidth: vw, scrollHeight: d.scrollHeight, clientHeight: vh, outside, minText, small };
    },
    { rootSelector, minPx },
  );
}
