// Registers the offline service worker (the build's sw.js, see vite.pwa.ts) where a page may have
// one. Embedded in another site's iframe the browser may refuse it (third-party storage blocked:
// "The user denied permission to use Service Worker"), and there the host page, not the embed,
// decides about offline use: a cross-origin frame skips registration, and a refusal elsewhere is a
// quiet note, never an error on the host's console.

/** Whether `win` is a frame inside a page of another origin. */
export function isCrossOriginFrame(win: Pick<Window, 'top' | 'self' | 'location'>): boolean {
  if (win.top === win.self) return false;
  try {
    return win.top?.location.origin !== win.location.origin;
  } catch {
    return true; // reading another origin's location throws
  }
}

/**
 * Register ./sw.js (scope ./) `delayMs` after the page has loaded (the page passes a few seconds: the
 * service worker's install precaches the whole build, which would otherwise compete with the run's
 * start-up for the CPU); resolves to whether it was registered.
 */
export function registerServiceWorker(win: Window = window, delayMs = 0): Promise<boolean> {
  const sw = win.navigator.serviceWorker as ServiceWorkerContainer | undefined;
  if (!sw || isCrossOriginFrame(win)) return Promise.resolve(false);
  const loaded = win.document.readyState === 'complete' ? Promise.resolve() : new Promise<void>((r) => win.addEventListener('load', () => r(), { once: true }));
  return loaded
    .then(() => (delayMs > 0 ? new Promise<void>((r) => setTimeout(r, delayMs)) : undefined))
    .then(() => sw.register('./sw.js', { scope: './' }))
    .then(
      () => true,
      (e: unknown) => {
        console.info(`Tangent Lab works online only here: ${e instanceof Error ? e.message : String(e)}`);
        return false;
      },
    );
}
