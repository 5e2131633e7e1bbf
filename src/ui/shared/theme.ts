// Theme (light/dark, following prefers-color-scheme unless chosen) and large type for projectors:
// both are attributes on <html> that styles.css turns into CSS variables, which the plots use.
import { useEffect, useState } from 'react';
import type { ThemeChoice } from './appParams';

function systemTheme(): 'light' | 'dark' {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** The theme in effect: the explicit choice, else the system's (tracked live). */
export function useAppearance(choice: ThemeChoice, large: boolean): 'light' | 'dark' {
  const [system, setSystem] = useState(systemTheme);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const mq = matchMedia('(prefers-color-scheme: dark)');
    const on = () => setSystem(mq.matches ? 'dark' : 'light');
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  const theme = choice ?? system;
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = theme;
    root.style.colorScheme = theme;
    if (large) root.dataset.large = '1';
    else delete root.dataset.large;
  }, [theme, large]);
  return theme;
}
