// On phones (≤ 640 px) the settings collapse into a drawer behind a "Settings" toggle button, so
// the transport and the plots come first; on wider screens the toggle is hidden and the settings
// are always shown. Escape closes an open drawer and returns focus to the toggle.
import { useId, useRef, useState, type ReactNode } from 'react';

export function SettingsDrawer({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = 'drawer-' + useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const toggle = useRef<HTMLButtonElement>(null);
  return (
    <div className={open ? 'settings-drawer is-open' : 'settings-drawer'}>
      <button
        ref={toggle}
        type="button"
        className="btn drawer-toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true">{open ? '▴' : '▾'}</span> Settings
      </button>
      <div
        id={id}
        className="drawer-content"
        onKeyDown={(e) => {
          if (e.key === 'Escape' && open) {
            setOpen(false);
            toggle.current?.focus();
          }
        }}
      >
        {children}
      </div>
    </div>
  );
}
