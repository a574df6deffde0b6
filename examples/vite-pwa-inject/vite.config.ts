import { copyHelpAssets, HELP_ASSETS } from 'startup-help/assets'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'

// #region readme
copyHelpAssets('public') // help-page.js and .css, served next to the worker and precached by it

export default defineConfig({
  plugins: [
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      injectRegister: false, // registerStartupHelp registers it: its URL carries the configuration
      // A classic script, and no *.html: a precached page is answered before any route runs.
      injectManifest: { rollupFormat: 'iife', globPatterns: ['assets/*.{js,css}', ...HELP_ASSETS] },
    }),
  ],
  // #endregion readme
  build: { rollupOptions: { input: ['index.html', 'about.html'] } },
  // #region readme
})
// #endregion readme
