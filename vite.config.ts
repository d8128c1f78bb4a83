/** Build of the customer PWA: Solid, the Workbox app-shell service worker, and the dev proxy to the sync server. */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import solid from 'vite-plugin-solid';

const SYNC_SERVER = 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [
    solid(),
    VitePWA({
      // main.tsx registers the worker itself (workbox-window) to show the update prompt.
      injectRegister: false,
      registerType: 'prompt',
      // The server renders /manifest.webmanifest from the portal's branding; index.html links it.
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,svg,ico,woff2}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api(\/|$)/, /^\/db(\/|$)/, /^\/manifest\.webmanifest$/],
        // With injectRegister false nothing claims the first visit: claim it here so that it is controlled
        // at once. skipWaiting stays off: a new build waits until the user presses Reload in the prompt.
        clientsClaim: true,
        skipWaiting: false,
        cleanupOutdatedCaches: true,
        // The portal's logo is the server's, not the build's: kept on the device so that an offline start still
        // shows it, and refreshed in the background whenever the network answers (rough edge 3 of issue 16).
        runtimeCaching: [
          {
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname === '/api/portal/logo',
            handler: 'StaleWhileRevalidate',
            options: { cacheName: 'portal-logo', expiration: { maxEntries: 1 }, cacheableResponse: { statuses: [200] } },
          },
        ],
      },
    }),
  ],
  resolve: {
    // RxDB's leader election registers a deprecated `unload` listener through this package: see the shim.
    alias: { unload: fileURLToPath(new URL('./app/shims/unload.ts', import.meta.url)) },
  },
  server: {
    proxy: {
      '/api': SYNC_SERVER,
      '/db': SYNC_SERVER,
      '/manifest.webmanifest': SYNC_SERVER,
    },
  },
  build: {
    outDir: 'dist',
    // scripts/check-budgets.ts reads the module graph from dist/.vite/manifest.json.
    manifest: true,
    target: 'es2022',
  },
});
