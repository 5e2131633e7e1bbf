// Whether the page is in the dark theme (html[data-theme="dark"], set by ui/shared/theme.ts), for the
// few colours computed in JavaScript (mode ramps) rather than through the CSS variables.
import { useEffect, useState } from 'react';

const isDark = () => typeof document !== 'undefined' && document.documentElement.dataset.theme === 'dark';

export function useDarkTheme(): boolean {
  const [dark, setDark] = useState(isDark);
  useEffect(() => {
    if (typeof MutationObserver === 'undefined') return;
    const mo = new MutationObserver(() => setDark(isDark()));
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => mo.disconnect();
  }, []);
  return dark;
}
