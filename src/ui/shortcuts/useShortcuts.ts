// Binds the lab's keyboard shortcuts on the document while mounted.
import { useEffect, useEffectEvent } from 'react';
import { actionForKey, ownsKeys, type ShortcutAction } from './keys';

export function useShortcuts(handler: (a: ShortcutAction) => void, enabled = true): void {
  const onAction = useEffectEvent(handler);
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat) return;
      if (ownsKeys(document.activeElement, e.key)) return;
      if (document.querySelector('dialog[open]')) return;
      const a = actionForKey(e);
      if (!a) return;
      e.preventDefault();
      onAction(a);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled]);
}

/** Fullscreen the panel cell holding the focus (or the first panel); leave fullscreen if on. */
export function toggleFullscreenPanel(): void {
  if (document.fullscreenElement) {
    void document.exitFullscreen().catch(() => undefined);
    return;
  }
  const focused = document.activeElement?.closest('.panel-cell');
  const target = focused ?? document.querySelector('.panel-cell');
  if (target && 'requestFullscreen' in target) void (target as HTMLElement).requestFullscreen().catch(() => undefined);
}
