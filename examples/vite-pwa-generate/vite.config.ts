import { CLASSIC_WORKER_SCRIPT, copyHelpAssets } from 'startup-help/assets'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'

// #region readme
copyHelpAssets('public') // help-page.js and .css, startup-help-sw.js: next to the generated worker

export default defineConfig({
  plugins: [
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false, // registerStartupHelp registers it: its URL carries the configuration
      workbox: {
        importScripts: [CLASSIC_WORKER_SCRIPT],
        // The SPA shell comes from the precache; server pages go to the network, guarded.
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/^\/server\//],
      },
    }),
  ],
})
// #endregion readme
