// The service worker (Workbox, built by vite-plugin-pwa's injectManifest): precaches the whole
// build — HTML, JS, CSS, the tfjs wasm binaries, icons, KaTeX fonts — and serves it cache-first,
// so after the first visit the app loads offline. Every cached response gets the COOP/COEP
// headers (see isolation.ts). Any query string (the settings) maps to the same cached page;
// other navigations within the scope fall back to index.html. A new deploy takes over at once.
import { cleanupOutdatedCaches, createHandlerBoundToURL, addPlugins, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { clientsClaim } from 'workbox-core';
import { withIsolationHeaders } from './isolation';

interface SwScope {
  __WB_MANIFEST: (string | { url: string; revision: string | null })[];
  skipWaiting(): Promise<void>;
}
const sw = self as unknown as SwScope;

addPlugins([
  {
    cachedResponseWillBeUsed: async ({ cachedResponse }) => (cachedResponse ? withIsolationHeaders(cachedResponse) : cachedResponse),
  },
]);
// `self.__WB_MANIFEST` literally: the build replaces it with the list of files to precache.
precacheAndRoute((self as unknown as SwScope).__WB_MANIFEST, { ignoreURLParametersMatching: [/.*/], directoryIndex: 'index.html', cleanURLs: true });
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));

void sw.skipWaiting();
clientsClaim();
