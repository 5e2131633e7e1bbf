// A panel whose code loads on demand (a separate chunk): it renders inside its own Suspense with a
// small "Loading …" card of the panel's size, so the lab, an embed or a tour figure never shows
// a blank cell while the chunk arrives.
import { Suspense, lazy, type ComponentType } from 'react';
import type { PanelProps } from './types';

export function PanelLoading({ name }: { name: string }) {
  return (
    <section className="panel panel-loading" aria-label={name} aria-busy="true">
      <h2 className="panel-title">{name}</h2>
      <p className="panel-loading-text">Loading {name}…</p>
    </section>
  );
}

/** A panel component backed by `load` (a dynamic import of the module that exports `exportName`). */
export function lazyPanel<K extends string>(name: string, load: () => Promise<Record<K, ComponentType<PanelProps>>>, exportName: K): ComponentType<PanelProps> {
  const Inner = lazy(async (): Promise<{ default: ComponentType<PanelProps> }> => ({ default: (await load())[exportName] }));
  function LazyPanel(props: PanelProps) {
    return (
      <Suspense fallback={<PanelLoading name={name} />}>
        <Inner {...props} />
      </Suspense>
    );
  }
  LazyPanel.displayName = `Lazy(${exportName})`;
  return LazyPanel;
}
