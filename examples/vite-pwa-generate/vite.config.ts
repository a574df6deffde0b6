import { CLASSIC_WORKER_SCRIPT, copyHelpAssets } from 'startup-help/assets'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'

// #region readme
// help-page.js, help-page.css and startup-help-sw.js, served next to the generated worker.
copyHelpAssets('public')

export default defineConfig({
  plugins: [
    VitePWA({
      registerType: 'autoUpdate',
      // registerStartupHelp registers the worker: its URL carries startup-help's configuration.
      injectRegister: false,
      manifest: false,
      workbox: {
        importScripts: [CLASSIC_WORKER_SCRIPT],
        // The SPA shell comes from the precache; server-rendered pages go to the network
        // (and get the help page when the server fails).
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/^\/server\//],
      },
    }),
  ],
})
// #endregion readme
