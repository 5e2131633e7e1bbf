// Installable, offline build: the web-app manifest and a Workbox service worker (src/sw/sw.ts,
// injectManifest) precaching the whole dist/ — including the tfjs wasm binaries — with relative
// URLs, so the build works from any sub-path (e.g. https://user.github.io/repo/).
import { VitePWA } from 'vite-plugin-pwa';

export const pwa = VitePWA({
  strategies: 'injectManifest',
  srcDir: 'src/sw',
  filename: 'sw.ts',
  registerType: 'autoUpdate',
  // registered by the app itself (src/sw/register.ts): skipped in cross-origin iframes, refusals quiet
  injectRegister: false,
  // the glob below already lists every icon: no second (duplicate) precache entry for them
  includeManifestIcons: false,
  manifest: {
    name: 'Tangent Lab',
    short_name: 'Tangent Lab',
    description: 'Train a neural network live in your browser and watch why a wide one behaves like its linearisation.',
    start_url: './',
    scope: './',
    display: 'standalone',
    background_color: '#f6f7f9',
    theme_color: '#0b3a5b',
    icons: [
      { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  },
  injectManifest: {
    // app, worker, wasm binaries, styles, icons, KaTeX fonts (woff2: every browser with service workers reads it)
    globPatterns: ['**/*.{html,js,mjs,css,wasm,json,webmanifest,svg,png,woff2}'],
    globIgnores: ['social-preview.png'],
    maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
  },
  devOptions: { enabled: false },
});
