// Keyboard shortcuts of the lab: which key does what, and when a key press belongs to a control
// (typing in an input, moving a slider, choosing in a select) and must be left alone.

export type ShortcutAction =
  | { type: 'toggle-play' }
  | { type: 'step' }
  | { type: 'reset' }
  | { type: 'fullscreen' }
  | { type: 'preset'; index: number }
  | { type: 'help' };

export const SHORTCUT_LIST: readonly { keys: string; does: string }[] = [
  { keys: 'Space', does: 'Play / pause' },
  { keys: '→', does: 'One training step' },
  { keys: 'R', does: 'Reset to the initial weights' },
  { keys: 'F', does: 'Full screen the focused panel (again to leave)' },
  { keys: '1 – 9', does: 'Load preset 1 – 9' },
  { keys: '?', does: 'Show this list' },
];

/** True when the element takes keys itself (text entry, sliders, selects, editable content, buttons for Space). */
export function ownsKeys(el: Element | null, key: string): boolean {
  if (!el || !(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  const tag = el.tagName;
  if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') return true;
  const role = el.getAttribute('role');
  if (role === 'slider' || role === 'textbox' || role === 'spinbutton' || role === 'combobox' || role === 'listbox') return true;
  // Space and Enter on a focused button or link activate it: don't also toggle play.
  if ((key === ' ' || key === 'Enter') && (tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY' || role === 'button')) return true;
  return false;
}

/** The action for a key press, or null. Modified keys (Ctrl/Meta/Alt) are never ours. */
export function actionForKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): ShortcutAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case ' ':
      return { type: 'toggle-play' };
    case 'ArrowRight':
      return { type: 'step' };
    case 'r':
    case 'R':
      return { type: 'reset' };
    case 'f':
    case 'F':
      return { type: 'fullscreen' };
    case '?':
      return { type: 'help' };
  }
  if (/^[1-9]$/.test(e.key)) return { type: 'preset', index: Number(e.key) - 1 };
  return null;
}
