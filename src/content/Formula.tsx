// KaTeX rendering for explanations and legend tooltips. KaTeX (≈ 240 KB of JS plus its stylesheet)
// is not needed for the first paint, so it is loaded on demand: the first <Formula> starts the
// import, formulas show their TeX source (muted) until it arrives, then re-render. Rendering is
// memoised per (tex, display) pair.
import { useMemo, useSyncExternalStore } from 'react';

type Katex = (typeof import('katex'))['default'];

let katex: Katex | null = null;
let loadError: string | null = null;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();
const cache = new Map<string, string>();

/** Start loading KaTeX and its stylesheet (once); resolves when both are in. */
export function loadKatex(): Promise<void> {
  loading ??= Promise.all([import('katex'), import('katex/dist/katex.min.css')])
    .then(([m]) => {
      katex = m.default;
    })
    .catch((e: unknown) => {
      loadError = e instanceof Error ? e.message : String(e);
    })
    .finally(() => {
      for (const l of listeners) l();
    });
  return loading;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  void loadKatex();
  return () => listeners.delete(listener);
}

/** KaTeX once loaded, else null. */
function useKatex(): Katex | null {
  return useSyncExternalStore(
    subscribe,
    () => katex,
    () => null,
  );
}

export function renderTex(k: Katex, tex: string, displayMode = false): string {
  const key = (displayMode ? 'D:' : 'I:') + tex;
  let html = cache.get(key);
  if (html === undefined) {
    html = k.renderToString(tex, { displayMode, throwOnError: false, strict: 'ignore', output: 'htmlAndMathml' });
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
  const k = useKatex();
  const html = useMemo(() => (k ? renderTex(k, tex, display) : null), [k, tex, display]);
  const cls = ['formula', className].filter(Boolean).join(' ');
  if (html === null)
    return (
      <span className={`${cls} formula-pending`} title={loadError ? `Formula renderer failed to load: ${loadError}` : undefined}>
        {tex}
      </span>
    );
  return <span className={cls} dangerouslySetInnerHTML={{ __html: html }} />;
}
