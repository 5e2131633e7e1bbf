// The one page navigation: Lab · Width sweep · Tour. Every item is a real link (the URL is the
// route: `?view=sweep`, `?page=tour`), so it opens in a new tab and works from the keyboard;
// Lab and Width sweep switch in place (no reload) on a plain click. The current item carries
// aria-current="page".
import type { MouseEvent } from 'react';

/** The two views of the main page (`?view=sweep`: the width sweep); the tour is a page of its own. */
export type AppView = 'lab' | 'sweep';
export type NavItem = AppView | 'tour';

export interface AppNavProps {
  current: NavItem;
  /** href of each item (query strings). */
  hrefs: Record<NavItem, string>;
  /** In-place switch between Lab and Width sweep; absent (the tour page): plain links. */
  onView?: (v: AppView) => void;
}

const ITEMS: readonly { key: NavItem; label: string }[] = [
  { key: 'lab', label: 'Lab' },
  { key: 'sweep', label: 'Width sweep' },
  { key: 'tour', label: 'Tour' },
];

/** A plain left click without modifier keys: the only click we handle in place. */
export function isPlainClick(e: Pick<MouseEvent, 'button' | 'metaKey' | 'ctrlKey' | 'shiftKey' | 'altKey'>): boolean {
  return e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey;
}

export function AppNav({ current, hrefs, onView }: AppNavProps) {
  return (
    <nav className="app-nav" aria-label="Pages">
      {ITEMS.map(({ key, label }) => (
        <a
          key={key}
          href={hrefs[key]}
          aria-current={key === current ? 'page' : undefined}
          onClick={
            onView && key !== 'tour'
              ? (e) => {
                  if (!isPlainClick(e)) return;
                  e.preventDefault();
                  onView(key);
                }
              : undefined
          }
        >
          {label}
        </a>
      ))}
    </nav>
  );
}
