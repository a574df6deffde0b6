import { copyHelpAssets, HELP_ASSETS } from 'startup-help/assets'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'

// #region readme
// The help page's files, served next to the worker and precached by it.
copyHelpAssets('public')

export default defineConfig({
  plugins: [
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      // registerStartupHelp registers the worker: its URL carries startup-help's configuration.
      injectRegister: false,
      manifest: false,
      // A classic script, and no *.html: a precached page would be answered before any route.
      injectManifest: { rollupFormat: 'iife', globPatterns: ['assets/*.{js,css}', ...HELP_ASSETS] },
    }),
  ],
  // #endregion readme
  build: { rollupOptions: { input: ['index.html', 'about.html'] } },
  // #region readme
})
// #endregion readme
