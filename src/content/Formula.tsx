// KaTeX rendering for explanations and legend tooltips. The KaTeX stylesheet is imported here,
// once, for the whole app. Rendering is memoised per (tex, display) pair.
import { useMemo } from 'react';
import katex from 'katex';
import 'katex/dist/katex.min.css';

const cache = new Map<string, string>();

export function renderTex(tex: string, displayMode = false): string {
  const key = (displayMode ? 'D:' : 'I:') + tex;
  let html = cache.get(key);
  if (html === undefined) {
    html = katex.renderToString(tex, { displayMode, throwOnError: false, strict: 'ignore', output: 'htmlAndMathml' });
    cache.set(key, html);
  }
  return html;
}

export interface FormulaProps {
  tex: string;
  display?: boolean;
  className?: string;
}

/** A KaTeX formula (inline by default). React owns the span; KaTeX only produces its HTML. */
export function Formula({ tex, display = false, className }: FormulaProps) {
  const html = useMemo(() => renderTex(tex, display), [tex, display]);
  return <span className={['formula', className].filter(Boolean).join(' ')} dangerouslySetInnerHTML={{ __html: html }} />;
}
